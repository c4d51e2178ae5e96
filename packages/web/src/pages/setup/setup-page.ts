/**
 * First-run setup (初始设置): the page behind the one-time link the server writes to its log when
 * its database is empty (`/setup?token=…`). It creates the subdistrict and its first administrator,
 * who is then logged in and goes on to build everything else. Once set up, the page only says so
 * and points to the login page; without a token it explains where the link is and how to set up
 * from the command line instead.
 */
import { PASSWORD_MIN_LENGTH, setupEndpoints } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { navigate } from '../../app/router.js';
import { focusFirstProblem, noteRefusal, renderFormError, showProblems } from '../../components/accounts/account-form.js';
import { accountFormStyles } from '../../components/accounts/account-form-styles.js';
import { cleanPhone } from '../../components/accounts/sms-fields.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderError, renderLoading } from '../../components/common/load-state.js';
import { passwordField } from '../../components/forms/password-field.js';
import { textField } from '../../components/forms/text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t, type MessageKey } from '../../i18n.js';
import { currentMe, loadMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type Field = 'subdistrict' | 'name' | 'phone' | 'password' | 'password2';
const FIELDS: readonly Field[] = ['subdistrict', 'name', 'phone', 'password', 'password2'];
const LABELS: Record<Field, MessageKey> = {
  subdistrict: 'setup.subdistrict',
  name: 'setup.name',
  phone: 'accounts.phone',
  password: 'accounts.password',
  password2: 'accounts.passwordAgain',
};
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  place_name_invalid: 'subdistrict',
  person_name_invalid: 'name',
  phone_invalid: 'phone',
  password_too_short: 'password',
  password_too_long: 'password',
  password_too_common: 'password',
  password_contains_phone: 'password',
};

