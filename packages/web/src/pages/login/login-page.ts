/**
 * Login, two ways: phone number or username and password, or phone number and an SMS code (for
 * people who log in by code only, or forgot their password). A phone whose account is not activated
 * yet is told so and sent to the activation page, where the code just received works too. The
 * elder-mode switch sits on this first screen (MIIT asks for it where people first land), a wrong
 * password is said in words, and first-time users find "第一次使用？激活账号" under the forms.
 *
 * The first page many owners open, on a phone, often on a weak signal: its controls are native
 * (fields, tabs, the switch, buttons), so it loads no Shoelace.
 */
import { activationEndpoints, setupEndpoints } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { navigate, safeNext } from '../../app/router.js';
import { focusFirstProblem, noteRefusal, renderFormError, showProblems } from '../../components/accounts/account-form.js';
import { accountFormStyles } from '../../components/accounts/account-form-styles.js';
import { SMS_FIELD_OF_CODE, cleanPhone, renderSmsFields, smsFieldsStyles } from '../../components/accounts/sms-fields.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderTabs, tabsStyles } from '../../components/common/tabs.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { passwordField } from '../../components/forms/password-field.js';
import { textField } from '../../components/forms/text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { SmsCountdownController } from '../../controllers/sms-countdown-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { isElderMode, lastLoginWay, rememberLoginWay, setElderMode } from '../../state/preferences.js';
import { loadMe, logIn } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { switchStyles } from '../../styles/switch-styles.js';

type SmsField = 'phone' | 'smsCode';
const SMS_FIELDS: readonly SmsField[] = ['phone', 'smsCode'];
/** Each SMS error's field; a code already used or tried too often is about the code's field too. */
const LOGIN_SMS_FIELD_OF_CODE: Partial<Record<string, SmsField>> = {
  ...SMS_FIELD_OF_CODE,
  access_code_used: 'smsCode',
  access_code_voided: 'smsCode',
  too_many_attempts: 'smsCode',
};

