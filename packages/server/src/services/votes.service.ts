/**
 * The life of a vote: created as a draft, opened (the electorate and the rule are frozen into
 * vote_electorate and the vote row, so later roster changes cannot move the result), closed on time
 * (by the scheduler, or lazily by whichever read or ballot first notices the time has passed) with
 * the tally frozen into result_json. Ballots live in ./ballots.service.ts.
 *
 * Every state change runs inside one transaction that re-reads the vote, so an open racing a close,
 * or two closes, settle on one outcome; a ballot is accepted only by a transaction that still sees
 * the vote open before its closing time (see castBallot), so none is lost after being accepted.
 */
import {
  DomainError,
  YES_NO_OPTIONS,
  describeRule,
  followsStatutoryTimeline,
  formatUnitLabel,
  isSingleChoice,
  tallyVote,
  type BallotChannel,
  type CreateVoteInput,
  type ElectorateEntry,
  type Locale,
  type TallyBallot,
  type TallyResult,
  type VoteOption,
  type StoredBallotChannel,
  type VoteRule,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { lockRow } from '../db/dialect.js';
import { isTransientConflict } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { naturalKey } from '../db/natural-key.js';
import type { Db } from '../db/repositories/places.repository.js';
import { findProposal } from '../db/repositories/proposals.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteElectorateRow, VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications, fanoutsOwed } from './notifications.service.js';
import { recordProposalPutToVote } from './proposals.service.js';
import { assertMayOpen, finaliseDueVotes, publishPreliminaryResult } from './vote-timeline.service.js';
import { freezePackedRoll, tallyFromDb, type RollRow } from './vote-tally.js';

export function optionsOf(vote: Pick<VoteRow, 'options_json'>): VoteOption[] {
  return JSON.parse(vote.options_json) as VoteOption[];
}
export function ruleOf(vote: Pick<VoteRow, 'rule_json'>): VoteRule {
  return JSON.parse(vote.rule_json) as VoteRule;
}

/** Whose ballot: a unit (owners' votes) or a person (residents' polls). */
export interface Voter {
  unitId: string | null;
  personId: string | null;
}

/** The voter of an entry of the frozen roll. */
export function voterOf(entry: Pick<VoteElectorateRow, 'unit_id' | 'person_id'>): Voter {
  return { unitId: entry.unit_id, personId: entry.unit_id ? null : entry.person_id };
}

/** The key a ballot row and the roll share: the unit's id, or the person's in a residents' poll. */
export function voterKeyOf(ballot: { unit_id: string | null; person_id: string | null }): string {
  return (ballot.unit_id ?? ballot.person_id)!;
}

/** How a ballot reached the box as told (roll, receipts, turnout): a proxy ballot is stored as online with its proxy_id. */
export function channelOf(ballot: { channel: StoredBallotChannel; proxy_id: string | null }): BallotChannel {
  return ballot.proxy_id ? 'proxy' : ballot.channel;
}

/**
 * A stored JSON array of ids (a ballot's choices, a roll entry's owners). Nearly all hold one id as
 * JSON.stringify wrote it — `["yes"]` — read here without the JSON parser (a 100,000-unit tally reads
 * 170,000 of them); anything else (several, none, an escape) goes through JSON.parse.
 */
export function idListOf(json: string): string[] {
  const last = json.length - 2;
  if (last > 1 && json.startsWith('["') && json.endsWith('"]') && json.indexOf('"', 2) === last && !json.includes('\\')) return [json.slice(2, last)];
  return JSON.parse(json) as string[];
}

export function choicesOf(ballot: { choices_json: string }): string[] {
  return idListOf(ballot.choices_json);
}

/** The owners of a unit on the roll as they were when the vote opened (a sale later hands nobody the ballot). */
export function ownersOnRoll(entry: Pick<VoteElectorateRow, 'owner_person_ids'>): string[] {
  return idListOf(entry.owner_person_ids);
}

export async function createVote(deps: Deps, actor: Actor, compoundId: string, input: CreateVoteInput) {
  const { db } = deps;
  const now = deps.clock().toISOString();
  if (Date.parse(input.closesAt) <= deps.clock().getTime()) throw new DomainError('vote_close_before_open');
  if (input.buildingId && !(await repo.findBuildingOfCompound(db, input.buildingId, compoundId))) throw new DomainError('vote_building_mismatch');
  // A soft link to the meetings feature: the item must be on the agenda of a meeting of this compound.
  if (input.sourceKind === 'agenda_item' && !(await repo.findAgendaItemOfCompound(db, input.sourceId!, compoundId)))
    throw new DomainError('vote_source_not_found');
  if (input.sourceKind === 'proposal' && (await findProposal(db, input.sourceId!))?.compound_id !== compoundId) throw new DomainError('vote_source_not_found');
  const options: VoteOption[] =
    input.kind === 'yes_no'
      ? YES_NO_OPTIONS.map((o) => ({ id: o.id, label: o.label['zh-CN'] }))
      : input.options.map((label, i) => ({ id: `o${i + 1}`, label }));
  const id = newId();
  // An owners' vote on an art. 278 matter follows the statutory timeline: announced before it opens.
  const statutory = followsStatutoryTimeline(input.rule, input.electorateKind);
  await db.transaction().execute(async (trx) => {
    await repo.insertVote(trx, {
      id,
      compound_id: compoundId,
      building_id: input.buildingId,
      statutory: statutory ? 1 : 0,
      title: input.title,
      description: input.description,
      kind: input.kind,
      electorate_kind: input.electorateKind,
      options_json: JSON.stringify(options),
      max_choices: isSingleChoice(input.kind) ? 1 : input.maxChoices,
      rule_json: JSON.stringify(input.rule),
      secret: input.secret ? 1 : 0,
      status: 'draft',
      opens_at: input.opensAt ? new Date(input.opensAt).toISOString() : null,
      closes_at: new Date(input.closesAt).toISOString(),
      source_kind: input.sourceKind,
      source_id: input.sourceId,
      created_by_user_id: actor.userId,
      created_at: now,
      updated_at: now,
    });
    // The proposal records that it was put to this vote (a soft link both ways).
    if (input.sourceKind === 'proposal') await recordProposalPutToVote(trx, actor, input.sourceId!, { voteId: id, title: input.title, now });
  });
  // A vote whose opening time is already past opens at once (a statutory one is announced first).
  if (!statutory && input.opensAt && Date.parse(input.opensAt) <= deps.clock().getTime()) await openVote(deps, id, actor);
  return { id };
}

/** The electorate as it stands now, in the shape the tally reads (frozen at opening, or at the announcement of a statutory vote). */
export async function buildElectorate(db: Db, vote: VoteRow) {
  if (vote.electorate_kind === 'residents') {
    const persons = await repo.listPersonsInScope(db, vote.compound_id, vote.building_id);
    const seen = new Map<string, { personId: string; name: string; unitLabel: string }>();
    for (const p of persons) if (!seen.has(p.personId)) seen.set(p.personId, p);
    return [...seen.values()].map((p) => ({
      vote_id: vote.id,
      voter_key: p.personId,
      unit_id: null,
      person_id: p.personId,
      label: `${p.name}（${p.unitLabel}）`,
      owner_person_ids: '[]',
      area_centi: 0,
      developer_held: 0,
      sort_key: naturalKey(`${p.name}（${p.unitLabel}）`),
    }));
  }
  const { units, owners } = await repo.listUnitsWithOwners(db, vote.compound_id, vote.building_id);
  const ownersOf = new Map<string, string[]>();
  for (const o of owners) ownersOf.set(o.unitId, [...(ownersOf.get(o.unitId) ?? []), o.personId]);
  return units.map((u) => ({
    vote_id: vote.id,
    voter_key: u.id,
    unit_id: u.id,
    person_id: null,
    label: formatUnitLabel(u.building, u.entrance, u.room),
    owner_person_ids: JSON.stringify(u.developer_held ? [] : (ownersOf.get(u.id) ?? []).sort()),
    area_centi: u.area_centi,
    developer_held: u.developer_held,
    sort_key: u.sort_key,
  }));
}

/**
 * Freezes the roll of a vote as its electorate stands now (opening a draft, announcing a statutory
 * vote), in the caller's transaction; refuses an empty one. An owners' roll is one INSERT … SELECT
 * (repo.insertOwnersRoll, the rows buildElectorate builds), answering the rows it wrote. A residents'
 * poll is built here and inserted. Either way the answer is the roll as the tally reads it.
 */
export async function freezeElectorate(db: Db, vote: VoteRow): Promise<RollRow[]> {
  if (vote.electorate_kind !== 'residents') {
    const rows = await repo.insertOwnersRoll(db, vote.id, vote.compound_id, vote.building_id);
    if (rows.length === 0) throw new DomainError('vote_empty_electorate');
    return rows;
  }
  const electorate = await buildElectorate(db, vote);
  if (electorate.length === 0) throw new DomainError('vote_empty_electorate');
  await repo.insertElectorate(db, electorate);
  return electorate;
}

/**
 * Opens a draft; `by` is the organiser opening it, or null when the scheduler opens it at its time.
 * Its owners' notices are owed by the same transaction (one fan-out row) and written right after it
 * commits by the outbox worker, which is told now.
 */
export async function openVote(deps: Deps, voteId: string, by: Actor | null = null) {
  const told = await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', voteId);
    const vote = await repo.findVote(trx, voteId);
    if (!vote) throw new DomainError('vote_not_found');
    if (vote.status !== 'draft' && vote.status !== 'announced') throw new DomainError('vote_not_draft');
    const now = deps.clock();
    if (Date.parse(vote.closes_at) <= now.getTime()) throw new DomainError('vote_close_before_open');
    await assertMayOpen(trx, vote, now);
    // A statutory vote's roll was frozen when it was announced (and corrected during its roll check).
    const electorate = vote.status === 'draft' ? await freezeElectorate(trx, vote) : undefined;
    // The roll is final from here: its packed copy, which closing's tally reads, is written once.
    await freezePackedRoll(trx, voteId, electorate);
    await repo.updateVote(trx, voteId, vote.status, { status: 'open', opened_at: now.toISOString(), updated_at: now.toISOString() });
    return enqueueNotifications(trx, deps, { kind: 'vote_opened', voteId, causedByUserId: by?.userId ?? null });
  });
  if (told.owed) fanoutsOwed();
}