@customElement('yishi-setup-page')
export class SetupPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    nativeFieldStyles,
    accountFormStyles,
    buttonStyles,
    css`
      .next-steps {
        margin: 0 0 1.25rem;
      }
      .next-steps h2 {
        margin-top: 0;
        font-size: 1.05rem;
      }
      .next-steps ol {
        margin: 0;
        padding-left: 1.5rem;
      }
      .next-steps li + li {
        margin-top: 0.25rem;
      }
    `,
  ];

  @state() private values: Record<Field, string> = { subdistrict: '', name: '', phone: '', password: '', password2: '' };
  /** Set once the server says setup is done (also when a second setup is refused). */
  @state() private done = false;

  private readonly write = new WriteController<Field>(this);
  // Who is logged in too: the link used again by the administrator it made is answered for her, not as for a stranger.
  private readonly status = new LoadController(this, async (signal) => {
    const [status] = await Promise.all([api.call(setupEndpoints.status, { signal }), loadMe().catch(() => null)]);
    return status;
  });
  private readonly token = new URLSearchParams(location.search).get('token')?.trim() ?? '';

  private set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.write.clearField(field);
  }

  private showErrors(errors: FieldErrors<Field>): void {
    showProblems(this.write, errors);
    focusFirstProblem(this, this.write, FIELDS);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const v = { ...this.values, subdistrict: this.values.subdistrict.trim(), name: this.values.name.trim(), phone: cleanPhone(this.values.phone) };
    const missing = FIELDS.filter((f) => v[f] === '');
    if (missing.length > 0) {
      this.showErrors(Object.fromEntries(missing.map((f) => [f, t('accounts.required', { field: t(LABELS[f]) })])));
      return;
    }
    if (v.password.length < PASSWORD_MIN_LENGTH) {
      this.showErrors({ password: t('accounts.passwordTooShort', { min: PASSWORD_MIN_LENGTH, length: v.password.length }) });
      return;
    }
    if (v.password !== v.password2) {
      this.showErrors({ password2: t('accounts.passwordMismatch') });
      return;
    }
    const body = { token: this.token, subdistrict: v.subdistrict, name: v.name, phone: v.phone, password: v.password };
    const loggedIn = await this.write.run(
      async () => {
        const result = await noteRefusal(api.call(setupEndpoints.complete, { body }), 'setup_done', () => (this.done = true));
        await loadMe({ force: true });
        return result;
      },
      { success: t('setup.done'), fields: FIELDS, fieldOfCode: FIELD_OF_CODE, errorAs: 'inline' },
    );
    if (loggedIn) navigate('/', { replace: true });
    else focusFirstProblem(this, this.write, FIELDS);
  }

  override render() {
    return html`<div class="panel">
      ${
        this.done
          ? this.renderDone()
          : this.status.status === 'error' && this.status.error
            ? html`<h1>${t('setup.heading')}</h1>
                ${renderError(this.status.error.message, () => void this.status.reload())}`
            : this.status.status !== 'ready' || !this.status.value
              ? renderLoading()
              : !this.status.value.needed
                ? this.renderDone()
                : this.token === ''
                  ? this.renderNoToken()
                  : this.renderForm()
      }
    </div>`;
  }

  private renderDone() {
    const me = currentMe();
    if (me)
      return html`<h1>${t('setup.doneHeading')}</h1>
        <p class="lead">${t('setup.doneLoggedIn', { name: me.displayName })}</p>
        <p><a class="link-button primary" href="/">${t('setup.goHome')}</a></p>`;
    return html`<h1>${t('setup.doneHeading')}</h1>
      <p class="lead">${t('setup.doneBody')}</p>
      <p><a class="link-button primary" href="/login">${t('setup.goLogin')}</a></p>`;
  }

  private renderNoToken() {
    return html`<h1>${t('setup.heading')}</h1>
      <h2>${t('setup.noTokenHeading')}</h2>
      <p>${t('setup.noTokenBody')}</p>
      <pre>[yishi setup] ${location.origin}/setup?token=…</pre>
      <p>${t('setup.noTokenOpen')}</p>
      <h2>${t('setup.cliTitle')}</h2>
      <p>${t('setup.cliBody')}</p>
      <pre>yishi setup --subdistrict &lt;${t('setup.subdistrict')}&gt; --name &lt;${t('setup.name')}&gt; --phone &lt;${t('accounts.phone')}&gt;</pre>
      <p class="muted">${t('setup.cliSource')}</p>`;
  }

  private input(
    field: Exclude<Field, 'password' | 'password2'>,
    options: { type?: 'text' | 'tel'; autocomplete: string; hint?: string; inputmode?: 'numeric' },
  ) {
    return textField({
      name: field,
      label: t(LABELS[field]),
      value: this.values[field],
      type: options.type,
      inputmode: options.inputmode,
      autocomplete: options.autocomplete,
      error: this.write.fieldErrors[field],
      hint: options.hint,
      onInput: (value) => this.set(field, value),
    });
  }

  private password(field: 'password' | 'password2', hint?: string) {
    return passwordField({
      name: field,
      label: t(LABELS[field]),
      autocomplete: 'new-password',
      value: this.values[field],
      error: this.write.fieldErrors[field],
      hint,
      onInput: (value) => this.set(field, value),
    });
  }

  private renderForm() {
    return html`<h1>${t('setup.heading')}</h1>
      <p class="lead">${t('setup.intro')}</p>
      <section class="card next-steps" aria-labelledby="next-steps">
        <h2 id="next-steps">${t('setup.nextTitle')}</h2>
        <ol>
          <li>${t('setup.next1')}</li>
          <li>${t('setup.next2')}</li>
          <li>${t('setup.next3')}</li>
          <li>${t('setup.next4')}</li>
        </ol>
      </section>
      <form class="fields" @submit=${this.submit} novalidate>
        ${this.input('subdistrict', { autocomplete: 'organization', hint: t('setup.subdistrictHint') })}
        ${this.input('name', { autocomplete: 'name', hint: t('setup.nameHint') })}
        ${this.input('phone', { type: 'tel', autocomplete: 'tel', inputmode: 'numeric', hint: t('setup.phoneHint') })}
        ${this.password('password', t('accounts.passwordHint', { min: PASSWORD_MIN_LENGTH }))} ${this.password('password2')}
        ${renderFormError(this.write.error)}
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>${t('setup.submit')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-setup-page': SetupPage;
  }
}
