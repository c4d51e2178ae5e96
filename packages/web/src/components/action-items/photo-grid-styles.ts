/** Photos as a grid of square thumbnails (a resident's on the item page, the ones being chosen in a form). */
import { css } from 'lit';

export const photoGridStyles = css`
  ul.photo-grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, 8rem);
    gap: 0.75rem;
  }
  ul.photo-grid img {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 1;
    object-fit: cover;
    border-radius: var(--yishi-radius);
    border: 1px solid var(--yishi-border);
  }
`;
