/** The shared text field of the meetings feature, tall enough for a whole minutes draft. */
import { css } from 'lit';
import { customElement } from 'lit/decorators.js';
import { YTextField } from '../meetings/ytext-field.js';

@customElement('yishi-minutes-text-field')
export class MinutesTextField extends YTextField {
  static override styles = css`
    ${YTextField.styles}
    textarea {
      min-height: 28rem;
      line-height: 1.7;
    }
  `;

  /** Shows the text again after a change made on this device outside the box (regenerating). */
  refresh(): void {
    const box = this.renderRoot.querySelector('textarea');
    if (box && this.text) box.value = this.text.toString();
  }
}
