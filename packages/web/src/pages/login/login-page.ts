/**
 * Login, two ways: phone number or username and password, or phone number and an SMS code (for
 * people who log in by code only, or forgot their password). A phone whose account is not activated
 * yet is told so and sent to the activation page, where the code just received works too. The
 * elder-mode switch sits on this first screen (MIIT asks for it where people first land), a wrong
 * password is said in words, and first-time users find "第一次使用？激活账号" under the forms.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/switch/switch.js';
import '@shoelace-style/shoelace/dist/components/tab/tab.js';
import '@shoelace-style/shoelace/dist/components/tab-group/tab-group.js';
import '@shoelace-style/shoelace/dist/components/tab-panel/tab-panel.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { navigate, safeNext } from '../../app/router.js';
import { accountFormStyles } from '../../components/accounts/account-form-styles.js';
import { sortApiError, type FieldErrors } from '../../api/field-errors.js';
import { focusControl, formErrorStyles, syncValidity } from '../../components/forms/form-errors.js';
import { cleanPhone, renderSmsFields, smsFieldsStyles } from '../../components/accounts/sms-fields.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { SmsCountdownController } from '../../controllers/sms-countdown-controller.js';
import { t } from '../../i18n.js';
import { isElderMode, setElderMode } from '../../state/preferences.js';
import { loadMe, logIn } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';

type SmsField = 'phone' | 'smsCode';
const SMS_FIELDS: readonly SmsField[] = ['phone', 'smsCode'];
const SMS_FIELD_OF_CODE: Partial<Record<string, SmsField>> = {
  phone_invalid: 'phone',
  phone_not_on_roster: 'phone',
  sms_too_soon: 'phone',
  sms_phone_limit: 'phone',
  sms_unavailable: 'phone',
  account_not_activated: 'phone',
  account_disabled: 'phone',
  sms_code_wrong: 'smsCode',
  sms_code_expired: 'smsCode',
  sms_code_format: 'smsCode',
  access_code_used: 'smsCode',
  too_many_attempts: 'smsCode',
};

@customElement('yishi-login-page')
export class LoginPage extends LitElement {
  static override styles = [
    pageStyles,
    formErrorStyles,
    smsFieldsStyles,
    accountFormStyles,
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
      .elder sl-switch::part(label) {
        font-size: 1.15rem;
        font-weight: 700;
      }
      form {
        display: grid;
        gap: 1rem;
      }
      sl-button[type='submit'] {
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
      sl-alert p {
        margin: 0.25rem 0 0;
      }
      .not-activated .link-button {
        margin-top: 0.5rem;
      }
    `,
  ];

  @state() private busy = false;
  @state() private error: string | null = null;

  @state() private phone = '';
  @state() private smsCode = '';
  @state() private sentTo: string | null = null;
  @state() private sending = false;
  @state() private smsBusy = false;
  @state() private smsErrors: FieldErrors<SmsField> = {};
  @state() private smsGeneral: string | null = null;
  /** The phone has no active account: it should be activated first (said when the code was sent, or by the login's error). */
  @state() private notActivated: 'sent' | 'error' | null = null;

  private readonly prefs = new PreferencesController(this);
  private readonly countdown = new SmsCountdownController(this, () => cleanPhone(this.phone));

  protected override updated(): void {
    syncValidity(this.renderRoot, this.smsErrors, SMS_FIELDS);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const login = String(data.get('login') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (login === '' || password === '') {
      this.error = t('login.required');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await logIn(login, password);
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
      const field = this.renderRoot.querySelector<HTMLElement>('sl-input[name="password"]');
      field?.focus();
    } finally {
      this.busy = false;
    }
  }

  // Logging in with an SMS code

  private showSmsErrors(errors: FieldErrors<SmsField>, general: string | null = null): void {
    this.smsErrors = errors;
    this.smsGeneral = general;
    const first = SMS_FIELDS.find((f) => errors[f]);
    if (first) void focusControl(this, first);
  }

  private showSmsApiError(error: unknown): void {
    this.notActivated = isApiError(error, 'account_not_activated') ? 'error' : null;
    const sorted = sortApiError(error, SMS_FIELDS, SMS_FIELD_OF_CODE);
    this.showSmsErrors(sorted.fields, sorted.general);
  }

  private async sendCode(): Promise<void> {
    const phone = cleanPhone(this.phone);
    if (phone === '') {
      this.showSmsErrors({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return;
    }
    this.sending = true;
    this.smsErrors = {};
    this.smsGeneral = null;
    this.notActivated = null;
    try {
      const sent = await this.countdown.request(phone);
      this.sentTo = phone;
      this.notActivated = sent.purpose === 'activate' ? 'sent' : null;
      if (!this.notActivated) void focusControl(this, 'smsCode');
    } catch (error) {
      this.showSmsApiError(error);
    } finally {
      this.sending = false;
    }
  }

  private async submitSms(event: Event): Promise<void> {
    event.preventDefault();
    if (this.smsBusy) return;
    const phone = cleanPhone(this.phone);
    const smsCode = this.smsCode.trim();
    if (phone === '') {
      this.showSmsErrors({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return;
    }
    if (!/^\d{6}$/.test(smsCode)) {
      this.showSmsErrors({ smsCode: t('activate.needCode') });
      return;
    }
    this.smsBusy = true;
    this.smsErrors = {};
    this.smsGeneral = null;
    try {
      await api.post('/api/auth/login-sms', { phone, smsCode });
      await loadMe({ force: true });
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } catch (error) {
      this.showSmsApiError(error);
    } finally {
      this.smsBusy = false;
    }
  }

  override render() {
    return html`<div class="panel">
      <h1>${t('login.heading')}</h1>
      <div class="elder">
        <sl-switch
          ?checked=${isElderMode()}
          @sl-change=${(e: Event) => setElderMode((e.target as HTMLInputElement).checked)}
          >${t('shell.elder')}</sl-switch
        >
        <span class="muted">${t('login.elderHint')}</span>
      </div>
      <p class="lead">${t('login.intro')}</p>
      <sl-tab-group class="ways" no-scroll-controls>
        <sl-tab slot="nav" panel="way-password">${t('smsLogin.tabPassword')}</sl-tab>
        <sl-tab slot="nav" panel="way-sms">${t('smsLogin.tabSms')}</sl-tab>
        <sl-tab-panel name="way-password">${this.renderPasswordForm()}</sl-tab-panel>
        <sl-tab-panel name="way-sms">${this.renderSmsForm()}</sl-tab-panel>
      </sl-tab-group>
      <div class="first-time">
        <a class="link-button" href="/activate">${t('smsLogin.firstTime')}</a>
        <p class="muted">${t('smsLogin.firstTimeHint')}</p>
      </div>
      <p class="muted public-hint">${t('login.publicHint')}</p>
    </div>`;
  }

  private renderPasswordForm() {
    return html`${this.error
        ? html`<sl-alert class="login-error" variant="danger" open>
            <strong>${t('login.failed')}</strong>
            <p>${this.error}</p>
          </sl-alert>`
        : nothing}
      <form @submit=${this.submit} novalidate>
        <sl-input
          name="login"
          label=${t('login.login')}
          autocomplete="username"
          inputmode="text"
          autocapitalize="off"
          spellcheck="false"
        ></sl-input>
        <sl-input name="password" type="password" label=${t('login.password')} autocomplete="current-password" password-toggle></sl-input>
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('login.submit')}</sl-button>
      </form>`;
  }

  private renderSmsForm() {
    return html`<form class="sms-login" @submit=${this.submitSms} novalidate>
      <p class="muted">${t('smsLogin.intro')}</p>
      ${renderSmsFields({
        phone: this.phone,
        smsCode: this.smsCode,
        errors: this.smsErrors,
        secondsLeft: this.countdown.secondsLeft,
        sending: this.sending,
        sentTo: this.notActivated === 'sent' ? null : this.sentTo,
        onPhone: (value) => {
          this.phone = value;
          this.notActivated = null;
          this.smsErrors = { ...this.smsErrors, phone: undefined };
        },
        onSmsCode: (value) => {
          this.smsCode = value;
          this.smsErrors = { ...this.smsErrors, smsCode: undefined };
        },
        onSend: () => void this.sendCode(),
      })}
      <div role="status">
        ${this.notActivated === 'sent'
          ? html`<sl-alert class="not-activated" variant="warning" open>
              <p>${t('smsLogin.notActivated')}</p>
              <a class="link-button primary" href="/activate?via=sms">${t('smsLogin.goActivate')}</a>
            </sl-alert>`
          : this.notActivated === 'error'
            ? html`<a class="link-button primary" href="/activate?via=sms">${t('smsLogin.goActivate')}</a>`
            : nothing}
      </div>
      ${this.smsGeneral
        ? html`<sl-alert class="sms-error" variant="danger" open>
            <strong>${t('login.failed')}</strong>
            <p>${this.smsGeneral}</p>
          </sl-alert>`
        : nothing}
      ${this.notActivated === 'sent'
        ? nothing /* nothing to log in to yet: the way on is the activation button above */
        : html`<sl-button type="submit" variant="primary" size="large" ?loading=${this.smsBusy}>${t('login.submit')}</sl-button>`}
    </form>`;
  }
}
