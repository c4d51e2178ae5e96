/**
 * Step 1 of activating an account (activate-page.ts): who you are, by the letter or invitation code, or by
 * the phone on the roster and an SMS code — two tabs, each a form that greets the person once checked.
 */
import type { ActivationLookup } from '@yishi/core';
import { html, nothing } from 'lit';
import type { FieldErrors } from '../../api/field-errors.js';
import { renderFormError } from '../../components/accounts/account-form.js';
import { renderSmsFields } from '../../components/accounts/sms-fields.js';
import { renderTabs } from '../../components/common/tabs.js';
import { textField } from '../../components/forms/text-field.js';
import { t } from '../../i18n.js';
import type { Field, Way } from './activate-fields.js';
import { renderGreeting } from './activate-greeting.js';

export interface IdentityStep {
  way: Way;
  errors: FieldErrors<Field>;
  /** The page's error that is about no field. */
  error: string | null;
  action: 'lookup' | 'send' | 'finish' | null;
  code: string;
  /** What the code opens, once checked. */
  lookup: ActivationLookup | null;
  phone: string;
  smsCode: string;
  smsLookup: ActivationLookup | null;
  secondsLeft: number;
  sentTo: string | null;
  /** The phone's account is active already: the code sent logs it in. */
  alreadyActive: boolean;
  /** The code's person has an active account already (whatever became of the code): on to the login page. */
  codeAccountActive: boolean;
  onWay: (way: Way) => void;
  onCode: (value: string) => void;
  onSubmitCode: (event: Event) => void;
  onPhone: (value: string) => void;
  onSmsCode: (value: string) => void;
  onSend: () => void;
  onSubmitSms: (event: Event) => void;
}

export function renderIdentityStep(s: IdentityStep) {
  return renderTabs({
    id: 'way',
    label: t('activate.step1'),
    active: s.way,
    onSelect: s.onWay,
    tabs: [
      { key: 'code', label: t('activate.byCode'), panel: codeWay(s) },
      { key: 'sms', label: t('activate.bySms'), panel: smsWay(s) },
    ],
  });
}

function codeWay(s: IdentityStep) {
  const busy = s.action === 'lookup';
  return html`<form class="fields" @submit=${s.onSubmitCode} novalidate>
    ${textField({
      name: 'code',
      label: t('activate.code'),
      value: s.code,
      error: s.errors.code,
      hint: t('activate.codeHint'),
      autocapitalize: 'characters',
      maxlength: 20,
      className: 'code',
      onInput: s.onCode,
    })}
    <div aria-live="polite">${s.lookup ? renderGreeting(s.lookup) : nothing}</div>
    ${s.way === 'code' ? renderFormError(s.error) : nothing}
    ${
      s.codeAccountActive
        ? html`<a class="button primary to-login" href="/login">${t('activate.toLogin')}</a>`
        : html`<button type="submit" class="button primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
            ${s.lookup ? t('accounts.next') : t('activate.check')}
          </button>`
    }
  </form>`;
}

function smsWay(s: IdentityStep) {
  const busy = s.action === 'finish' || s.action === 'lookup';
  return html`<form class="fields" @submit=${s.onSubmitSms} novalidate>
    <p class="muted">${t('activate.smsIntro')}</p>
    ${renderSmsFields({
      phone: s.phone,
      smsCode: s.smsCode,
      errors: s.errors,
      secondsLeft: s.secondsLeft,
      sending: s.action === 'send',
      sentTo: s.sentTo,
      onPhone: s.onPhone,
      onSmsCode: s.onSmsCode,
      onSend: s.onSend,
    })}
    <div role="status">${s.alreadyActive ? html`<div class="alert already-active"><p>${t('activate.alreadyActive')}</p></div>` : nothing}</div>
    <div aria-live="polite">${s.smsLookup && !s.alreadyActive ? renderGreeting(s.smsLookup, 'sms') : nothing}</div>
    ${s.way === 'sms' ? renderFormError(s.error) : nothing}
    <button type="submit" class="button primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
      ${s.alreadyActive ? t('activate.loginWithCode') : s.smsLookup ? t('accounts.next') : t('activate.checkSms')}
    </button>
  </form>`;
}
