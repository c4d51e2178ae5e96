/**
 * My account (我的账号): change my password, and see the devices I am logged in on — each with its
 * browser and system, network address and when it was last used (Beijing time), this one marked
 * "本机" — and sign one out, or all the others after a confirmation. Changing the password signs
 * every other device out (the server does it); the page says so. Its fields, buttons and dialog are
 * native (no Shoelace).
 */
import { PASSWORD_MIN_LENGTH, accountEndpoints, type Answer } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { focusFirstProblem, renderFormError, showProblems } from '../../components/accounts/account-form.js';
import { accountFormStyles } from '../../components/accounts/account-form-styles.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import '../../components/notifications/account-email.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { passwordField } from '../../components/forms/password-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type MySession = Answer<typeof accountEndpoints.sessions>['sessions'][number];

/** 2026年12月2日 14:30 (2 Dec 2026, 14:30) in Beijing time, whatever the device's zone. */
function whenText(iso: string): string {
  const zh = currentLocale() === 'zh-CN';
  const day = new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: zh ? 'long' : 'short',
    day: 'numeric',
  }).format(new Date(iso));
  return zh ? `${day} ${formatTime(iso)}` : `${day}, ${formatTime(iso)}`;
}

type Field = 'oldPassword' | 'newPassword' | 'newPassword2';
const FIELDS: readonly Field[] = ['oldPassword', 'newPassword', 'newPassword2'];
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  password_wrong: 'oldPassword',
  password_too_short: 'newPassword',
  password_too_long: 'newPassword',
  password_too_common: 'newPassword',
  password_contains_phone: 'newPassword',
};

