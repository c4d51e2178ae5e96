/**
 * The statutory timeline of an owners'-assembly vote (core/votes/timeline.ts): the compound's periods,
 * the voting notice (投票通知公告) that freezes the roll for checking, the guard on opening (15 days'
 * notice, 物业管理条例第十四条, and the roll check over), the extension (延期公示), the preliminary
 * result at closing (初步统计结果公示) with its 询异 window, and the final result. Every stage publishes
 * a notice (vote_notices, append-only) in the transaction that does it, and tells the owners.
 */
import {
  COMPOUND_STAFF,
  DomainError,
  MIN_NOTICE_DAYS,
  VOTE_PERIOD_DEFAULTS,
  VOTE_NOTICE_KINDS,
  VOTE_PERIOD_LIMITS,
  addCalendarDays,
  announcementNotice,
  describeVotePeriods,
  earliestOpening,
  extensionNotice,
  finalNotice,
  formatBeijingMinute,
  preliminaryNotice,
  timelineSummary,
  votePhase,
  voteStages,
  type ExtendVoteInput,
  type NoticeText,
  type PageRequest,
  type TallyResult,
  type VoteNoticeKind,
  type VotePeriods,
  type VoteSettings,
  type VoteTimeline,
  type VoteTimelineInput,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import * as notices from '../db/repositories/vote-notices.repository.js';
import { findVoteSettings, upsertVoteSettings } from '../db/repositories/vote-settings.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { openDisputeCount } from './ballot-disputes.service.js';
import { openRollObjectionCount } from './roll-objections.service.js';
import { enqueueNotifications, fanoutsOwed } from './notifications.service.js';
import { votePeriodsOf } from './vote-settings.service.js';
import { turnoutOf } from './vote-turnout.js';
import { freezeElectorate, loadVoteSettled, ruleWords } from './votes.service.js';

// ---- the compound's periods ---------------------------------------------------------------------

/** Who organises votes (vote-views' VOTE_ORGANISERS) may change the periods. */

function profileOf(p: VotePeriods) {
  return { 'zh-CN': describeVotePeriods(p, 'zh-CN'), en: describeVotePeriods(p, 'en') };
}

/** The periods and profile; canManage: the caller organises votes here (COMPOUND_STAFF, vote-views' VOTE_ORGANISERS). */
export async function getVoteSettings(deps: Deps, actor: Actor, compoundId: string, chain: PlaceChain | null): Promise<VoteSettings> {
  const periods = await votePeriodsOf(deps.db, compoundId);
  return {
    periods,
    defaults: VOTE_PERIOD_DEFAULTS,
    limits: VOTE_PERIOD_LIMITS,
    profile: profileOf(periods),
    custom: !!(await findVoteSettings(deps.db, compoundId)),
    canManage: mayAct(actor, COMPOUND_STAFF, chain),
  };
}

/** Applies to votes announced from now on (one already announced keeps the dates it published). */
export async function changeVoteSettings(deps: Deps, actor: Actor, compoundId: string, periods: VotePeriods, chain: PlaceChain | null) {
  await upsertVoteSettings(deps.db, {
    compound_id: compoundId,
    notice_days: periods.noticeDays,
    roll_check_days: periods.rollCheckDays,
    objection_days: periods.objectionDays,
    proxy_cap: periods.proxyCap,
    updated_by_user_id: actor.userId,
    updated_at: deps.clock().toISOString(),
  });
  return getVoteSettings(deps, actor, compoundId, chain);
}

// ---- notices ------------------------------------------------------------------------------------

async function publishNotice(trx: Db, vote: VoteRow, kind: VoteNoticeKind, text: NoticeText, at: string, by: Actor | null, reason = '') {
  await notices.insertVoteNotice(trx, {
    id: newId(),
    vote_id: vote.id,
    compound_id: vote.compound_id,
    kind,
    title_json: JSON.stringify(text.title),
    body_json: JSON.stringify(text.body),
    reason,
    published_at: at,
    published_by_user_id: by?.userId ?? null,
  });
}

function noticeView(row: Awaited<ReturnType<typeof notices.listNoticesOfVote>>[number]) {
  return {
    id: row.id,
    kind: row.kind as VoteNoticeKind,
    title: JSON.parse(row.title_json) as Record<'zh-CN' | 'en', string>,
    body: JSON.parse(row.body_json) as Record<'zh-CN' | 'en', string>,
    reason: row.reason,
    publishedAt: row.published_at,
  };
}

/** Oldest first; notices of one instant (an extension and an early close) in the order of the stages. */
function byPublication(a: { published_at: string; kind: string }, b: { published_at: string; kind: string }): number {
  const rank = (kind: string) => VOTE_NOTICE_KINDS.indexOf(kind as VoteNoticeKind);
  return a.published_at.localeCompare(b.published_at) || rank(a.kind) - rank(b.kind);
}

/**
 * A page of the board's vote notices, newest first. Within the page, notices of one instant are put
 * in the order of the stages (newest stage first); the page itself is cut by (time, id).
 */
export async function listPublicVoteNotices(deps: Deps, compoundId: string, page: PageRequest) {
  if (!(await findCompoundChain(deps.db, compoundId))) throw new DomainError('compound_not_found');
  const { rows, next } = await notices.readNoticesOfCompoundPage(deps.db, compoundId, page);
  rows.sort((a, b) => byPublication(b, a));
  const profile = profileOf(await votePeriodsOf(deps.db, compoundId));
  return { profile, items: rows.map((r) => ({ ...noticeView(r), voteId: r.vote_id, voteTitle: r.vote_title })), next };
}

// ---- announce -----------------------------------------------------------------------------------

async function lockedVote(trx: Db, voteId: string): Promise<VoteRow> {
  await lockRow(trx, 'votes', voteId);
  const vote = await repo.findVote(trx, voteId);
  if (!vote) throw new DomainError('vote_not_found');
  return vote;
}

/**
 * Publishes the voting notice of a statutory draft: the roll is frozen now (owners check it during the
 * roll check), the vote opens no sooner than the notice period later (opensAt set to that if missing),
 * and the owners on the roll are told.
 */
export async function announceVote(deps: Deps, voteId: string, by: Actor): Promise<void> {
  const told = await deps.db.transaction().execute(async (trx) => {
    const vote = await lockedVote(trx, voteId);
    if (vote.status !== 'draft') throw new DomainError('vote_not_draft');
    if (vote.statutory !== 1) throw new DomainError('vote_not_statutory');
    const periods = await votePeriodsOf(trx, vote.compound_id);
    const now = deps.clock().toISOString();
    const earliest = earliestOpening(now, periods);
    const rollCheckEndsAt = addCalendarDays(now, periods.rollCheckDays);
    // Voting opens once the notice period and the roll check are both over.
    const opensAt = vote.opens_at ?? (rollCheckEndsAt > earliest ? rollCheckEndsAt : earliest);
    if (Date.parse(opensAt) < Date.parse(earliest))
      throw new DomainError('vote_notice_period', { days: periods.noticeDays, earliest: formatBeijingMinute(earliest) });
    if (Date.parse(opensAt) < Date.parse(rollCheckEndsAt)) throw new DomainError('vote_roll_check_running', { until: formatBeijingMinute(rollCheckEndsAt) });
    if (Date.parse(vote.closes_at) <= Date.parse(opensAt)) throw new DomainError('vote_close_before_open');
    await freezeElectorate(trx, vote);
    const stage = { status: 'announced' as const, announced_at: now, roll_check_ends_at: rollCheckEndsAt, opens_at: opensAt, updated_at: now };
    await repo.updateVote(trx, voteId, 'draft', stage);
    const announced = { ...vote, ...stage };
    const { electorate: counts } = await turnoutOf(trx, announced);
    const text = announcementNotice({
      title: vote.title,
      description: vote.description,
      ruleText: ruleWords(vote),
      opensAt,
      closesAt: vote.closes_at,
      rollCheckEndsAt,
      periods,
      electorate: counts,
    });
    await publishNotice(trx, announced, 'announcement', text, now, by);
    return enqueueNotifications(trx, deps, { kind: 'vote_announced', voteId, causedByUserId: by.userId });
  });
  // The roll's notices are owed by a fan-out row: written now by this process's worker, not at its next poll.
  if (told.owed) fanoutsOwed();
}

/**
 * The guard on opening a statutory vote (by an organiser or by the scheduler): announced, the notice
 * period over (物业管理条例第十四条), the roll check ended, every roll correction request resolved.
 * Says why and from when it can open.
 */
export async function assertMayOpen(db: Db, vote: VoteRow, now: Date, known?: VotePeriods): Promise<void> {
  if (vote.statutory !== 1) return;
  const periods = known ?? (await votePeriodsOf(db, vote.compound_id));
  const noticeDays = Math.max(MIN_NOTICE_DAYS, periods.noticeDays);
  if (vote.status === 'draft' || !vote.announced_at) throw new DomainError('vote_needs_announcement', { days: noticeDays });
  const earliest = earliestOpening(vote.announced_at, { noticeDays });
  if (now.getTime() < Date.parse(earliest)) throw new DomainError('vote_notice_period', { days: noticeDays, earliest: formatBeijingMinute(earliest) });
  if (vote.roll_check_ends_at && now.getTime() < Date.parse(vote.roll_check_ends_at))
    throw new DomainError('vote_roll_check_running', { until: formatBeijingMinute(vote.roll_check_ends_at) });
  // Every owner's correction request to the roll is answered before anyone votes on it.
  const unresolved = await openRollObjectionCount(db, vote.id);
  if (unresolved > 0) throw new DomainError('roll_objections_unresolved', { count: unresolved });
}

// ---- extend -------------------------------------------------------------------------------------

export async function extendVote(deps: Deps, voteId: string, by: Actor, input: ExtendVoteInput): Promise<void> {
  // A vote past its closing time is closed first: it can no longer be extended.
  await loadVoteSettled(deps, voteId);
  const told = await deps.db.transaction().execute(async (trx) => {
    const vote = await lockedVote(trx, voteId);
    if (vote.status === 'closed') throw new DomainError('vote_already_closed');
    if (vote.status !== 'open') throw new DomainError('vote_not_open');
    if ([...input.reason].length < 4) throw new DomainError('vote_extend_reason');
    const closesAt = new Date(input.closesAt).toISOString();
    if (Date.parse(closesAt) <= Date.parse(vote.closes_at)) throw new DomainError('vote_extend_not_later', { closesAt: formatBeijingMinute(vote.closes_at) });
    const now = deps.clock().toISOString();
    await repo.updateVote(trx, voteId, 'open', { closes_at: closesAt, updated_at: now });
    const text = extensionNotice({ title: vote.title, previousClosesAt: vote.closes_at, closesAt, reason: input.reason });
    await publishNotice(trx, vote, 'extension', text, now, by, input.reason);
    return enqueueNotifications(trx, deps, { kind: 'vote_extended', voteId, reason: input.reason, causedByUserId: by.userId });
  });
  if (told.owed) fanoutsOwed();
}

// ---- preliminary and final result ---------------------------------------------------------------

function resultFacts(vote: VoteRow, result: TallyResult) {
  return { title: vote.title, summary: result.summary, electorate: result.electorate, participation: result.participation };
}

/** At closing (inside closeVote's transaction): the result is preliminary; its notice opens the 询异 window. */
export async function publishPreliminaryResult(trx: Db, vote: VoteRow, result: TallyResult, closedAt: string, by: Actor | null): Promise<void> {
  const periods = await votePeriodsOf(trx, vote.compound_id);
  const objectionEndsAt = addCalendarDays(closedAt, periods.objectionDays);
  await repo.updateVote(trx, vote.id, 'closed', { objection_ends_at: objectionEndsAt });
  await publishNotice(trx, vote, 'preliminary_result', preliminaryNotice({ ...resultFacts(vote, result), objectionEndsAt }), closedAt, by);
}

/**
 * Publishes the final result once the 询异 window has ended and no dispute is open; the owners are
 * told the result now (not at closing). `by` null: the scheduler. Returns whether it finalised.
 */
/** The guard on publishing the final result: a preliminary result, its 询异 window over, no dispute open. */
async function assertMayFinalise(db: Db, vote: VoteRow, now: Date): Promise<void> {
  if (vote.status !== 'closed' || vote.statutory !== 1 || vote.finalised_at || !vote.result_json) throw new DomainError('vote_not_preliminary');
  if (vote.objection_ends_at && now.getTime() < Date.parse(vote.objection_ends_at))
    throw new DomainError('vote_objection_window', { until: formatBeijingMinute(vote.objection_ends_at) });
  const open = await openDisputeCount(db, vote.id);
  if (open > 0) throw new DomainError('vote_open_disputes', { count: open });
}

export async function finaliseVote(deps: Deps, voteId: string, by: Actor | null): Promise<boolean> {
  const told = await deps.db.transaction().execute(async (trx) => {
    const vote = await lockedVote(trx, voteId);
    const now = deps.clock();
    await assertMayFinalise(trx, vote, now);
    const at = now.toISOString();
    await repo.updateVote(trx, voteId, 'closed', { finalised_at: at, updated_at: at });
    await publishNotice(trx, vote, 'final_result', finalNotice(resultFacts(vote, JSON.parse(vote.result_json!) as TallyResult)), at, by);
    return enqueueNotifications(trx, deps, { kind: 'vote_result', voteId, causedByUserId: by?.userId ?? null });
  });
  if (told.owed) fanoutsOwed();
  return true;
}

/** The scheduler's part: finalises statutory votes whose 询异 window has ended (one with open disputes waits). */
export async function finaliseDueVotes(deps: Deps): Promise<number> {
  let finalised = 0;
  for (const due of await notices.listVotesDueToFinalise(deps.db, deps.clock().toISOString())) {
    try {
      if (await finaliseVote(deps, due.id, null)) finalised += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return finalised;
}

// ---- the timeline as shown ----------------------------------------------------------------------

export function timelineInput(vote: VoteRow): VoteTimelineInput {
  return {
    statutory: vote.statutory === 1,
    status: vote.status,
    announcedAt: vote.announced_at,
    rollCheckEndsAt: vote.roll_check_ends_at,
    opensAt: vote.opens_at,
    openedAt: vote.opened_at,
    closesAt: vote.closes_at,
    closedAt: vote.closed_at,
    objectionEndsAt: vote.objection_ends_at,
    finalisedAt: vote.finalised_at,
  };
}

/** Whether a guard lets the step through now: the organiser's buttons ask the same guards the steps do. */
async function passes(guard: () => Promise<void>): Promise<boolean> {
  try {
    await guard();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

export async function timelineOf(deps: Deps, vote: VoteRow): Promise<VoteTimeline> {
  const now = deps.clock();
  const input = timelineInput(vote);
  const phase = votePhase(input, now);
  // Two reads apart from each other, side by side on PostgreSQL's pool (the voting page waits for them).
  const [periods, noticeRows] = await Promise.all([votePeriodsOf(deps.db, vote.compound_id), notices.listNoticesOfVote(deps.db, vote.id)]);
  return {
    statutory: input.statutory,
    phase,
    stages: voteStages(input, now),
    summary: { 'zh-CN': timelineSummary(input, phase, 'zh-CN'), en: timelineSummary(input, phase, 'en') },
    earliestOpensAt: vote.announced_at ? earliestOpening(vote.announced_at, periods) : null,
    mayOpenNow: vote.status === 'announced' && (await passes(() => assertMayOpen(deps.db, vote, now, periods))),
    mayFinaliseNow: vote.status === 'closed' && (await passes(() => assertMayFinalise(deps.db, vote, now))),
    announcedAt: vote.announced_at,
    rollCheckEndsAt: vote.roll_check_ends_at,
    objectionEndsAt: vote.objection_ends_at,
    finalisedAt: vote.finalised_at,
    profile: profileOf(periods),
    noticeDays: periods.noticeDays,
    rollCheckDays: periods.rollCheckDays,
    notices: noticeRows.sort(byPublication).map(noticeView),
  };
}
