/**
 * A switch: a native checkbox with role="switch", drawn as a toggle, inside its label
 * (`<label class="switch"><input type="checkbox" role="switch" />长辈版（大字）</label>`). The
 * elder-mode switch in the shell's header and on the login page (larger, where people first land),
 * and the quiet hours in the notification settings.
 */
import { css } from 'lit';

export const switchStyles = css`
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: var(--yishi-tap);
    font-weight: 600;
    cursor: pointer;
  }
  .switch input {
    appearance: none;
    margin: 0;
    flex: none;
    position: relative;
    width: calc(var(--sl-toggle-size-medium) * 2);
    height: var(--sl-toggle-size-medium);
    border-radius: var(--sl-toggle-size-medium);
    border: 2px solid var(--sl-color-neutral-400, #94a3b8);
    background: var(--sl-color-neutral-400, #94a3b8);
    cursor: pointer;
    transition: background 0.15s;
  }
  .switch input::before {
    content: '';
    position: absolute;
    top: 0;
    left: 0;
    width: calc(var(--sl-toggle-size-medium) - 4px);
    height: calc(var(--sl-toggle-size-medium) - 4px);
    border-radius: 50%;
    background: #fff;
    transition: transform 0.15s;
  }
  .switch input:checked {
    background: var(--yishi-brand);
    border-color: var(--yishi-brand);
  }
  .switch input:checked::before {
    transform: translateX(var(--sl-toggle-size-medium));
  }
`;
