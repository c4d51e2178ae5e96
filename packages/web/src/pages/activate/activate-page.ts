/**
 * Activating an account (激活账号): the page an elderly owner reaches by scanning the QR code on the
 * activation letter (/activate?code=K7QM4XPTHR), from a staff member's invitation link, or from the
 * login page. Three steps, one per screen:
 *
 * 1. Who you are: the letter or invitation code (looked up at once, greeting the person by masked
 *    name and unit, or by the role they were granted), or the phone on the roster and an SMS code
 *    (checked the same way, with the same greeting, before going on).
 *    A phone whose account is already active is told so and may log in with the code right here.
 * 2. The privacy notice, in full and readable, with its required "我已阅读并同意".
 * 3. How to log in from now on: a password typed twice, or none (SMS codes only) where allowed.
 *
 * Steps 2 and 3 are entries of the browser's history (activate-history.ts): the phone's Back goes back a
 * step with what she entered kept, and never back into an activation already done.
 *
 * The code is only spent by the last step, so an error the server finds then (a wrong SMS code, a
 * password it refuses) is shown next to its field on the step that field is on, and focus goes there.
 *
 * Its controls are native (fields, tabs, checkbox, radio buttons, buttons): an owner scanning the
 * letter's QR code on a weak signal loads no Shoelace.
 */
import { PASSWORD_MIN_LENGTH, activationEndpoints, formatAccessCode, normaliseAccessCode, privacyNoticeAudience, type ActivationLookup } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { navigate } from '../../app/router.js';
import { showProblems } from '../../components/accounts/account-form.js';
import { cleanPhone } from '../../components/accounts/sms-fields.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { SmsCountdownController, lastSmsPhone, type SmsCodeSent } from '../../controllers/sms-countdown-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { rememberLoginWay } from '../../state/preferences.js';
import { loadMe } from '../../state/session.js';
import { FIELDS, FIELD_OF_CODE, STEP_OF, type Field, type Step, type Way } from './activate-fields.js';
import { renderConsentStep } from './activate-consent.js';
import { renderLoginChoiceStep } from './activate-login-choice.js';
import { renderIdentityStep } from './activate-identity.js';
import { ActivateHistory, type ActivateHistoryHost } from './activate-history.js';
import { activatePageStyles } from './activate-page-styles.js';

@customElement('yishi-activate-page')
export class ActivatePage extends YishiElement implements ActivateHistoryHost {
  static override styles = [YishiElement.styles, ...activatePageStyles];

  @state() private step: Step = 1;
  @state() private way: Way = 'code';
  @state() private code = '';
  @state() private lookup: ActivationLookup | null = null;
  /** What the SMS code opens, once checked: the same greeting as a letter code's. */
  @state() private smsLookup: ActivationLookup | null = null;
  @state() private phone = '';
  @state() private smsCode = '';
  /** The phone a code was sent to on this visit, and what the server said the code is for. */
  @state() private sentTo: string | null = null;
  @state() private purpose: SmsCodeSent['purpose'] | null = null;
  @state() private consent = false;
  @state() private codeOnly = false;
  @state() private password = '';
  @state() private password2 = '';
  /** Which request is out: the code being looked up, an SMS code being sent, or the last step (or a login by code). */
  @state() private action: 'lookup' | 'send' | 'finish' | null = null;

  /** Every request of the page; its problems are shown under their field, on that field's step. */
  private readonly write = new WriteController<Field>(this);
  private readonly countdown = new SmsCountdownController(this, () => cleanPhone(this.phone));
  /** Steps 2 and 3 in the browser's history: the phone's Back goes back a step, with what she entered kept. */
  private readonly steps = new ActivateHistory(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    const code = query.get('code');
    if (code) {
      this.code = formatAccessCode(normaliseAccessCode(code));
      void this.checkCode();
    } else if (query.get('via') === 'sms') {
      // From the login page, where a code was just sent to a phone without an active account.
      this.way = 'sms';
      const phone = lastSmsPhone();
      if (phone) {
        this.phone = phone;
        this.sentTo = phone;
        this.purpose = 'activate';
      }
    }
  }

  private get kind(): ActivationLookup['kind'] {
    return this.way === 'code' ? (this.lookup?.kind ?? 'activate') : 'activate';
  }

  /** An account found by its phone always has one, so it may go without a password. */
  private get codeOnlyAllowed(): boolean {
    return this.way === 'sms' || (this.lookup?.codeOnlyAllowed ?? false);
  }

  // Errors and steps

  private showErrors(errors: FieldErrors<Field>): void {
    showProblems(this.write, errors);
    void this.goToProblem();
  }