export function electorateEntries(rows: Array<Pick<VoteElectorateRow, 'voter_key' | 'owner_person_ids' | 'area_centi' | 'developer_held'>>): ElectorateEntry[] {
  return rows.map((r) => ({
    voterKey: r.voter_key,
    ownerPersonIds: ownersOnRoll(r),
    areaCenti: r.area_centi,
    developerHeld: r.developer_held === 1,
  }));
}

/** The tally of a vote's roll and ballots under its rule, options and seats. */
export function tallyOfVote(vote: VoteRow, electorate: readonly ElectorateEntry[], ballots: readonly TallyBallot[]): TallyResult {
  return tallyVote({
    kind: vote.kind,
    electorateKind: vote.electorate_kind,
    rule: ruleOf(vote),
    options: optionsOf(vote),
    seats: vote.max_choices,
    electorate,
    ballots,
  });
}

// Closing's tally reads the packed copy of the roll and the ballots grouped by choice (./vote-tally.ts).
export { tallyFromDb } from './vote-tally.js';

/**
 * Closes the vote in three steps, so that the tally never runs inside a write transaction:
 *
 * 1. A short transaction marks it closed (status `closed`, no result yet). It waits for ballots being
 *    cast to commit (they hold the vote row in share mode on PostgreSQL; SQLite runs one transaction
 *    at a time), so every ballot that was accepted is in; every later one sees it closed and is
 *    refused with `vote_closed`, which says when it closed.
 * 2. The tally reads the roll and the ballots, outside any transaction: nothing can change them now.
 * 3. A short transaction writes the frozen result if none is written yet (compare-and-set), and
 *    publishes it (the preliminary result of a statutory vote, or the owners told).
 *
 * A vote closed but without a result (a crash, or another instance, between steps 1 and 3) is found by
 * the scheduler (listDueVotes) and by the first read (loadVoteSettled), which finish it: steps 2 and 3
 * again, counted once whoever gets there first.
 *
 * `by` is the staff member closing early, or null when its time has come (then the closing instant
 * recorded is the set closing time, not the moment the timer happened to fire). Returns whether this
 * call wrote the result; false when it was not open (closing is idempotent).
 */
