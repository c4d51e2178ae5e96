/**
 * Ballots cast online by owners (or residents in a residents' poll), for one unit or the same choice
 * for several of the caller's units. The rules shared with paper slips and proxies (open and in
 * time, the choices, retries) are in ./ballots.service.ts.
 *
 * Casts on one vote that arrive together are settled together (db/batched-commit.ts,
 * batchedCommitGroup): ONE read of the vote, its log head and every caster's roll entries with their
 * ballots; then each cast in arrival order, checked and planned in memory (its log entry chained to
 * the one before, a first ballot or the replacement of the current one); then ONE write of them all
 * (writeCasts). A cast refused (not on the roll, a choice that is not offered) writes nothing and is
 * answered alone; the others go on. Nothing is answered before the COMMIT. On SQLite each cast is a
 * group of one in its own group commit (db/group-commit.ts), as before.
 */
import { DomainError, GENESIS_HASH, type BallotReceipt, type CastBallotInput, type CastBallotsInput } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { batchedCommitGroup, type GroupRunner, type Outcome } from '../db/batched-commit.js';
import { newId } from '../db/ids.js';
import {
  ensureLogHead,
  findCastingState,
  writeCasts,
  type CastingState,
  type CurrentBallot,
  type PlannedCast,
  type RollEntryWithBallot,
} from '../db/repositories/ballot-cast.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { ballotLogEntryAfter, castAppend } from './ballot-log.service.js';
import { castingAttempts, ensureOpenNow, newReceiptCode, validateChoices } from './ballots.service.js';
import { ownersOnRoll } from './votes.service.js';

/** The roll keys the caller may vote for: their person (residents' polls), the unit they chose, or every unit they own. */
function candidateKeys(actor: Actor, unitId: string | undefined): string[] {
  if (!actor.personId) return [];
  return [actor.personId, ...(unitId ? [unitId] : actor.ownedUnits.map((u) => u.unitId))];
}

/** Which entry of the frozen roll the caller votes for, among the entries read for their keys. */
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

const sameChoices = (choicesJson: string, choices: readonly string[]) => {
  const had = JSON.parse(choicesJson) as string[];
  return had.length === choices.length && [...had].sort().join('\n') === [...choices].sort().join('\n');
};

/**
 * The entry's current ballot when this cast repeats it: cast online by the same person with the same
 * choices. A phone that lost the answer to its cast (one bar of signal) and is tapped again sends the
 * same ballot again: it is answered with the ballot already counted, its receipt unchanged, and writes
 * nothing, instead of a new version and a new receipt that would read as a changed vote.
 */
function repeatedBallot(actor: Actor, entry: RollEntryWithBallot, choices: readonly string[]) {
  const existing = entry.ballot;
  if (!existing || existing.channel !== 'online' || existing.cast_by_user_id !== actor.userId || existing.log_position === null) return null;
  return sameChoices(existing.choices_json, choices) ? { ...existing, log_position: existing.log_position } : null;
}

/**
 * Plans the online ballot of one roll entry after the log head the state holds: a new row, or the
 * replacement of its current one. Moves the state's head on and makes the planned ballot the entry's
 * current one, for a later cast of the same batch. A repeat of the current ballot plans nothing
 * (repeatedBallot) and is answered with its receipt.
 */
