/**
 * A native password field (native-field.ts) with a "显示密码" button beside it, for people who type
 * slowly on a phone and want to see what they typed. The button says what it does in words and
 * tells a screen reader whether the password is shown (aria-pressed); the field keeps its label,
 * its problem and its hint.
 */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../i18n.js';
import { fieldProblem, nativeField } from './native-field.js';

export interface PasswordField {
  /** The control's id and name. */
  name: string;
  label: string;
  autocomplete: 'current-password' | 'new-password';
  value: string;
  error?: string;
  hint?: string;
  onInput: (value: string) => void;
}

function toggle(event: Event): void {
  const button = event.currentTarget as HTMLButtonElement;
  const input = button.parentElement?.querySelector('input');
  if (!input) return;
  const show = input.type === 'password';
  input.type = show ? 'text' : 'password';
  button.setAttribute('aria-pressed', String(show));
}

export function passwordField(f: PasswordField) {
  return nativeField(
    f.name,
    f.label,
    html`<div class="password">
      <input
        class="input"
        id=${f.name}
        name=${f.name}
        type="password"
        autocomplete=${f.autocomplete}
        autocapitalize="off"
        spellcheck="false"
        .value=${live(f.value)}
        @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
        ${fieldProblem(f.name, f.error, f.hint)}
      />
      <button type="button" class="button reveal" aria-pressed="false" aria-controls=${f.name} @click=${toggle}>${t('accounts.showPassword')}</button>
    </div>`,
    f.error,
    f.hint,
  );
}
