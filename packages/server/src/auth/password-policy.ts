/**
 * The password policy: at least PASSWORD_MIN_LENGTH characters, not one of the commonest passwords
 * (the list zxcvbn-ts ships, about 49,000 entries from real breaches, Chinese favourites such as
 * 5201314, 1314520 and qq123456 among them), and not the phone number. Long pass phrases are
 * welcome; no rules about symbols, which only push people to write passwords down (NIST SP 800-63B).
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError, PASSWORD_MIN_LENGTH } from '@yishi/core';

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Throws the DomainError that says what is wrong with the password, in words; returns when it is fine. */
export function assertPasswordAllowed(password: string, context: { phone?: string | null } = {}): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new DomainError('password_too_short', { min: PASSWORD_MIN_LENGTH });
  const lower = password.toLowerCase();
  // A run of one character or a counted sequence with a short suffix is as common as the list says.
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password) || isStraightRun(password)) throw new DomainError('password_too_common');
  if (context.phone && lower.includes(context.phone)) throw new DomainError('password_contains_phone');
}

/** 12345678, 87654321, abcdefgh: each character one step from the one before. */
function isStraightRun(text: string): boolean {
  if (text.length < 4) return false;
  const codes = [...text].map((c) => c.charCodeAt(0));
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}
