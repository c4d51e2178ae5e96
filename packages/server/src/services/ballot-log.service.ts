/**
 * Appending to and reading a vote's ballot log (core/votes/ballot-log.ts). Every write of a ballot —
 * online, paper, proxy, a replacement, a correction, a withdrawal — appends one entry in the caller's
 * transaction, so the ballot and its log entry commit together or not at all; the position is
 * stored on the ballot row and named on its receipt.
 */
import { GENESIS_HASH, ballotLogEntryHash, verifyBallotLog, type BallotLogEntry, type BallotLogKind, type BallotLogVerification } from '@yishi/core';
import { advanceBallotLogHead, findBallotLogHead, insertBallotLogEntry, listBallotLog } from '../db/repositories/ballot-log.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { BallotLogTable } from '../db/tables/votes.table.js';
import { sha256Hex } from './ledger.service.js';

export interface BallotLogAppend {
  voteId: string;
  kind: BallotLogKind;
  receiptCode: string;
  supersedes: string | null;
  choices: readonly string[];
  /** online | paper | proxy (as told, not as stored). */
  channel: string;
  recordedAt: string;
}

/** The entry of a ballot cast now through `channel`: a first one, or one that replaces `current` (its ballot until now). */
export function castAppend(
  voteId: string,
  channel: string,
  cast: { receiptCode: string; choices: readonly string[]; castAt: string },
  current: { receipt_code: string } | null | undefined,
): BallotLogAppend {
  return {
    voteId,
    kind: current ? 'replaced' : 'cast',
    receiptCode: cast.receiptCode,
    supersedes: current?.receipt_code ?? null,
    choices: cast.choices,
    channel,
    recordedAt: cast.castAt,
  };
}

/** The stored entry at this position, chained to the previous hash. */
function entryRow(entry: BallotLogAppend, position: number, prevHash: string): BallotLogTable {
  const content = { ...entry, choices: [...entry.choices], position, prevHash };
  return {
    vote_id: entry.voteId,
    position,
    kind: entry.kind,
    receipt_code: entry.receiptCode,
    supersedes: entry.supersedes,
    choices_json: JSON.stringify(content.choices),
    channel: entry.channel,
    recorded_at: entry.recordedAt,
    prev_hash: prevHash,
    hash: ballotLogEntryHash(content, sha256Hex),
  };
}

/** Appends one entry; returns its position and hash. */
export async function appendBallotLog(trx: Db, entry: BallotLogAppend): Promise<{ position: number; hash: string }> {
  const { position, prevHash } = await advanceBallotLogHead(trx, entry.voteId, GENESIS_HASH);
  const row = entryRow(entry, position, prevHash);
  await insertBallotLogEntry(trx, row);
  return { position, hash: row.hash };
}

/**
 * The entry that follows the head the caller read and holds in its transaction (findCastingState),
 * for the caller to write with its ballot (ballot-cast.repository.ts).
 */
export function ballotLogEntryAfter(head: { position: number; hash: string }, entry: BallotLogAppend): BallotLogTable {
  return entryRow(entry, head.position + 1, head.hash);
}

export async function readBallotLog(db: Db, voteId: string): Promise<BallotLogEntry[]> {
  return (await listBallotLog(db, voteId)).map((r) => ({
    voteId: r.vote_id,
    position: Number(r.position),
    kind: r.kind,
    receiptCode: r.receipt_code,
    supersedes: r.supersedes,
    choices: JSON.parse(r.choices_json) as string[],
    channel: r.channel,
    recordedAt: r.recorded_at,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/**
 * Recomputes the chain and holds it against the head row (entries cut from the end leave a valid,
 * shorter chain that only the head — or a head published earlier — gives away).
 */
export async function verifyBallotLogOf(db: Db, voteId: string): Promise<BallotLogVerification> {
  const entries = await readBallotLog(db, voteId);
  const result = verifyBallotLog(entries, sha256Hex);
  const head = await findBallotLogHead(db, voteId);
  if (result.ok && head && (Number(head.last_position) !== entries.length || head.last_hash !== result.headHash)) {
    return { ok: false, entries: entries.length, brokenAt: entries.length + 1, reason: 'position_gap' };
  }
  return result;
}