@customElement('yishi-account-page')
export class AccountPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    nativeFieldStyles,
    accountFormStyles,
    buttonStyles,
    css`
      .panel {
        max-width: 36rem;
      }
      form.fields {
        margin-bottom: 0.5rem;
      }
      ul.devices {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      .device {
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      .device.current {
        border-color: var(--yishi-brand);
        box-shadow: inset 4px 0 0 var(--yishi-brand);
      }
      .device-name {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0;
        font-size: 1.05rem;
        overflow-wrap: anywhere;
      }
      .this-device {
        display: inline-block;
        padding: 0 0.5em;
        border: 1px solid var(--yishi-brand);
        border-radius: 999px;
        color: var(--yishi-brand);
        font-size: 0.875rem;
        font-weight: 600;
        line-height: 1.6;
      }
      .device dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.125rem 0.75rem;
      }
      .device dt {
        color: var(--yishi-muted);
      }
      .device dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .device .button {
        justify-self: start;
        min-width: 6rem;
      }
    `,
  ];

  @state() private values: Record<Field, string> = { oldPassword: '', newPassword: '', newPassword2: '' };
  @state() private changed = false;
  @state() private confirming = false;
  /** The session being signed out ('others' for all but this one). */
  @state() private ending: string | null = null;

  /** The password form's change, its refusals under their fields. */
  private readonly password = new WriteController<Field>(this);
  /** Signing devices out. */
  private readonly devices = new WriteController(this);
  private readonly sessions = new LoadController(this, (signal) => api.call(accountEndpoints.sessions, { signal }));

  protected override updated(): void {
    syncModal(this.renderRoot, 'end-others-dialog', this.confirming);
  }

  private set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.changed = false;
    this.password.clearField(field);
  }

  private showErrors(errors: FieldErrors<Field>): void {
    showProblems(this.password, errors);
    focusFirstProblem(this, this.password, FIELDS);
  }

  private async changePassword(event: Event): Promise<void> {
    event.preventDefault();
    if (this.password.busy) return;
    const { oldPassword, newPassword, newPassword2 } = this.values;
    if (newPassword.length < PASSWORD_MIN_LENGTH) {
      this.showErrors({
        newPassword:
          newPassword === ''
            ? t('accounts.required', { field: t('accounts.newPassword') })
            : t('accounts.passwordTooShort', { min: PASSWORD_MIN_LENGTH, length: newPassword.length }),
      });
      return;
    }
    if (newPassword !== newPassword2) {
      this.showErrors({ newPassword2: t('accounts.passwordMismatch') });
      return;
    }
    // Without a current password (an account that logs in by SMS code only) the field stays empty.
    const body = { ...(oldPassword === '' ? {} : { oldPassword }), newPassword };
    const changed = await this.password.run(() => api.call(accountEndpoints.changePassword, { body }).then(() => true), {
      fields: FIELDS,
      fieldOfCode: FIELD_OF_CODE,
      errorAs: 'inline',
    });
    if (!changed) {
      focusFirstProblem(this, this.password, FIELDS);
      return;
    }
    this.values = { oldPassword: '', newPassword: '', newPassword2: '' };
    this.changed = true;
    void this.sessions.refresh();
  }

  /** Signs devices out (one, or all but this one), then shows the list as it is now. */
  private async signOut(ending: string, request: () => Promise<unknown>, success: string): Promise<void> {
    this.ending = ending;
    await this.devices.run(request, { success });
    this.ending = null;
    await this.sessions.refresh();
  }

  private endSession(session: MySession): Promise<void> {
    return this.signOut(session.id, () => api.call(accountEndpoints.endSession, { params: { sessionId: session.id } }), t('account.signedOut'));
  }

  private endOthers(): Promise<void> {
    this.confirming = false;
    return this.signOut('others', () => api.call(accountEndpoints.endOtherSessions, {}), t('account.othersEnded'));
  }

  override render() {
    const me = currentMe();
    return html`<div class="panel">
      <h1>${t('account.heading')}</h1>
      ${me ? html`<p class="lead">${t('account.intro', { name: me.displayName })}</p>` : nothing}
      <h2 id="password-heading">${t('account.passwordHeading')}</h2>
      ${this.renderPasswordForm()}
      <yishi-account-email></yishi-account-email>
      <h2 id="devices-heading">${t('account.devicesHeading')}</h2>
      <p class="muted">${t('account.devicesIntro')}</p>
      ${renderLoad(this.sessions, (v) => this.renderSessions(v.sessions))}
    </div>`;
  }

  private input(field: Field, label: string, autocomplete: 'current-password' | 'new-password', hint?: string) {
    return passwordField({
      name: field,
      label,
      autocomplete,
      value: this.values[field],
      error: this.password.fieldErrors[field],
      hint,
      onInput: (value) => this.set(field, value),
    });
  }

  private renderPasswordForm() {
    return html`<form class="fields" aria-labelledby="password-heading" @submit=${this.changePassword} novalidate>
      ${this.input('oldPassword', t('account.oldPassword'), 'current-password', t('account.oldPasswordHint'))}
      ${this.input('newPassword', t('accounts.newPassword'), 'new-password', t('accounts.passwordHint', { min: PASSWORD_MIN_LENGTH }))}
      ${this.input('newPassword2', t('account.newPasswordAgain'), 'new-password')} ${renderFormError(this.password.error)}
      <div role="status">${this.changed ? html`<div class="alert success password-changed"><p>${t('account.passwordChanged')}</p></div>` : nothing}</div>
      <button type="submit" class="button primary" ?disabled=${this.password.busy} aria-busy=${this.password.busy ? 'true' : 'false'}>
        ${t('account.savePassword')}
      </button>
    </form>`;
  }

  private renderSessions(sessions: MySession[]) {
    const sorted = [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
    const others = sorted.filter((s) => !s.current).length;
    return html`<ul class="devices" aria-labelledby="devices-heading">
        ${sorted.map((s) => {
          const device = s.device || t('account.unknownDevice');
          return html`<li class="card device ${s.current ? 'current' : ''}">
            <p class="device-name"><strong>${device}</strong>${s.current ? html`<span class="this-device">${t('account.thisDevice')}</span>` : nothing}</p>
            <dl>
              <dt>${t('account.lastSeen')}</dt>
              <dd>${whenText(s.lastSeenAt)}</dd>
              <dt>${t('account.address')}</dt>
              <dd>${s.ip || '—'}</dd>
              <dt>${t('account.since')}</dt>
              <dd>${whenText(s.createdAt)}</dd>
            </dl>
            ${
              s.current
                ? nothing
                : html`<button
                    type="button"
                    class="button end-session"
                    ?disabled=${this.ending !== null}
                    aria-busy=${this.ending === s.id ? 'true' : 'false'}
                    @click=${() => void this.endSession(s)}
                  >
                    ${t('account.signOut')}<span class="visually-hidden"> ${t('account.signOutLabel', { device, address: s.ip })}</span>
                  </button>`
            }
          </li>`;
        })}
      </ul>
      ${
        others > 0
          ? html`<button
              type="button"
              class="button end-others"
              ?disabled=${this.ending !== null}
              aria-busy=${this.ending === 'others' ? 'true' : 'false'}
              @click=${() => (this.confirming = true)}
            >
              ${t('account.endOthers')}
            </button>`
          : html`<p class="muted">${t('account.onlyThis')}</p>`
      }
      <dialog class="dialog" id="end-others-dialog" aria-labelledby="end-others-title" @close=${() => (this.confirming = false)}>
        <h2 id="end-others-title">${t('account.endOthersTitle')}</h2>
        <p>${t('account.endOthersBody', { count: others })}</p>
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.confirming = false)}>${t('account.cancel')}</button>
          <button type="button" class="button primary confirm" @click=${() => void this.endOthers()}>${t('account.endOthersConfirm')}</button>
        </div>
      </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-account-page': AccountPage;
  }
}
