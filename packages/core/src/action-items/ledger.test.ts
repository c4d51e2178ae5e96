// Tests may use node:crypto; the core code itself only takes the function.
// eslint-disable-next-line no-restricted-imports -- a test's sha256, never core's
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, checkLedgerChain, ledgerEntryHash, verifyLedgerChain, type StoredLedgerEntry } from './ledger.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function chain(n: number): StoredLedgerEntry[] {
  const out: StoredLedgerEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      compoundId: 'c1',
      seq,
      kind: 'signed_off' as const,
      actionItemId: `i${seq}`,
      signOffNumber: `DSCT-2026-000${seq}`,
      payload: canonicalJson({ title: `事项${seq}` }),
      createdAt: `2026-11-2${seq}T00:00:00.000Z`,
      prevHash: prev,
    };
    const hash = ledgerEntryHash(content, sha256);
    out.push({ ...content, id: `e${seq}`, hash });
    prev = hash;
  }
  return out;
}

describe('ledger chain', () => {
  it('serialises canonically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('verifies an intact chain', () => {
    expect(verifyLedgerChain(chain(4), sha256)).toMatchObject({ ok: true, entries: 4 });
  });
  it('names the altered entry', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2]!, payload: canonicalJson({ title: '改过的' }) };
    expect(verifyLedgerChain(entries, sha256)).toMatchObject({ ok: false, brokenAt: { id: 'e3', seq: 3 }, reason: 'hash_mismatch' });
  });
  it('names the entry after a deleted one', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verifyLedgerChain(entries, sha256)).toMatchObject({ ok: false, brokenAt: { seq: 2 }, reason: 'sequence_gap' });
  });
  it('catches an entry rehashed on its own but not re-chained', () => {
    const entries = chain(3);
    const altered = { ...entries[1]!, signOffNumber: 'DSCT-2026-0099' };
    altered.hash = ledgerEntryHash(altered, sha256);
    entries[1] = altered;
    expect(verifyLedgerChain(entries, sha256)).toMatchObject({ ok: false, brokenAt: { seq: 3 }, reason: 'prev_hash_mismatch' });
  });
  it('gives the same answer checked in parts of any size as at once, counting every entry past a break', () => {
    const damaged = (at: number) => {
      const entries = chain(9);
      if (at > 0) entries[at - 1] = { ...entries[at - 1]!, payload: canonicalJson({ title: '改过的' }) };
      return entries;
    };
    for (const at of [0, 1, 4, 9])
      for (const size of [1, 2, 4, 8, 9]) {
        const entries = damaged(at);
        const check = checkLedgerChain(sha256);
        for (let from = 0; from < entries.length; from += size) check.add(entries.slice(from, from + size));
        expect(check.result()).toEqual(verifyLedgerChain(entries, sha256));
        expect(check.result().entries).toBe(9);
      }
    expect(checkLedgerChain(sha256).result()).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
  });
});
