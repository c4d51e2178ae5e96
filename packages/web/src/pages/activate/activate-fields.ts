/** The activation form's fields (activate-page.ts): the step each is on, and the field each error of the activation API is about. */

import { SMS_FIELD_OF_CODE } from '../../components/accounts/sms-fields.js';

export type Way = 'code' | 'sms';
export type Step = 1 | 2 | 3;
export type Field = 'code' | 'phone' | 'smsCode' | 'consent' | 'password' | 'password2';

export const FIELDS: readonly Field[] = ['code', 'phone', 'smsCode', 'consent', 'password', 'password2'];
export const STEP_OF: Record<Field, Step> = { code: 1, phone: 1, smsCode: 1, consent: 2, password: 3, password2: 3 };

/** The field each error of the activation API is about (see core/accounts/accounts.errors.ts). */
export const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  access_code_invalid: 'code',
  access_code_expired: 'code',
  access_code_too_short: 'code',
  activation_code_missing: 'code',
  ...SMS_FIELD_OF_CODE,
  consent_required: 'consent',
  password_too_short: 'password',
  password_too_long: 'password',
  password_too_common: 'password',
  password_contains_phone: 'password',
  code_only_needs_phone: 'password',
};
