/**
 * The ledger (台账) is an append-only chain: every entry carries the hash of the one before it, so
 * changing or removing any row shows up when the chain is recomputed. Core stays free of IO and of
 * node:crypto: callers pass a sha256 that maps a UTF-8 string to lowercase hex.
 */
import type { Locale } from '../i18n/locale.js';
import type { LedgerVerification } from './action-items.schema.js';

export type Sha256Hex = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

export const LEDGER_ENTRY_KINDS = ['listed', 'signed_off', 'reopened'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** What each kind of entry is called on the ledger and in its exports. */
export const LEDGER_KIND_LABELS: Record<LedgerEntryKind, Record<Locale, string>> = {
  listed: { 'zh-CN': '列入清单', en: 'Listed' },
  signed_off: { 'zh-CN': '销号', en: 'Signed off' },
  reopened: { 'zh-CN': '不满意重新办理', en: 'Reopened after a dissatisfied rating' },
};

/** The fields of an entry that the hash covers (everything but the hash itself). */
export interface LedgerEntryContent {
  compoundId: string;
  seq: number;
  kind: LedgerEntryKind;
  actionItemId: string;
  signOffNumber: string | null;
  /** Canonical JSON text of the entry's details, as stored. */
  payload: string;
  createdAt: string;
  prevHash: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const inner = value[key];
      if (inner !== undefined) out[key] = sortKeys(inner);
    }
    return out;
  }
  return value;
}

export function ledgerEntryHash(entry: LedgerEntryContent, sha256: Sha256Hex): string {
  return sha256(
    canonicalJson({
      actionItemId: entry.actionItemId,
      compoundId: entry.compoundId,
      createdAt: entry.createdAt,
      kind: entry.kind,
      payload: entry.payload,
      prevHash: entry.prevHash,
      seq: entry.seq,
      signOffNumber: entry.signOffNumber,
    }),
  );
}

export interface StoredLedgerEntry extends LedgerEntryContent {
  id: string;
  hash: string;
}

/** A chain verified a part at a time (entries in seq order, in as many parts as the reader likes). */
export interface LedgerChainCheck {
  add: (entries: readonly StoredLedgerEntry[]) => void;
  /** The verification of every entry added, counting all of them even after the first broken one. */
  result: () => LedgerVerification;
}

/**
 * Recomputes the chain in seq order and names the first entry that does not fit: its own hash no
 * longer matches its content (the row was altered), its prev hash does not match the entry before
 * (an entry was removed or replaced), or its seq skips (an entry was deleted).
 */
export function checkLedgerChain(sha256: Sha256Hex): LedgerChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let broken: { brokenAt: { id: string | null; seq: number }; reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' } | null = null;
  const check = (entry: StoredLedgerEntry): typeof broken => {
    if (entry.seq !== expectedSeq) return { brokenAt: { id: entry.id, seq: expectedSeq }, reason: 'sequence_gap' };
    if (entry.prevHash !== prev) return { brokenAt: { id: entry.id, seq: entry.seq }, reason: 'prev_hash_mismatch' };
    if (ledgerEntryHash(entry, sha256) !== entry.hash) return { brokenAt: { id: entry.id, seq: entry.seq }, reason: 'hash_mismatch' };
    return null;
  };
  return {
    add(entries) {
      count += entries.length;
      for (const entry of entries) {
        if (broken) return;
        broken = check(entry);
        prev = entry.hash;
        expectedSeq += 1;
      }
    },
    result: () => (broken ? { ok: false, entries: count, ...broken } : { ok: true, entries: count, headHash: prev }),
  };
}

/** The whole chain at once (checkLedgerChain with one part). */
export function verifyLedgerChain(entries: readonly StoredLedgerEntry[], sha256: Sha256Hex): LedgerVerification {
  const check = checkLedgerChain(sha256);
  check.add(entries);
  return check.result();
}