export async function closeVote(deps: Deps, voteId: string, by: Actor | null): Promise<boolean> {
  const closing = await stopAcceptingBallots(deps, voteId, by);
  if (!closing) return false;
  const finished = await finishClosing(deps, closing.vote, by);
  // Staff who found it already closed by someone else (its result perhaps finished just now) are told so.
  if (!closing.markedNow && by) throw new DomainError('vote_already_closed');
  return finished;
}

/** A vote marked closed whose result is not written yet (closeVote's step 1 done, step 3 not). */
export function isClosingUnfinished(vote: Pick<VoteRow, 'status' | 'result_json'>): boolean {
  return vote.status === 'closed' && vote.result_json === null;
}

/** Step 1: the vote marked closed, or found closing unfinished; undefined when there is nothing to close. */
export async function stopAcceptingBallots(deps: Deps, voteId: string, by: Actor | null): Promise<{ vote: VoteRow; markedNow: boolean } | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', voteId);
    const vote = await repo.findVote(trx, voteId);
    if (!vote) throw new DomainError('vote_not_found');
    if (isClosingUnfinished(vote)) return { vote, markedNow: false };
    if (vote.status !== 'open') {
      if (by && vote.status === 'closed') throw new DomainError('vote_already_closed');
      if (by) throw new DomainError('vote_not_open');
      return undefined;
    }
    const now = deps.clock();
    const due = Date.parse(vote.closes_at) <= now.getTime();
    if (!by && !due) return undefined;
    const closed = {
      status: 'closed' as const,
      closed_at: due ? vote.closes_at : now.toISOString(),
      closed_by_user_id: by?.userId ?? null,
      updated_at: now.toISOString(),
    };
    // Compare-and-set on the status as well as the lock: whoever closes it second changes nothing.
    const changed = await repo.updateVote(trx, voteId, 'open', closed);
    if (Number(changed.numUpdatedRows) !== 1) {
      if (by) throw new DomainError('vote_already_closed');
      return undefined;
    }
    return { vote: { ...vote, ...closed }, markedNow: true };
  });
}

