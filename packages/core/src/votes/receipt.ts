/**
 * Receipt codes: what a voter keeps to check, after closing, that the published list shows their
 * ballot as cast. The server draws the 60 random bits; this module only formats and reads them.
 * Crockford-style alphabet without I, L, O, U, so a code read aloud or copied by hand survives.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 symbols from 12 random bytes (5 bits each), grouped "ABCD-EFGH-JKMN". */
export function formatReceiptCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 12) throw new RangeError('need 12 random bytes');
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += ALPHABET[randomBytes[i]! & 31];
  }
  return code;
}

/** Reads what a person typed (lower case, spaces, O for 0) back into the canonical code. */
export function normaliseReceiptCode(text: string): string {
  const cleaned = text
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return cleaned.length === 12 ? `${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8)}` : cleaned;
}
