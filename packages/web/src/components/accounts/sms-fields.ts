/**
 * The phone number, "send me a code" button (with its countdown) and SMS-code fields that the
 * login page and the activation page share. The page keeps the values and errors; this only draws
 * them, one control under another so each is large on a small phone, as native controls (a page
 * using them adds nativeFieldStyles and buttonStyles): the first page an owner opens loads no
 * Shoelace.
 */
import { PHONE_FIELD_LENGTH } from '../../format/clean-phone.js';
import { maskPhone } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { t } from '../../i18n.js';
import { textField } from '../forms/text-field.js';

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

/** The field of the phone-and-code pair each SMS error of the API is about (login and activation). */
export { cleanPhone } from '../../format/clean-phone.js';

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

export function renderSmsFields(s: SmsFieldsState) {
  const sendLabel = s.secondsLeft > 0 ? t('accounts.resendIn', { seconds: s.secondsLeft }) : s.sentTo ? t('accounts.resendCode') : t('accounts.sendCode');
  return html`${textField({
      name: 'phone',
      label: t('accounts.phone'),
      value: s.phone,
      error: s.errors.phone,
      hint: t('accounts.phoneHint'),
      type: 'tel',
      inputmode: 'numeric',
      autocomplete: 'tel',
      maxlength: PHONE_FIELD_LENGTH,
      onInput: s.onPhone,
    })}
    <div class="send">
      <button type="button" class="button send-code" ?disabled=${s.secondsLeft > 0 || s.sending} aria-busy=${s.sending ? 'true' : 'false'} @click=${s.onSend}>
        ${sendLabel}
      </button>
      <p class="sms-status" role="status">${s.sentTo ? t('accounts.codeSent', { phone: maskPhone(s.sentTo) ?? s.sentTo }) : nothing}</p>
    </div>
    ${textField({
      name: 'smsCode',
      label: t('accounts.smsCode'),
      value: s.smsCode,
      error: s.errors.smsCode,
      hint: t('accounts.smsCodeHint'),
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      maxlength: 6,
      onInput: s.onSmsCode,
    })}`;
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
  .send-code {
    width: 100%;
  }
  /* While waiting, the button says how long in words people can read (not faded to half). */
  .send-code:disabled:not([aria-busy='true']) {
    opacity: 1;
    color: var(--yishi-muted);
    background: var(--yishi-background);
    border-style: dashed;
  }
`;
