/** Step 3 of activating an account (activate-page.ts): how to log in from now on, a password typed twice or, where allowed, SMS codes only. */
import { PASSWORD_MIN_LENGTH } from '@yishi/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { renderFormError } from '../../components/accounts/account-form.js';
import { passwordField } from '../../components/forms/password-field.js';
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
        ? html`<fieldset class="choice">
            <legend class="label">${t('activate.choose')}</legend>
            <label class="check"
              ><input type="radio" name="method" value="password" .checked=${live(!s.codeOnly)} @change=${() => s.onCodeOnly(false)} />${t(
                'activate.choosePassword',
              )}</label
            >
            <label class="check"
              ><input type="radio" name="method" value="code" .checked=${live(s.codeOnly)} @change=${() => s.onCodeOnly(true)} />${t(
                'activate.chooseCodeOnly',
              )}</label
            >
          </fieldset>`
        : nothing
    }
    ${
      s.codeOnly
        ? html`<p class="card code-only-note">${t('activate.codeOnlyNote')}</p>`
        : html`${passwordField({
            name: 'password',
            label: s.reset ? t('accounts.newPassword') : t('accounts.password'),
            autocomplete: 'new-password',
            value: s.password,
            error: s.errors.password,
            hint: t('accounts.passwordHint', { min: PASSWORD_MIN_LENGTH }),
            onInput: (value) => s.onPassword('password', value),
          })}
          ${passwordField({
            name: 'password2',
            label: t('accounts.passwordAgain'),
            autocomplete: 'new-password',
            value: s.password2,
            error: s.errors.password2,
            onInput: (value) => s.onPassword('password2', value),
          })}`
    }
    ${renderFormError(s.error)}
    <div class="nav">
      <button type="button" class="button" @click=${s.onBack}>${t('accounts.back')}</button>
      <button type="submit" class="button primary" ?disabled=${s.finishing} aria-busy=${s.finishing ? 'true' : 'false'}>
        ${s.reset ? t('activate.finishReset') : t('activate.finish')}
      </button>
    </div>
  </form>`;
}