  /** Shows the step (and the way in) of the first field with a problem, and moves focus to it. */
  private async goToProblem(): Promise<void> {
    const first = FIELDS.find((f) => this.write.fieldErrors[f]);
    if (!first) return;
    this.step = STEP_OF[first];
    this.steps.settle(this.step);
    if (first === 'code') this.way = 'code';
    if (first === 'phone' || first === 'smsCode') this.way = 'sms';
    await focusControl(this, first);
  }

  /** Sends one of the page's requests; a refusal goes under its field, on that field's step. */
  private async send<T>(action: 'lookup' | 'send' | 'finish', request: () => Promise<T>, success?: string): Promise<T | undefined> {
    // These three are about the code that proves who you are, whichever way it came.
    const identity: Field = this.way === 'code' ? 'code' : 'smsCode';
    const fieldOfCode = {
      ...FIELD_OF_CODE,
      too_many_attempts: identity,
      already_activated: identity,
      access_code_account_active: identity,
      access_code_used: identity,
      access_code_voided: identity,
      access_code_person_left: identity,
    };
    this.action = action;
    const result = await this.write.run(request, { success, fields: FIELDS, fieldOfCode, errorAs: 'inline' });
    this.action = null;
    if (result === undefined) void this.goToProblem();
    return result;
  }

  get finishing(): boolean {
    return this.action === 'finish';
  }

  /** Step 2 once who she is has been checked, step 3 once she has also agreed to the notice. */
  reachable(step: Step): Step {
    if (!(this.way === 'code' ? this.lookup : this.smsLookup)) return 1;
    return step === 3 && !this.consent ? 2 : step;
  }

  /** A step the phone's Back or Forward shows, as she left it. */
  showStep(step: Step): void {
    if (step !== this.step) void this.goTo(step);
  }

  /** On to the next step, an entry of its own in the browser's history. */
  private async next(step: Step): Promise<void> {
    this.steps.forward(step);
    await this.goTo(step);
  }

  private async goTo(step: Step): Promise<void> {
    this.step = step;
    this.write.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.step-title')?.focus();
  }

  // Step 1: who you are

  private onCode(value: string): void {
    this.code = value;
    this.lookup = null;
    this.write.clearField('code');
  }

  private async checkCode(): Promise<void> {
    const code = normaliseAccessCode(this.code);
    if (code === '') {
      this.showErrors({ code: t('accounts.required', { field: t('activate.code') }) });
      return;
    }
    this.lookup = (await this.send('lookup', () => api.call(activationEndpoints.lookup, { body: { code } }))) ?? null;
    if (!this.lookup) return;
    this.code = formatAccessCode(code);
    this.codeOnly = false;
  }

