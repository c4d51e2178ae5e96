/**
 * Casting ballots online by owners (or residents in a residents' poll). Paper slips are entered and
 * confirmed by two staff members (./paper-ballots.service.ts); proxies cast through ./proxies.service.ts.
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
import {
  DomainError,
  GENESIS_HASH,
  formatBeijingMinute,
  formatReceiptCode,
  isSingleChoice,
  type BallotReceipt,
  type CastBallotInput,
  type CastBallotsInput,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { batchedCommitTransaction } from '../db/batched-commit.js';
import { lockRow } from '../db/dialect.js';
import { isTransientConflict, isUniqueViolation } from '../db/errors.js';
import { newId, randomBytesPooled } from '../db/ids.js';
import {
  ensureLogHead,
  findCastingState,
  insertFirstBallot,
  replaceLoggedBallot,
  type CastingState,
  type CastingVote,
  type RollEntryWithBallot,
} from '../db/repositories/ballot-cast.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { ballotLogEntryAfter } from './ballot-log.service.js';
import { loadVoteSettled, optionsOf, ownersOnRoll, settleDueVotes } from './votes.service.js';

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

/** The roll keys the caller may vote for: their person (residents' polls), the unit they chose, or every unit they own. */
function candidateKeys(actor: Actor, unitId: string | undefined): string[] {
  if (!actor.personId) return [];
  return [actor.personId, ...(unitId ? [unitId] : actor.ownedUnits.map((u) => u.unitId))];
}

