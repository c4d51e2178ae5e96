import { css } from 'lit';

/**
 * A meeting's list of people, one row each (a council's sign-in list, an evening talk's cadres noted
 * present): the name on the left, what was done and its button on the right, wrapping under the
 * name on a narrow phone, rows parted by a line.
 */
export const peopleListStyles = css`
  ul.people {
    list-style: none;
    padding: 0.25rem 1rem;
  }
  ul.people li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0;
    border-top: 1px solid var(--yishi-border);
  }
  ul.people li:first-child {
    border-top: none;
  }
`;