  private async submitCode(event: Event): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    if (this.lookup) await this.next(2);
    else await this.checkCode();
  }

  private async sendCode(): Promise<void> {
    const phone = cleanPhone(this.phone);
    if (phone === '') {
      this.showErrors({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return;
    }
    const sent = await this.send('send', () => this.countdown.request(phone));
    if (!sent) return;
    this.sentTo = phone;
    this.purpose = sent.purpose;
    void focusControl(this, 'smsCode');
  }

  /** The phone and code as typed, or null after saying what is missing. */
  private smsInput(): { phone: string; smsCode: string } | null {
    const phone = cleanPhone(this.phone);
    const smsCode = this.smsCode.trim();
    if (phone === '') {
      this.showErrors({ phone: t('accounts.required', { field: t('accounts.phone') }) });
      return null;
    }
    if (!/^\d{6}$/.test(smsCode)) {
      this.showErrors({ smsCode: t('activate.needCode') });
      return null;
    }
    return { phone, smsCode };
  }

  /** The code is checked first, and greets the person by masked name and unit (as a letter code does); then on. */
  private async submitSms(event: Event): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const input = this.smsInput();
    if (!input) return;
    if (this.purpose === 'login' && this.sentTo === input.phone) await this.logInWithCode();
    else if (this.smsLookup) await this.next(2);
    else this.smsLookup = (await this.send('lookup', () => api.call(activationEndpoints.lookupSms, { body: input }))) ?? null;
  }

  /** The phone's account is already active: the code just sent logs it in. */
  private async logInWithCode(): Promise<void> {
    const input = this.smsInput();
    if (!input) return;
    const loggedIn = await this.send('finish', async () => {
      const result = await api.call(activationEndpoints.loginWithSms, { body: input });
      await loadMe({ force: true });
      return result;
    });
    if (loggedIn) this.steps.done(() => navigate('/', { replace: true }));
  }

  // Step 2: consent

  private async submitConsent(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.consent) {
      this.showErrors({ consent: t('activate.consentRequired') });
      return;
    }
    await this.next(3);
  }

  // Step 3: password or SMS only, and activation

  private async finish(event: Event): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const codeOnly = this.codeOnly && this.codeOnlyAllowed;
    if (!codeOnly) {
      if (this.password.length < PASSWORD_MIN_LENGTH) {
        this.showErrors({
          password:
            this.password === ''
              ? t('accounts.required', { field: t('accounts.password') })
              : t('accounts.passwordTooShort', { min: PASSWORD_MIN_LENGTH, length: this.password.length }),
        });
        return;
      }
      if (this.password !== this.password2) {
        this.showErrors({ password2: t('accounts.passwordMismatch') });
        return;
      }
    }
    const proof = this.way === 'code' ? { code: normaliseAccessCode(this.code) } : { phone: cleanPhone(this.phone), smsCode: this.smsCode.trim() };
    const body = { ...proof, consent: true as const, ...(codeOnly ? {} : { password: this.password }) };
    const activated = await this.send(
      'finish',
      async () => {
        const result = await api.call(activationEndpoints.activate, { body });
        await loadMe({ force: true });
        return result;
      },
      this.kind === 'reset' ? t('activate.doneReset') : t('activate.done'),
    );
    if (activated) {
      // Next time on this device, the login page opens on the way chosen here.
      rememberLoginWay(codeOnly ? 'sms' : 'password');
      this.steps.done(() => navigate('/', { replace: true }));
    }
  }

  // Rendering

  override render() {
    const names = { 1: t('activate.step1'), 2: t('activate.step2'), 3: this.kind === 'reset' ? t('activate.step3Reset') : t('activate.step3') };
    return html`<div class="panel">
      <h1>${t('activate.heading')}</h1>
      ${this.step === 1 ? html`<p class="lead">${t('activate.intro')}</p>` : nothing}
      <div class="progress" aria-hidden="true">${([1, 2, 3] as const).map((n) => html`<span class=${n <= this.step ? 'done' : ''}></span>`)}</div>
      <h2 class="step-title" tabindex="-1">${t('activate.progress', { step: this.step, total: 3, name: names[this.step] })}</h2>
      ${
        this.step === 1
          ? this.renderIdentity()
          : this.step === 2
            ? renderConsentStep({
                audience: privacyNoticeAudience((this.way === 'code' ? this.lookup : this.smsLookup) ?? { units: [], grants: [] }),
                consent: this.consent,
                error: this.write.fieldErrors.consent,
                onConsent: (checked) => {
                  this.consent = checked;
                  this.write.clearField('consent');
                },
                onBack: () => this.steps.back(1),
                onSubmit: (e) => void this.submitConsent(e),
              })
            : this.renderLoginChoice()
      }
      ${this.step === 1 ? html`<p class="aside">${t('activate.haveAccount')} <a class="tap-link" href="/login">${t('activate.goLogin')}</a></p>` : nothing}
    </div>`;
  }

  private renderIdentity() {
    return renderIdentityStep({
      way: this.way,
      errors: this.write.fieldErrors,
      error: this.write.error,
      action: this.action,
      code: this.code,
      lookup: this.lookup,
      phone: this.phone,
      smsCode: this.smsCode,
      smsLookup: this.smsLookup,
      secondsLeft: this.countdown.secondsLeft,
      sentTo: this.sentTo,
      alreadyActive: this.purpose === 'login' && this.sentTo === cleanPhone(this.phone),
      codeAccountActive: this.way === 'code' && this.write.code === 'access_code_account_active' && Boolean(this.write.fieldErrors.code),
      onWay: (way) => (this.way = way),
      onCode: (value) => this.onCode(value),
      onSubmitCode: (e) => void this.submitCode(e),
      onPhone: (value) => {
        this.phone = value;
        this.smsLookup = null;
        this.write.clearField('phone');
      },
      onSmsCode: (value) => {
        this.smsCode = value;
        this.smsLookup = null;
        this.write.clearField('smsCode');
      },
      onSend: () => void this.sendCode(),
      onSubmitSms: (e) => void this.submitSms(e),
    });
  }

  private renderLoginChoice() {
    return renderLoginChoiceStep({
      reset: this.kind === 'reset',
      codeOnlyAllowed: this.codeOnlyAllowed,
      codeOnly: this.codeOnly && this.codeOnlyAllowed,
      password: this.password,
      password2: this.password2,
      errors: this.write.fieldErrors,
      error: this.write.error,
      finishing: this.action === 'finish',
      onCodeOnly: (codeOnly) => {
        this.codeOnly = codeOnly;
        this.write.clear();
      },
      onPassword: (field, value) => {
        this[field] = value;
        this.write.clearField(field);
      },
      onBack: () => this.steps.back(2),
      onSubmit: (e) => void this.finish(e),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-activate-page': ActivatePage;
  }
}