function planOnlineBallot(actor: Actor, state: CastingState, entry: RollEntryWithBallot, choices: string[], now: Date) {
  const { vote } = state;
  const repeated = repeatedBallot(actor, entry, choices);
  if (repeated) {
    const receipt: BallotReceipt = {
      voterKey: entry.voterKey,
      receiptCode: repeated.receipt_code,
      castAt: repeated.cast_at,
      voterLabel: entry.label,
      // As the first answer said: whether the ballot counted replaced an earlier one.
      replaced: repeated.version > 1,
      closesAt: vote.closes_at,
      logPosition: repeated.log_position,
    };
    return { planned: null, receipt };
  }
  const receiptCode = newReceiptCode();
  const castAt = now.toISOString();
  const existing = entry.ballot;
  const log = ballotLogEntryAfter(state.head, castAppend(vote.id, 'online', { receiptCode, choices, castAt }, existing));
  state.head = { position: log.position, hash: log.hash };
  const values = onlineBallotValues(actor, choices, receiptCode, castAt, null, log.position);
  const ballotId = existing?.id ?? newId();
  const planned: PlannedCast = {
    log,
    ballot: existing
      ? {
          replace: { id: existing.id, version: existing.version },
          values,
          history: {
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
        }
      : {
          insert: {
            id: ballotId,
            vote_id: vote.id,
            unit_id: entry.unitId,
            person_id: entry.unitId === null ? entry.personId : null,
            ...values,
            version: 1,
          },
        },
  };
  const current: CurrentBallot = {
    id: ballotId,
    version: (existing?.version ?? 0) + 1,
    receipt_code: receiptCode,
    choices_json: values.choices_json,
    channel: values.channel,
    cast_by_user_id: values.cast_by_user_id,
    entered_by_user_id: null,
    cast_at: castAt,
    log_position: log.position,
  };
  entry.ballot = current;
  const receipt: BallotReceipt = {
    voterKey: entry.voterKey,
    receiptCode,
    castAt,
    voterLabel: entry.label,
    replaced: existing !== null,
    closesAt: vote.closes_at,
    logPosition: log.position,
  };
  return { planned, receipt };
}

/** One online cast waiting to be settled with the others on its vote. */
interface OnlineCast {
  deps: Deps;
  voteId: string;
  actor: Actor;
  /** The roll keys it may vote for (candidateKeys, or the units it names). */
  keys: readonly string[];
  choices: readonly string[];
  /** One cast for one unit (undefined: the caller's only one), or the same choice for several units. */
  units: { one: string | undefined } | { several: readonly string[] };
}

/** Checks one cast against the state and plans its ballots; throws its refusal before planning any. */
function checkCast(cast: OnlineCast, state: CastingState): { entries: RollEntryWithBallot[]; choices: string[] } {
  const { vote } = state;
  const mine = state.entries.filter((e) => cast.keys.includes(e.voterKey));
  if ('one' in cast.units) {
    const entry = resolveOnlineVoter(vote, mine, cast.actor, cast.units.one);
    return { entries: [entry], choices: validateChoices(vote, cast.choices) };
  }
  if (vote.electorate_kind !== 'owners') throw new DomainError('ballot_units_in_poll');
  const choices = validateChoices(vote, cast.choices);
  return { entries: cast.units.several.map((unitId) => resolveOnlineVoter(vote, mine, cast.actor, unitId)), choices };
}

/** Settles the online casts on one vote that arrived together (see the top of this file). */
const settleOnlineCasts: GroupRunner<OnlineCast, unknown> = async (trx, casts) => {
  const { deps, voteId } = casts[0]!;
  const now = deps.clock();
  const keys = [...new Set(casts.flatMap((cast) => cast.keys))];
  let state = await findCastingState(trx, voteId, keys, GENESIS_HASH);
  if (!state) {
    await ensureLogHead(trx, voteId, GENESIS_HASH);
    state = await findCastingState(trx, voteId, keys, GENESIS_HASH);
  }
  try {
    ensureOpenNow(state?.vote, now);
  } catch (error) {
    return casts.map(() => ({ ok: false, error }));
  }
  const open = state!;
  let pending: PlannedCast[] = [];
  /** The entries whose ballots `pending` writes: a cast replacing one of them is written after them. */
  const touched = new Set<RollEntryWithBallot>();
  const write = async () => {
    await writeCasts(trx, voteId, pending);
    pending = [];
    touched.clear();
  };
  const outcomes: Outcome[] = [];
  for (const cast of casts) {
    try {
      const { entries, choices } = checkCast(cast, open);
      const receipts: BallotReceipt[] = [];
      for (const entry of entries) {
        const { planned, receipt } = planOnlineBallot(cast.actor, open, entry, choices, now);
        if (planned) {
          if (touched.has(entry)) await write();
          pending.push(planned);
          touched.add(entry);
        }
        receipts.push(receipt);
      }
      outcomes.push({ ok: true, value: 'one' in cast.units ? receipts[0] : { receipts } });
    } catch (error) {
      // A refusal found in checkCast: nothing of this cast was planned.
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  await write();
  return outcomes;
};

function settleCast<T>(cast: Omit<OnlineCast, 'deps'>, deps: Deps): Promise<T> {
  // Durable before it returns, the commit shared with the ballots on this vote cast beside it.
  return castingAttempts(deps, cast.voteId, () => batchedCommitGroup(deps.db, cast.voteId, settleOnlineCasts, { ...cast, deps }) as Promise<T>);
}

export function castBallot(deps: Deps, actor: Actor, voteId: string, input: CastBallotInput): Promise<BallotReceipt> {
  return settleCast({ voteId, actor, keys: candidateKeys(actor, input.unitId), choices: input.choices, units: { one: input.unitId } }, deps);
}

/**
 * The same choice for several of the caller's units, confirmed once: one ballot per unit, each with
 * its own receipt, in one transaction — all are cast or none (a unit that is not the caller's on the
 * roll refuses the whole step). The tally still counts the owner once (core/votes/heads.ts).
 */
export function castBallots(deps: Deps, actor: Actor, voteId: string, input: CastBallotsInput): Promise<{ receipts: BallotReceipt[] }> {
  const keys = actor.personId ? input.unitIds : [];
  return settleCast({ voteId, actor, keys, choices: input.choices, units: { several: input.unitIds } }, deps);
}