@customElement('yishi-login-page')
export class LoginPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    smsFieldsStyles,
    accountFormStyles,
    buttonStyles,
    nativeFieldStyles,
    tabsStyles,
    switchStyles,
    css`
      .panel {
        max-width: 28rem;
      }
      .elder {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        background: var(--sl-color-warning-50);
        border: 2px solid var(--sl-color-warning-700);
        border-radius: var(--yishi-radius);
        padding: 0.75rem 1rem;
        margin-bottom: 1.25rem;
      }
      .elder .elder-switch {
        font-size: 1.15rem;
        font-weight: 700;
      }
      form {
        display: grid;
        gap: 1rem;
      }
      form .button[type='submit'] {
        width: 100%;
      }
      .first-time {
        margin-top: 1.5rem;
        display: grid;
        gap: 0.25rem;
      }
      .first-time .link-button {
        width: 100%;
        font-size: 1.05rem;
        text-align: center;
      }
      .first-time p {
        margin: 0;
      }
      .public-hint {
        margin-top: 1.5rem;
      }
      .not-activated .link-button {
        margin-top: 0.5rem;
      }
    `,
  ];

  /** Which way of logging in is shown: a password, or an SMS code (the way last used on this device). */
  @state() private way = lastLoginWay();
  @state() private login = '';
  @state() private password = '';
  @state() private busy = false;
  @state() private error: string | null = null;

  @state() private phone = '';
  @state() private smsCode = '';
  @state() private sentTo: string | null = null;
  /** Which of the SMS form's two requests is out: the code being sent, or the login. */
  @state() private smsAction: 'send' | 'login' | null = null;
  /** The phone has no active account: it should be activated first (said when the code was sent, or by the login's error). */
  @state() private notActivated: 'sent' | 'error' | null = null;

  /** The SMS form's requests (sending a code, logging in with it), their refusals under their fields. */
  private readonly sms = new WriteController<SmsField>(this);
  private readonly countdown = new SmsCountdownController(this, () => cleanPhone(this.phone));

  /**
   * The password login keeps its own refusal: its wrong password is a 401, which the
   * WriteController (rightly, for everything else) takes for an expired session.
   */
  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const login = this.login.trim();
    const password = this.password;
    if (login === '' || password === '') {
      this.error = t('login.required');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await logIn(login, password);
      rememberLoginWay('password');
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
      void focusControl(this, 'password');
    } finally {
      this.busy = false;
    }
  }

  // Logging in with an SMS code

  private showSmsProblems(errors: FieldErrors<SmsField>): void {
    showProblems(this.sms, errors);
    focusFirstProblem(this, this.sms, SMS_FIELDS);
  }

  /** Runs one of the SMS form's requests; a refusal saying the phone is not activated yet offers the way there. */
  private runSms<T>(action: 'send' | 'login', request: () => Promise<T>): Promise<T | undefined> {
    this.smsAction = action;
    this.notActivated = null;
    const noted = () => noteRefusal(request(), 'account_not_activated', () => (this.notActivated = 'error'));
    return this.sms.run(noted, { fields: SMS_FIELDS, fieldOfCode: LOGIN_SMS_FIELD_OF_CODE, errorAs: 'inline' }).finally(() => (this.smsAction = null));
  }

  private async sendCode(): Promise<void> {
    const phone = cleanPhone(this.phone);
    if (phone === '') {
      this.showSmsProblems({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return;
    }
    const sent = await this.runSms('send', () => this.countdown.request(phone));
    if (!sent) {
      focusFirstProblem(this, this.sms, SMS_FIELDS);
      return;
    }
    this.sentTo = phone;
    this.notActivated = sent.purpose === 'activate' ? 'sent' : null;
    if (!this.notActivated) void focusControl(this, 'smsCode');
  }

  private async submitSms(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sms.busy) return;
    const phone = cleanPhone(this.phone);
    const smsCode = this.smsCode.trim();
    if (phone === '') {
      this.showSmsProblems({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return;
    }
    if (!/^\d{6}$/.test(smsCode)) {
      this.showSmsProblems({ smsCode: t('activate.needCode') });
      return;
    }
    const loggedIn = await this.runSms('login', async () => {
      const result = await api.call(activationEndpoints.loginWithSms, { body: { phone, smsCode } });
      await loadMe({ force: true });
      return result;
    });
    if (loggedIn) {
      rememberLoginWay('sms');
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } else focusFirstProblem(this, this.sms, SMS_FIELDS);
  }

  /** A fresh installation has no administrator yet: nobody can log in, and the page says what comes first. */
  private readonly setup = new LoadController(this, (signal) => api.call(setupEndpoints.status, { signal }));

  /** Why the visitor is here, when a page sent her (a vote's link from an SMS, a meeting's): where the login leads back to. */
  private renderWhy() {
    const next = new URLSearchParams(location.search).get('next');
    if (!next || safeNext(next) === '/') return nothing;
    const key = next.startsWith('/votes/') ? 'login.nextVote' : next.startsWith('/meetings/') ? 'login.nextMeeting' : 'login.nextPage';
    return html`<p class="alert why" role="status">${t(key)}</p>`;
  }

  override render() {
    return html`<div class="panel">
      <h1>${t('login.heading')}</h1>
      ${
        this.setup.value?.needed
          ? html`<div class="alert warning" role="status">
              <p>${t('login.setupNeeded')}</p>
              <a class="tap-link" href="/setup">${t('login.setupLink')}</a>
            </div>`
          : nothing
      }
      <div class="elder">
        <label class="switch elder-switch"
          ><input type="checkbox" role="switch" .checked=${isElderMode()} @change=${(e: Event) => setElderMode((e.target as HTMLInputElement).checked)} />${t(
            'shell.elder',
          )}</label
        >
        <span class="muted">${t('login.elderHint')}</span>
      </div>
      ${this.renderWhy()}
      <p class="lead">${t('login.intro')}</p>
      ${renderTabs({
        id: 'way',
        label: t('login.heading'),
        active: this.way,
        onSelect: (way) => (this.way = way),
        tabs: [
          { key: 'password', label: t('smsLogin.tabPassword'), panel: this.renderPasswordForm() },
          { key: 'sms', label: t('smsLogin.tabSms'), panel: this.renderSmsForm() },
        ],
      })}
      <div class="first-time">
        <a class="link-button" href="/activate">${t('smsLogin.firstTime')}</a>
        <p class="muted">${t('smsLogin.firstTimeHint')}</p>
      </div>
      <p class="muted public-hint">${t('login.publicHint')}</p>
    </div>`;
  }

  private renderPasswordForm() {
    return html`${renderFormError(this.error, { className: 'login-error', title: t('login.failed') })}
      <form @submit=${this.submit} novalidate>
        ${textField({
          name: 'login',
          label: t('login.login'),
          value: this.login,
          autocomplete: 'username',
          autocapitalize: 'off',
          onInput: (value) => (this.login = value),
        })}
        ${passwordField({
          name: 'password',
          label: t('login.password'),
          autocomplete: 'current-password',
          value: this.password,
          onInput: (value) => (this.password = value),
        })}
        <button type="submit" class="button primary" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${t('login.submit')}</button>
      </form>`;
  }

  private renderSmsForm() {
    return html`<form class="sms-login" @submit=${this.submitSms} novalidate>
      <p class="muted">${t('smsLogin.intro')}</p>
      ${renderSmsFields({
        phone: this.phone,
        smsCode: this.smsCode,
        errors: this.sms.fieldErrors,
        secondsLeft: this.countdown.secondsLeft,
        sending: this.smsAction === 'send',
        sentTo: this.notActivated === 'sent' ? null : this.sentTo,
        onPhone: (value) => {
          this.phone = value;
          this.notActivated = null;
          this.sms.clearField('phone');
        },
        onSmsCode: (value) => {
          this.smsCode = value;
          this.sms.clearField('smsCode');
        },
        onSend: () => void this.sendCode(),
      })}
      <div role="status">
        ${
          this.notActivated === 'sent'
            ? html`<div class="alert warning not-activated">
                <p>${t('smsLogin.notActivated')}</p>
                <a class="link-button primary" href="/activate?via=sms">${t('smsLogin.goActivate')}</a>
              </div>`
            : this.notActivated === 'error'
              ? html`<a class="link-button primary" href="/activate?via=sms">${t('smsLogin.goActivate')}</a>`
              : nothing
        }
      </div>
      ${renderFormError(this.sms.error, { className: 'sms-error', title: t('login.failed') })}
      ${
        this.notActivated === 'sent'
          ? nothing /* nothing to log in to yet: the way on is the activation button above */
          : html`<button
              type="submit"
              class="button primary"
              ?disabled=${this.smsAction === 'login'}
              aria-busy=${this.smsAction === 'login' ? 'true' : 'false'}
            >
              ${t('login.submit')}
            </button>`
      }
    </form>`;
  }
}
