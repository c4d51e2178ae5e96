/**
 * 询异: after an owners'-assembly vote closes, its preliminary result and receipts are published and,
 * until objection_ends_at, an owner on the roll may dispute a specific ballot by its receipt code —
 * their own, or one they believe wrong. The vote's organisers resolve each dispute with a recorded
 * reason. An upheld dispute of a paper ballot entered wrongly corrects its choices from the signed
 * slip: a `corrected` entry in the ballot log (superseding the receipt), the old ballot kept in its
 * history, the preliminary result recomputed and a notice published. The disputing owner is told.
 * The final result waits until no dispute is open (openDisputeCount).
 */
import {
  DomainError,
  normaliseReceiptCode,
  type BallotDisputeView,
  type CreateBallotDisputeInput,
  type Locale,
  type ResolveBallotDisputeInput,
  type VoteObjections,
  type VoteObjectionsQuery,
  formatBeijingMinute,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as objections from '../db/repositories/vote-objections.repository.js';
import * as votes from '../db/repositories/votes.repository.js';
import type { BallotDisputeRow } from '../db/tables/vote-objections.table.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { appendBallotLog } from './ballot-log.service.js';
import { validateChoices } from './ballots.service.js';
import { enqueueNotifications } from './notifications.service.js';
import { rollObjectionView } from './roll-objections.service.js';
import { publishVoteNotice } from './vote-objection-notices.js';
import { VOTE_ORGANISERS } from './vote-views.service.js';
import { choicesOf, loadVoteSettled, localisedOptions, ownersOnRoll, tallyFromDb } from './votes.service.js';

/** Disputes of this vote still unresolved: the final result is refused while any is open. */
export function openDisputeCount(db: Db, voteId: string): Promise<number> {
  return objections.countOpenBallotDisputes(db, voteId);
}

function disputesOpen(vote: VoteRow, now: Date): boolean {
  return (
    vote.statutory === 1 && vote.status === 'closed' && !vote.finalised_at && !!vote.objection_ends_at && now.getTime() < Date.parse(vote.objection_ends_at)
  );
}

type DisputeListRow = Awaited<ReturnType<typeof objections.listBallotDisputes>>[number];

/** A paper ballot entered by staff (not a proxy's): the one kind whose choices a dispute can correct. */
function isPaper(ballot: { channel: string | null; proxy_id: string | null } | undefined): boolean {
  return ballot?.channel === 'paper' && !ballot.proxy_id;
}

function disputeView(row: BallotDisputeRow | DisputeListRow, vote: VoteRow, locale: Locale, withName: boolean, paperBallot: boolean): BallotDisputeView {
  const labels = new Map(localisedOptions(vote, locale).map((o) => [o.id, o.label]));
  const corrected = row.corrected_choices_json ? (JSON.parse(row.corrected_choices_json) as string[]) : null;
  return {
    id: row.id,
    voteId: row.vote_id,
    receiptCode: row.receipt_code,
    paperBallot,
    kind: row.kind,
    text: row.text,
    status: row.status,
    raisedByName: withName && 'user_name' in row ? row.user_name : null,
    createdAt: row.created_at,
    resolutionReason: row.resolution_reason,
    resolvedAt: row.resolved_at,
    correctedChoices: corrected,
    correctedChoiceLabels: corrected && corrected.map((c) => labels.get(c) ?? c),
    correctionLogPosition: row.correction_log_position,
  };
}

/** Whether the caller owns a unit on this vote's frozen roll. */
async function isOnRoll(db: Db, actor: Actor, voteId: string): Promise<boolean> {
  if (!actor.personId) return false;
  for (const unit of actor.ownedUnits) {
    const entry = await votes.findElectorateEntry(db, voteId, unit.unitId);
    if (entry && ownersOnRoll(entry).includes(actor.personId)) return true;
  }
  return false;
}

/** An owner on the roll disputes a published ballot by its receipt code, within the 询异 window. */
export async function raiseDispute(deps: Deps, actor: Actor, voteId: string, input: CreateBallotDisputeInput, locale: Locale): Promise<BallotDisputeView> {
  const vote = await loadVoteSettled(deps, voteId);
  if (vote.status === 'draft') throw new DomainError('vote_not_found');
  if (vote.statutory !== 1) throw new DomainError('dispute_not_statutory');
  const now = deps.clock();
  if (!disputesOpen(vote, now)) {
    if (vote.status === 'closed' && vote.objection_ends_at)
      throw new DomainError('dispute_window_ended', { endsAt: formatBeijingMinute(vote.objection_ends_at) });
    throw new DomainError('dispute_window_not_open');
  }
  if (!(await isOnRoll(deps.db, actor, voteId))) throw new DomainError('dispute_not_on_roll');
  const receiptCode = normaliseReceiptCode(input.receiptCode);
  const ballot = await objections.findBallotByReceipt(deps.db, voteId, receiptCode);
  if (!ballot) throw new DomainError('dispute_receipt_unknown', { receiptCode });
  const row: BallotDisputeRow = {
    id: newId(),
    vote_id: voteId,
    compound_id: vote.compound_id,
    receipt_code: receiptCode,
    raised_by_user_id: actor.userId,
    kind: input.kind,
    text: input.text,
    status: 'open',
    resolution_reason: '',
    resolved_by_user_id: null,
    resolved_at: null,
    corrected_choices_json: null,
    correction_log_position: null,
    created_at: now.toISOString(),
  };
  await objections.insertBallotDispute(deps.db, row);
  return disputeView({ ...row, user_name: actor.displayName }, vote, locale, true, isPaper(ballot));
}

/** Corrects a paper ballot from its signed slip: log entry, ballot row and history, recomputed preliminary result. */
async function correctPaperBallot(trx: Db, vote: VoteRow, receiptCode: string, choices: string[], actor: Actor, now: string): Promise<number> {
  const ballot = await objections.findBallotByReceipt(trx, vote.id, receiptCode);
  if (!ballot || !isPaper(ballot)) throw new DomainError('dispute_correction_paper_only');
  const logged = await appendBallotLog(trx, {
    voteId: vote.id,
    kind: 'corrected',
    receiptCode,
    supersedes: receiptCode,
    choices,
    channel: 'paper',
    recordedAt: now,
  });
  // The ballot row first (it locks the row), then its history (as casting does).
  const changed = await objections.correctBallotRow(trx, ballot.id, ballot.version, {
    choices_json: JSON.stringify(choices),
    version: ballot.version + 1,
    log_position: logged.position,
  });
  if (Number(changed.numUpdatedRows) !== 1) throw new Error('ballot changed concurrently');
  await votes.appendBallotHistory(trx, {
    id: newId(),
    ballot_id: ballot.id,
    vote_id: vote.id,
    version: ballot.version,
    choices_json: ballot.choices_json,
    channel: ballot.channel,
    cast_by_user_id: ballot.cast_by_user_id,
    entered_by_user_id: ballot.entered_by_user_id,
    receipt_code: ballot.receipt_code,
    cast_at: ballot.cast_at,
    replaced_at: now,
    replaced_by_user_id: actor.userId,
  });
  const result = await tallyFromDb(trx, vote);
  await objections.updateVoteResult(trx, vote.id, JSON.stringify(result), now);
  const from = choicesOf(ballot);
  const label = (ids: string[], locale: Locale) => {
    const labels = new Map(localisedOptions(vote, locale).map((o) => [o.id, o.label]));
    return ids.map((c) => labels.get(c) ?? c).join(locale === 'zh-CN' ? '、' : ', ');
  };
  await publishVoteNotice(
    trx,
    vote,
    'corrected_result',
    {
      title: { 'zh-CN': `初步统计结果更正：${vote.title}`, en: `Preliminary result corrected: ${vote.title}` },
      body: {
        'zh-CN': `经询异核查，回执码 ${receiptCode} 的纸质选票录入有误，已按签字选票原件由“${label(from, 'zh-CN')}”更正为“${label(choices, 'zh-CN')}”（投票记录第 ${logged.position} 条），初步统计结果已重新计算。${result.summary['zh-CN']}`,
        en: `After a dispute, the paper ballot with receipt ${receiptCode} was found entered wrongly and corrected from the signed slip, from "${label(from, 'en')}" to "${label(choices, 'en')}" (ballot log entry ${logged.position}); the preliminary result was recomputed. ${result.summary.en}`,
      },
    },
    actor.userId,
    now,
  );
  return logged.position;
}

/** Organisers resolve a dispute with a reason: rejected, or upheld (a paper ballot's choices corrected when given); the owner is told. */
export async function resolveDispute(
  deps: Deps,
  actor: Actor,
  voteId: string,
  disputeId: string,
  input: ResolveBallotDisputeInput,
  locale: Locale,
): Promise<BallotDisputeView> {
  return deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', voteId);
    const vote = await votes.findVote(trx, voteId);
    const dispute = await objections.findBallotDispute(trx, disputeId);
    if (!vote || dispute?.vote_id !== voteId) throw new DomainError('ballot_dispute_not_found');
    if (dispute.status !== 'open') throw new DomainError('objection_already_resolved');
    const now = deps.clock().toISOString();
    let corrected: string[] | null = null;
    let position: number | null = null;
    if (input.outcome === 'upheld' && input.correctedChoices) {
      if (vote.status !== 'closed' || vote.finalised_at) throw new DomainError('dispute_correction_window_closed');
      // Closed but not yet counted (votes.service closeVote): the correction waits for the preliminary result it corrects.
      if (!vote.result_json) throw new DomainError('vote_counting');
      corrected = validateChoices(vote, input.correctedChoices);
      position = await correctPaperBallot(trx, vote, dispute.receipt_code, corrected, actor, now);
    }
    const resolved = {
      status: input.outcome,
      resolution_reason: input.reason,
      resolved_by_user_id: actor.userId,
      resolved_at: now,
      corrected_choices_json: corrected && JSON.stringify(corrected),
      correction_log_position: position,
    };
    const changed = await objections.resolveBallotDisputeRow(trx, disputeId, resolved);
    if (Number(changed.numUpdatedRows) !== 1) throw new DomainError('objection_already_resolved');
    await enqueueNotifications(trx, deps, { kind: 'ballot_dispute_resolved', disputeId, causedByUserId: actor.userId });
    const paper = isPaper(await objections.findBallotByReceipt(trx, voteId, dispute.receipt_code));
    return disputeView({ ...dispute, ...resolved }, vote, locale, true, paper);
  });
}

