/**
 * What the meetings forms add to the shared form styles (styles/form-styles.ts): every control's
 * label in bold, as the admin pages' sl-input labels are, and checkboxes and radios as tall as a
 * tap target. A candidate for the shared form styles.
 */
import { css } from 'lit';

export const meetingFormStyles = css`
  sl-input::part(form-control-label),
  sl-select::part(form-control-label),
  sl-textarea::part(form-control-label),
  sl-radio-group::part(form-control-label) {
    font-weight: 600;
  }
  sl-checkbox,
  sl-radio {
    display: flex;
    align-items: center;
    min-height: var(--yishi-tap);
  }
`;
