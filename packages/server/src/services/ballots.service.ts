/**
 * What every channel of casting shares: the vote open and in time, the choices, the retries. Online
 * casts are in ./online-ballots.service.ts; paper slips are entered and confirmed by two staff members
 * (./paper-ballots.service.ts); proxies cast through ./proxies.service.ts.
 *
 * One valid ballot per unit (per person in residents' polls) is held by the unique indexes on
 * ballots(vote_id, unit_id) and ballots(vote_id, person_id); this code reads the current row and
 * either inserts or replaces it, and if another connection inserted first, the unique index refuses
 * the second insert and the cast is retried as a replacement. A replaced ballot is appended to
 * ballot_history (append-only, enforced by triggers) before the row changes.
 *
 * Acceptance and closing: a ballot is accepted only by a transaction that sees the vote open and
 * the clock before its closing time. Closing is another transaction on the same database, so a
 * ballot either commits before the close (and is in the frozen tally) or sees the vote closed (or
 * past its time) and is refused with `vote_closed`. Nothing accepted is ever left out.
 */
import { DomainError, formatBeijingMinute, formatReceiptCode, isSingleChoice } from '@yishi/core';
import { batchedCommitTransaction } from '../db/batched-commit.js';
import { lockRow } from '../db/dialect.js';
import { isTransientConflict, isUniqueViolation } from '../db/errors.js';
import { randomBytesPooled } from '../db/ids.js';
import type { CastingVote } from '../db/repositories/ballot-cast.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { loadVoteSettled, optionsOf, settleDueVotes } from './votes.service.js';

function ensureAcceptsBallots(vote: CastingVote, now: Date): void {
  if (vote.status === 'draft' || vote.status === 'announced') throw new DomainError('vote_not_open');
  if (vote.status === 'closed') throw new DomainError('vote_closed', { closedAt: formatBeijingMinute(vote.closed_at ?? vote.closes_at) });
  if (Date.parse(vote.closes_at) <= now.getTime()) throw new DomainError('vote_closed', { closedAt: formatBeijingMinute(vote.closes_at) });
}

export function validateChoices(vote: Pick<VoteRow, 'options_json' | 'kind' | 'max_choices'>, choices: readonly string[]): string[] {
  const ids = new Set(optionsOf(vote).map((o) => o.id));
  const unique = [...new Set(choices)];
  if (unique.some((c) => !ids.has(c))) throw new DomainError('ballot_invalid_choice');
  if (unique.includes('abstain') && unique.length > 1) throw new DomainError('ballot_abstain_exclusive');
  const max = isSingleChoice(vote.kind) ? 1 : vote.max_choices;
  if (unique.length > max) throw new DomainError('ballot_too_many_choices', { max });
  return unique;
}

export function newReceiptCode(): string {
  return formatReceiptCode(randomBytesPooled(12));
}

/**
 * Retries the whole transaction when another connection got there first: a unique violation (it
 * inserted this voter's ballot — now we replace it) or a busy snapshot (another process wrote
 * between our read and our write). A single server process never sees either; two do.
 */
async function withUniqueRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if ((isUniqueViolation(error) || isTransientConflict(error)) && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

/** Settles the vote if a ballot was refused because its time had passed, then rethrows. */
async function closingAware<T>(deps: Deps, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'vote_closed') await settleDueVotes(deps);
    throw error;
  }
}

/** A casting transaction found the vote not open yet: it may be due to open (see castingTransaction). */
export class NotOpenYet extends Error {}

export function ensureOpenNow<V extends CastingVote>(vote: V | undefined, now: Date): V {
  if (!vote) throw new DomainError('vote_not_found');
  if (vote.status === 'draft' || vote.status === 'announced') throw new NotOpenYet();
  ensureAcceptsBallots(vote, now);
  return vote;
}

/**
 * Runs `step` as a casting transaction: it reads the vote (held in share mode on PostgreSQL, so
 * closing waits for every ballot being cast, see closeVote) and checks with ensureOpenNow that it
 * accepts ballots at this moment. A vote found not open yet may be one whose opening time has come
 * without the scheduler having opened it: it is settled (loadVoteSettled opens it) and the step runs
 * once more; a vote found past its closing time is settled after the refusal (closingAware).
 */
function castingTransaction<T>(deps: Deps, voteId: string, step: (trx: Db, now: Date) => Promise<T>): Promise<T> {
  // Durable before it returns, the commit shared with the ballots on this vote cast beside it (db/batched-commit.ts).
  return castingAttempts(deps, voteId, () => batchedCommitTransaction(deps.db, voteId, (trx) => step(trx, deps.clock())));
}

/**
 * Runs `transaction` (a casting transaction, or a cast run with others, ./online-ballots.service.ts)
 * as castingTransaction does: again after a unique violation or a busy snapshot, and once more after
 * settling a vote it found not open yet (NotOpenYet); a vote found past its closing time is settled
 * after the refusal.
 */
export async function castingAttempts<T>(deps: Deps, voteId: string, transaction: () => Promise<T>): Promise<T> {
  const attempt = () => closingAware(deps, () => withUniqueRetry(transaction));
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof NotOpenYet)) throw error;
  }
  if ((await loadVoteSettled(deps, voteId)).status !== 'open') throw new DomainError('vote_not_open');
  return attempt().catch((error: unknown) => {
    throw error instanceof NotOpenYet ? new DomainError('vote_not_open') : error;
  });
}

/** Runs `cast` in a casting transaction with the vote read and checked (paper slips, proxies). */
export function inCastingTransaction<T>(deps: Deps, voteId: string, cast: (trx: Db, vote: VoteRow, now: Date) => Promise<T>): Promise<T> {
  return castingTransaction(deps, voteId, async (trx, now) => {
    await lockRow(trx, 'votes', voteId, 'share');
    return cast(trx, ensureOpenNow(await repo.findVote(trx, voteId), now), now);
  });
}