/** Which entry of the frozen roll the caller votes for (read with the vote, findCastingState). */
function resolveOnlineVoter(
  vote: Pick<VoteRow, 'electorate_kind'>,
  entries: readonly RollEntryWithBallot[],
  actor: Actor,
  unitId: string | undefined,
): RollEntryWithBallot {
  const personId = actor.personId;
  if (!personId) throw new DomainError('not_in_electorate');
  if (vote.electorate_kind === 'residents') {
    const entry = entries.find((e) => e.voterKey === personId);
    if (!entry) throw new DomainError('not_in_electorate');
    return entry;
  }
  // On the roll means: the unit is in the frozen electorate and the caller was one of its owners
  // when the vote opened (a sale after opening does not hand the ballot to the buyer).
  const mine = entries.filter((e) => e.unitId !== null && (unitId === undefined || e.unitId === unitId));
  if (unitId === undefined && mine.length > 1) throw new DomainError('ballot_unit_required');
  const entry = mine[0];
  if (!entry || !ownersOnRoll({ owner_person_ids: entry.ownerPersonIds }).includes(personId)) throw new DomainError('not_in_electorate');
  return entry;
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
class NotOpenYet extends Error {}

function ensureOpenNow<V extends CastingVote>(vote: V | undefined, now: Date): V {
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
async function castingTransaction<T>(deps: Deps, voteId: string, step: (trx: Db, now: Date) => Promise<T>): Promise<T> {
  // Durable before it returns, the commit shared with the ballots on this vote cast beside it (db/batched-commit.ts).
  const attempt = () => closingAware(deps, () => withUniqueRetry(() => batchedCommitTransaction(deps.db, voteId, (trx) => step(trx, deps.clock()))));
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

/**
 * An online cast's transaction: the vote, its log head and the caller's roll entries with their
 * ballots in one read (findCastingState; a vote without a log head yet gets one first).
 */
function inOnlineCasting<T>(deps: Deps, voteId: string, keys: readonly string[], cast: (trx: Db, state: CastingState, now: Date) => Promise<T>): Promise<T> {
  return castingTransaction(deps, voteId, async (trx, now) => {
    let state = await findCastingState(trx, voteId, keys, GENESIS_HASH);
    if (!state) {
      await ensureLogHead(trx, voteId, GENESIS_HASH);
      state = await findCastingState(trx, voteId, keys, GENESIS_HASH);
    }
    ensureOpenNow(state?.vote, now);
    return cast(trx, state!, now);
  });
}

/** What an online cast (the owner's, or a proxy's for them) writes on the ballot's row, a new one or the replaced one. */
export function onlineBallotValues(actor: Actor, choices: readonly string[], receiptCode: string, castAt: string, proxyId: string | null, logPosition: number) {
  return {
    choices_json: JSON.stringify(choices),
    channel: 'online' as const,
    cast_by_user_id: actor.userId,
    entered_by_user_id: null,
    slip_number: '',
    receipt_code: receiptCode,
    cast_at: castAt,
    proxy_id: proxyId,
    log_position: logPosition,
  };
}

/**
 * Stores the online ballot of one roll entry in the caller's transaction: a new row, or the
 * replacement of its current one, after the log head the state holds (which it moves on).
 */
async function storeOnlineBallot(trx: Db, actor: Actor, state: CastingState, entry: RollEntryWithBallot, choices: string[], now: Date): Promise<BallotReceipt> {
  const { vote } = state;
  const receiptCode = newReceiptCode();
  const castAt = now.toISOString();
  const existing = entry.ballot;
  const logged = ballotLogEntryAfter(state.head, {
    voteId: vote.id,
    kind: existing ? 'replaced' : 'cast',
    receiptCode,
    supersedes: existing?.receipt_code ?? null,
    choices,
    channel: 'online',
    recordedAt: castAt,
  });
  state.head = { position: logged.position, hash: logged.hash };
  const cast = onlineBallotValues(actor, choices, receiptCode, castAt, null, logged.position);
  if (existing) {
    // The loser of the version check starts over.
    const changed = await replaceLoggedBallot(
      trx,
      logged,
      { id: existing.id, version: existing.version },
      { ...cast, version: existing.version + 1 },
      {
        id: newId(),
        ballot_id: existing.id,
        vote_id: vote.id,
        version: existing.version,
        choices_json: existing.choices_json,
        channel: existing.channel,
        cast_by_user_id: existing.cast_by_user_id,
        entered_by_user_id: existing.entered_by_user_id,
        receipt_code: existing.receipt_code,
        cast_at: existing.cast_at,
        replaced_at: castAt,
        replaced_by_user_id: actor.userId,
      },
    );
    if (changed !== 1) throw Object.assign(new Error('ballot changed concurrently'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  } else {
    await insertFirstBallot(trx, logged, {
      id: newId(),
      vote_id: vote.id,
      unit_id: entry.unitId,
      person_id: entry.unitId === null ? entry.personId : null,
      ...cast,
      version: 1,
    });
  }
  return {
    voterKey: entry.voterKey,
    receiptCode,
    castAt,
    voterLabel: entry.label,
    replaced: existing !== null,
    closesAt: vote.closes_at,
    logPosition: logged.position,
  };
}

export async function castBallot(deps: Deps, actor: Actor, voteId: string, input: CastBallotInput): Promise<BallotReceipt> {
  return inOnlineCasting(deps, voteId, candidateKeys(actor, input.unitId), async (trx, state, now) => {
    const entry = resolveOnlineVoter(state.vote, state.entries, actor, input.unitId);
    return storeOnlineBallot(trx, actor, state, entry, validateChoices(state.vote, input.choices), now);
  });
}

/**
 * The same choice for several of the caller's units, confirmed once: one ballot per unit, each with
 * its own receipt, in one transaction — all are cast or none (a unit that is not the caller's on the
 * roll refuses the whole step). The tally still counts the owner once (core/votes/heads.ts).
 */
export async function castBallots(deps: Deps, actor: Actor, voteId: string, input: CastBallotsInput): Promise<{ receipts: BallotReceipt[] }> {
  const keys = actor.personId ? input.unitIds : [];
  return inOnlineCasting(deps, voteId, keys, async (trx, state, now) => {
    if (state.vote.electorate_kind !== 'owners') throw new DomainError('ballot_units_in_poll');
    const choices = validateChoices(state.vote, input.choices);
    const receipts: BallotReceipt[] = [];
    for (const unitId of input.unitIds)
      receipts.push(await storeOnlineBallot(trx, actor, state, resolveOnlineVoter(state.vote, state.entries, actor, unitId), choices, now));
    return { receipts };
  });
}