/**
 * Both lists a page at a time (or the one `query.list` names): the organisers see every request and
 * dispute with who raised it, an owner their own; how many of each are open, of all.
 */
export async function listVoteObjections(
  deps: Deps,
  actor: Actor,
  voteId: string,
  locale: Locale,
  place: PlaceChain | undefined,
  query: VoteObjectionsQuery,
): Promise<VoteObjections> {
  const vote = await loadVoteSettled(deps, voteId);
  const organiser = !!place && mayAct(actor, VOTE_ORGANISERS, place);
  if (vote.status === 'draft' && !organiser) throw new DomainError('vote_not_found');
  const mineOnly = organiser ? undefined : actor.userId;
  const none = { rows: [], next: null };
  const roll = query.list === 'disputes' ? none : await objections.readRollObjectionsPage(deps.db, voteId, mineOnly, query);
  const disputes = query.list === 'roll' ? none : await objections.readBallotDisputesPage(deps.db, voteId, mineOnly, query);
  return {
    voteId,
    canResolve: organiser,
    rollCheckEndsAt: vote.roll_check_ends_at,
    objectionEndsAt: vote.objection_ends_at,
    disputesOpen: disputesOpen(vote, deps.clock()),
    openRollObjections: await objections.countOpenRollObjections(deps.db, voteId, mineOnly),
    openDisputes: await objections.countOpenBallotDisputes(deps.db, voteId, mineOnly),
    rollObjections: { items: roll.rows.map((o) => rollObjectionView(o, o.unit_label ?? '', true)), next: roll.next },
    disputes: {
      items: disputes.rows.map((d) => disputeView(d, vote, locale, true, isPaper({ channel: d.ballot_channel, proxy_id: d.ballot_proxy_id }))),
      next: disputes.next,
    },
  };
}
