/** Step 3 of activating an account (activate-page.ts): how to log in from now on, a password typed twice or, where allowed, SMS codes only. */
import { PASSWORD_MIN_LENGTH } from '@yishi/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { renderFormError } from '../../components/accounts/account-form.js';
import { helpText } from '../../components/forms/form-errors.js';
import { t } from '../../i18n.js';
import type { Field } from './activate-fields.js';

export interface LoginChoiceStep {
  /** A password reset rather than a first activation. */
  reset: boolean;
  codeOnlyAllowed: boolean;
  codeOnly: boolean;
  password: string;
  password2: string;
  errors: FieldErrors<Field>;
  /** The page's error that is about no field. */
  error: string | null;
  finishing: boolean;
  onCodeOnly: (codeOnly: boolean) => void;
  onPassword: (field: 'password' | 'password2', value: string) => void;
  onBack: () => void;
  onSubmit: (event: Event) => void;
}

export function renderLoginChoiceStep(s: LoginChoiceStep) {
  return html`<form class="fields" @submit=${s.onSubmit} novalidate>
    ${s.reset ? html`<p class="reset-note">${t('activate.resetNote')}</p>` : nothing}
    ${
      s.codeOnlyAllowed
        ? html`<sl-radio-group
            name="method"
            size="large"
            label=${t('activate.choose')}
            value=${s.codeOnly ? 'code' : 'password'}
            @sl-change=${(e: Event) => s.onCodeOnly((e.target as HTMLInputElement).value === 'code')}
          >
            <sl-radio value="password" size="large">${t('activate.choosePassword')}</sl-radio>
            <sl-radio value="code" size="large">${t('activate.chooseCodeOnly')}</sl-radio>
          </sl-radio-group>`
        : nothing
    }
    ${
      s.codeOnly
        ? html`<p class="card code-only-note">${t('activate.codeOnlyNote')}</p>`
        : html`<sl-input
              name="password"
              type="password"
              label=${s.reset ? t('accounts.newPassword') : t('accounts.password')}
              autocomplete="new-password"
              password-toggle
              .value=${live(s.password)}
              @sl-input=${(e: Event) => s.onPassword('password', (e.target as HTMLInputElement).value)}
              >${helpText(s.errors.password, t('accounts.passwordHint', { min: PASSWORD_MIN_LENGTH }))}</sl-input
            >
            <sl-input
              name="password2"
              type="password"
              label=${t('accounts.passwordAgain')}
              autocomplete="new-password"
              password-toggle
              .value=${live(s.password2)}
              @sl-input=${(e: Event) => s.onPassword('password2', (e.target as HTMLInputElement).value)}
              >${helpText(s.errors.password2)}</sl-input
            >`
    }
    ${renderFormError(s.error)}
    <div class="nav">
      <sl-button size="large" @click=${s.onBack}>${t('accounts.back')}</sl-button>
      <sl-button type="submit" variant="primary" size="large" ?loading=${s.finishing}>
        ${s.reset ? t('activate.finishReset') : t('activate.finish')}
      </sl-button>
    </div>
  </form>`;
}
