import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A 16-character random id (80 bits), URL-safe and unambiguous when read aloud. */
export function newId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
