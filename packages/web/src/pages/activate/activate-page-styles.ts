/** The look of the activation page (activate-page.ts): the greeting, the privacy notice, the code field and the consent row. */
import { css } from 'lit';
import { accountFormStyles } from '../../components/accounts/account-form-styles.js';
import { smsFieldsStyles } from '../../components/accounts/sms-fields.js';
import { tabsStyles } from '../../components/common/tabs.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

export const activatePageStyles = [
  smsFieldsStyles,
  accountFormStyles,
  buttonStyles,
  nativeFieldStyles,
  tabsStyles,
  css`
    a.button {
      text-decoration: none;
    }
    .greeting {
      border-color: var(--yishi-brand);
      box-shadow: inset 4px 0 0 var(--yishi-brand);
      margin: 0;
    }
    .greeting p {
      margin: 0 0 0.25rem;
    }
    .greeting .hello {
      font-size: 1.25rem;
      font-weight: 700;
    }
    .greeting .place,
    .greeting .granted,
    .greeting .reset {
      font-size: 1.1rem;
      font-weight: 600;
    }
    .notice {
      margin: 0;
    }
    .notice p {
      margin: 0 0 0.9em;
    }
    .notice p:last-child {
      margin-bottom: 0;
    }
    .reset-note {
      font-weight: 600;
    }
    .input.code {
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: 1.15rem;
      letter-spacing: 0.08em;
    }
    /* The whole consent row is one large target, set apart from the notice above. */
    .check.consent {
      padding: 0.75rem 1rem;
      font-weight: 700;
      font-size: 1.1rem;
      background: var(--yishi-surface);
      border: 2px solid var(--yishi-brand);
      border-radius: var(--yishi-radius);
    }
    .check.consent:has(input[aria-invalid='true']) {
      border-color: var(--yishi-danger-text);
    }
    .choice {
      display: grid;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      border: none;
    }
    .choice .label {
      padding: 0;
      margin-bottom: 0.25rem;
      font-weight: 600;
    }
  `,
];
