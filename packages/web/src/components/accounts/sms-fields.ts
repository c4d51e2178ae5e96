/**
 * The phone number, "send me a code" button (with its countdown) and SMS-code fields that the
 * login page and the activation page share. The page keeps the values and errors; this only draws
 * them, one control under another so each is large on a small phone.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { maskPhone } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../i18n.js';
import { helpText } from '../forms/form-errors.js';

export interface SmsFieldsState {
  phone: string;
  smsCode: string;
  errors: { phone?: string; smsCode?: string };
  /** Seconds until another code may be asked for (0: the button is enabled). */
  secondsLeft: number;
  sending: boolean;
  /** The phone a code was sent to in this visit, or null. */
  sentTo: string | null;
  onPhone: (value: string) => void;
  onSmsCode: (value: string) => void;
  onSend: () => void;
}

/** What someone typed as a phone number, without the spaces and dashes people put in. */
/** The field of the phone-and-code pair each SMS error of the API is about (login and activation). */
export const SMS_FIELD_OF_CODE = {
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
} as const satisfies Record<string, 'phone' | 'smsCode'>;

export function cleanPhone(text: string): string {
  return text.replace(/[\s\-()]/g, '');
}

export function renderSmsFields(s: SmsFieldsState) {
  const sendLabel = s.secondsLeft > 0 ? t('accounts.resendIn', { seconds: s.secondsLeft }) : s.sentTo ? t('accounts.resendCode') : t('accounts.sendCode');
  return html`<sl-input
      name="phone"
      type="tel"
      label=${t('accounts.phone')}
      inputmode="numeric"
      autocomplete="tel"
      maxlength="13"
      .value=${live(s.phone)}
      @sl-input=${(e: Event) => s.onPhone((e.target as HTMLInputElement).value)}
      >${helpText(s.errors.phone, t('accounts.phoneHint'))}</sl-input
    >
    <div class="send">
      <sl-button class="send-code" size="large" ?disabled=${s.secondsLeft > 0} ?loading=${s.sending} @click=${s.onSend}>${sendLabel}</sl-button>
      <p class="sms-status" role="status">${s.sentTo ? t('accounts.codeSent', { phone: maskPhone(s.sentTo) ?? s.sentTo }) : nothing}</p>
    </div>
    <sl-input
      name="smsCode"
      label=${t('accounts.smsCode')}
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="6"
      .value=${live(s.smsCode)}
      @sl-input=${(e: Event) => s.onSmsCode((e.target as HTMLInputElement).value)}
      >${helpText(s.errors.smsCode, t('accounts.smsCodeHint'))}</sl-input
    >`;
}

export const smsFieldsStyles = css`
  .sms-status {
    margin: 0;
    color: var(--yishi-ok-text);
    font-weight: 600;
  }
  .sms-status:not(:empty) {
    margin-top: 0.5rem;
  }
  sl-button.send-code {
    width: 100%;
  }
  /* While waiting, the button says how long in words people can read (Shoelace would fade it to 50%). */
  sl-button.send-code[disabled]::part(base) {
    opacity: 1;
    color: var(--yishi-muted);
    background: var(--yishi-background);
    border-style: dashed;
  }
`;
