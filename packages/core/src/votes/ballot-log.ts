/**
 * The ballot log: every ballot a vote accepts is appended, in the order it was accepted, to an
 * append-only hash chain of its own (one chain per vote). An entry names its position, the receipt
 * code the voter was given, what the ballot chose, how it reached the box, and — when it replaced an
 * earlier ballot of the same voter — the receipt it superseded. It never names the voter, so the
 * whole log can be published after closing: anyone recomputes the chain from the published entries
 * and compares its head with the one anchored on the notice board (see ../anchors) before closing.
 *
 * The rules of the chain live here (pure); the server supplies sha256.
 */
import { GENESIS_HASH, canonicalJson, type Sha256Hex } from '../action-items/ledger.js';

export const BALLOT_LOG_KINDS = [
  /** A voter's first ballot. */
  'cast',
  /** A later ballot of the same voter: it supersedes the earlier receipt (the latest counts until closing). */
  'replaced',
  /** A staff correction after an upheld dispute (询异) or roll objection: supersedes the receipt it corrects. */
  'corrected',
  /** A ballot taken out of the count (a proxy ballot overridden by its principal's own, a paper slip found void). */
  'withdrawn',
] as const;
export type BallotLogKind = (typeof BALLOT_LOG_KINDS)[number];

/** The fields of an entry the hash covers (everything but the hash itself). */
export interface BallotLogContent {
  voteId: string;
  position: number;
  kind: BallotLogKind;
  receiptCode: string;
  /** The receipt this entry supersedes (replaced, corrected, withdrawn), or null. */
  supersedes: string | null;
  /** Option ids chosen (empty for a withdrawal). */
  choices: readonly string[];
  /** online | paper | proxy. */
  channel: string;
  recordedAt: string;
  prevHash: string;
}

export interface BallotLogEntry extends BallotLogContent {
  hash: string;
}

export function ballotLogEntryHash(entry: BallotLogContent, sha256: Sha256Hex): string {
  return sha256(
    canonicalJson({
      channel: entry.channel,
      choices: [...entry.choices],
      kind: entry.kind,
      position: entry.position,
      prevHash: entry.prevHash,
      receiptCode: entry.receiptCode,
      recordedAt: entry.recordedAt,
      supersedes: entry.supersedes,
      voteId: entry.voteId,
    }),
  );
}

export type BallotLogVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: number; reason: 'position_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/** Recomputes a vote's chain from its entries in position order. */
export function verifyBallotLog(entries: readonly BallotLogEntry[], sha256: Sha256Hex): BallotLogVerification {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const entry of entries) {
    if (entry.position !== expected) return { ok: false, entries: entries.length, brokenAt: expected, reason: 'position_gap' };
    if (entry.prevHash !== prev) return { ok: false, entries: entries.length, brokenAt: entry.position, reason: 'prev_hash_mismatch' };
    if (ballotLogEntryHash(entry, sha256) !== entry.hash) return { ok: false, entries: entries.length, brokenAt: entry.position, reason: 'hash_mismatch' };
    prev = entry.hash;
    expected += 1;
  }
  return { ok: true, entries: entries.length, headHash: prev };
}

/**
 * The ballots that count, from the log alone: the latest entry of each voter's chain of receipts
 * (an entry superseding a receipt takes its place; a withdrawal removes it). Keyed by receipt code.
 */
export function countedEntries(entries: readonly BallotLogEntry[]): BallotLogEntry[] {
  const live = new Map<string, BallotLogEntry>();
  for (const entry of entries) {
    if (entry.supersedes !== null) live.delete(entry.supersedes);
    if (entry.kind !== 'withdrawn') live.set(entry.receiptCode, entry);
  }
  return [...live.values()];
}