/** Steps 2 and 3: the tally outside any transaction, then the result written once and published. */
export async function finishClosing(deps: Deps, vote: VoteRow, by: Actor | null): Promise<boolean> {
  const result = await tallyFromDb(deps.db, vote);
  const finished = await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', vote.id);
    const now = deps.clock().toISOString();
    const written = await repo.writeVoteResult(trx, vote.id, JSON.stringify(result), now);
    if (Number(written.numUpdatedRows) !== 1) return false;
    const closedAt = vote.closed_at!;
    // Who closed it is on the row (the step that marked it), also when another call finishes it.
    const closer = vote.closed_by_user_id === by?.userId ? by : null;
    // A statutory vote's result is preliminary (its 询异 window opens); the owners are told the final one.
    if (vote.statutory === 1) await publishPreliminaryResult(trx, vote, result, closedAt, closer);
    else await enqueueNotifications(trx, deps, { kind: 'vote_result', voteId: vote.id, causedByUserId: vote.closed_by_user_id });
    return true;
  });
  // The owners' notices of the result are owed by that transaction: written by the outbox worker now.
  if (finished) fanoutsOwed();
  return finished;
}

/**
 * Opens drafts whose time has come and closes open votes whose time has passed. Every server
 * instance runs this on its timer: each open and close is a locked compare-and-set, so of two
 * instances settling the same vote one does it and the other finds it done (and counts nothing).
 */
export async function settleDueVotes(deps: Deps): Promise<{ opened: number; closed: number }> {
  let opened = 0;
  let closed = 0;
  for (const due of await repo.listDueVotes(deps.db, deps.clock().toISOString())) {
    try {
      if (due.status === 'open' || due.status === 'closed') closed += (await closeVote(deps, due.id, null)) ? 1 : 0;
      else {
        await openVote(deps, due.id);
        opened += 1;
      }
    } catch (error) {
      // A draft that cannot open (closing time already past, nobody entitled) stays a draft for
      // staff to fix; one bad vote must not stop the others from closing. A write conflict with
      // another instance settling the same vote leaves it to that instance (or to the next tick).
      if (!(error instanceof DomainError) && !isTransientConflict(error)) throw error;
    }
  }
  await finaliseDueVotes(deps);
  return { opened, closed };
}

/** Staff close a vote early (a vote past its time is settled first, so "already closed" is said right). */
export async function closeVoteNow(deps: Deps, voteId: string, by: Actor): Promise<void> {
  await loadVoteSettled(deps, voteId);
  await closeVote(deps, voteId, by);
}

/** The read-side check: a vote past its time is settled before anyone sees it. */
export async function loadVoteSettled(deps: Deps, voteId: string): Promise<VoteRow> {
  let vote = await repo.findVote(deps.db, voteId);
  if (!vote) throw new DomainError('vote_not_found');
  const now = deps.clock().getTime();
  const dueToClose = (vote.status === 'open' && Date.parse(vote.closes_at) <= now) || isClosingUnfinished(vote);
  const dueToOpen =
    (vote.status === 'announced' || (vote.status === 'draft' && vote.statutory === 0)) && vote.opens_at !== null && Date.parse(vote.opens_at) <= now;
  const dueToFinalise =
    vote.status === 'closed' && vote.statutory === 1 && !vote.finalised_at && vote.objection_ends_at !== null && Date.parse(vote.objection_ends_at) <= now;
  if (dueToClose || dueToOpen || dueToFinalise) {
    await settleDueVotes(deps);
    vote = (await repo.findVote(deps.db, voteId))!;
  }
  return vote;
}

export function ruleWords(vote: VoteRow): Record<Locale, string> {
  const rule = ruleOf(vote);
  return { 'zh-CN': describeRule(rule, 'zh-CN'), en: describeRule(rule, 'en') };
}

/** Option labels in the caller's language (yes/no labels are translated; others as written). */
export function localisedOptions(vote: VoteRow, locale: Locale): VoteOption[] {
  const options = optionsOf(vote);
  if (vote.kind !== 'yes_no') return options;
  return options.map((o) => ({ id: o.id, label: YES_NO_OPTIONS.find((y) => y.id === o.id)?.label[locale] ?? o.label }));
}
