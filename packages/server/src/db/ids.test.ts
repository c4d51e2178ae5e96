/**
 * Ids and receipts draw their randomness from a pool filled 4 KiB at a time (ids.ts): every draw
 * gets bytes no other draw got, and a copy that the next refill does not change.
 */
import { expect, it } from 'vitest';
import { newId, randomBytesPooled } from './ids.js';

it('hands out distinct ids across many refills of the pool', () => {
  const ids = new Set(Array.from({ length: 2_000 }, () => newId()));
  expect(ids.size).toBe(2_000);
  for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
});

it('gives each draw bytes of its own, unchanged by later draws', () => {
  const kept = randomBytesPooled(12);
  const before = Buffer.from(kept).toString('hex');
  // Several refills later the first draw still holds what it was given.
  const later = Array.from({ length: 1_000 }, () => Buffer.from(randomBytesPooled(12)).toString('hex'));
  expect(Buffer.from(kept).toString('hex')).toBe(before);
  expect(new Set([before, ...later]).size).toBe(1_001);
  expect(() => randomBytesPooled(5_000)).toThrow(RangeError);
});
