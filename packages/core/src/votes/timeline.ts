/**
 * The periods of an owners'-assembly vote (业主大会表决), set per compound. The law fixes one floor:
 * the notice of an owners' assembly is published at least 15 days before it meets (物业管理条例
 * 第十四条; the vote opens no sooner). The other periods follow the practice of the government
 * e-voting platforms (notice, roll check, voting, extension, preliminary result, 询异, final result);
 * a compound may set them longer in its rules of procedure, never the notice shorter than 15 days.
 *
 * Which votes follow the timeline: votes on an art. 278 matter (the owners decide jointly); polls and
 * custom-rule votes open when their organisers open them.
 */
import type { Locale } from '../i18n/locale.js';
import type { VoteRule } from './rules.js';

export interface VotePeriods {
  /** Calendar days from the notice (投票通知公告) to the earliest opening of the vote. At least 15. */
  noticeDays: number;
  /** Calendar days the frozen roll is published for correction (名册核对), counted from the notice. */
  rollCheckDays: number;
  /** Calendar days after the preliminary result during which an owner may dispute a ballot (询异). */
  objectionDays: number;
  /** How many principals one person may represent in one vote (委托投票). */
  proxyCap: number;
}

/** The statutory floor of the notice period. */
export const MIN_NOTICE_DAYS = 15;

export const VOTE_PERIOD_DEFAULTS: VotePeriods = { noticeDays: 15, rollCheckDays: 7, objectionDays: 7, proxyCap: 1 };

export const VOTE_PERIOD_LIMITS: Record<keyof VotePeriods, { min: number; max: number }> = {
  noticeDays: { min: MIN_NOTICE_DAYS, max: 90 },
  rollCheckDays: { min: 3, max: 30 },
  objectionDays: { min: 3, max: 30 },
  proxyCap: { min: 1, max: 5 },
};

/** Whether a vote follows the owners'-assembly timeline: an owners' vote on an art. 278 matter. */
export function followsStatutoryTimeline(rule: VoteRule, electorateKind: 'owners' | 'residents'): boolean {
  return rule.kind === 'art278' && electorateKind === 'owners';
}

const DAY_MS = 86_400_000;

/** The instant `days` calendar days after `iso`. */
export function addCalendarDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** The compound's rule profile in words, for organisers and for the notice board. */
export function describeVotePeriods(p: VotePeriods, locale: Locale): string {
  return locale === 'zh-CN'
    ? `业主大会表决：投票通知公告后满 ${p.noticeDays} 日方可开始投票；公告之日起 ${p.rollCheckDays} 日内公示表决名册供业主核对；投票结束后公示初步统计结果，${p.objectionDays} 日内业主可凭投票回执询异；每位受托人最多代理 ${p.proxyCap} 户。`
    : `Owners'-assembly votes: voting opens no sooner than ${p.noticeDays} days after the notice; the roll is published for owners to check for ${p.rollCheckDays} days from the notice; after voting the preliminary result is published and owners may dispute a ballot by its receipt for ${p.objectionDays} days; one proxy may act for at most ${p.proxyCap} ${p.proxyCap === 1 ? 'unit' : 'units'}.`;
}

/** The earliest instant a vote announced at `announcedAt` may open. */
export function earliestOpening(announcedAt: string, p: Pick<VotePeriods, 'noticeDays'>): string {
  return addCalendarDays(announcedAt, p.noticeDays);
}

/** An instant as Beijing time, `2026-12-20 10:00` (the form the refusals and notices name). */
export function formatBeijingMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---- the stages as shown ------------------------------------------------------------------------

/** The published stages of a statutory vote, in order (the government platforms' sequence). */
export const VOTE_STAGE_KEYS = ['announcement', 'roll_check', 'voting', 'preliminary_result', 'objection', 'final_result'] as const;
export type VoteStageKey = (typeof VOTE_STAGE_KEYS)[number];

/** Where a vote stands: the stage under way now (`waiting`: the roll check is over, voting not yet open). */
export const VOTE_PHASES = ['draft', 'roll_check', 'waiting', 'voting', 'objection', 'awaiting_final', 'final'] as const;
export type VotePhase = (typeof VOTE_PHASES)[number];

export interface VoteTimelineInput {
  statutory: boolean;
  status: 'draft' | 'announced' | 'open' | 'closed';
  announcedAt: string | null;
  rollCheckEndsAt: string | null;
  opensAt: string | null;
  openedAt: string | null;
  closesAt: string;
  closedAt: string | null;
  objectionEndsAt: string | null;
  finalisedAt: string | null;
}

export interface VoteStage {
  key: VoteStageKey;
  startsAt: string | null;
  endsAt: string | null;
  state: 'done' | 'current' | 'upcoming';
}

/** The vote's phase at `now`. A non-statutory vote has no notice and no 询异: draft, voting, final. */
export function votePhase(v: VoteTimelineInput, now: Date): VotePhase {
  const t = now.getTime();
  if (v.status === 'draft') return 'draft';
  if (v.status === 'announced') return v.rollCheckEndsAt && Date.parse(v.rollCheckEndsAt) > t ? 'roll_check' : 'waiting';
  if (v.status === 'open') return 'voting';
  if (!v.statutory || v.finalisedAt) return 'final';
  return v.objectionEndsAt && Date.parse(v.objectionEndsAt) > t ? 'objection' : 'awaiting_final';
}

/** Which phases each stage is under way in, and from which on it is done. */
const STAGE_STATES: Record<VoteStageKey, { current: readonly VotePhase[]; done: readonly VotePhase[] }> = {
  announcement: { current: ['roll_check', 'waiting'], done: ['voting', 'objection', 'awaiting_final', 'final'] },
  roll_check: { current: ['roll_check'], done: ['waiting', 'voting', 'objection', 'awaiting_final', 'final'] },
  voting: { current: ['voting'], done: ['objection', 'awaiting_final', 'final'] },
  preliminary_result: { current: [], done: ['objection', 'awaiting_final', 'final'] },
  objection: { current: ['objection', 'awaiting_final'], done: ['final'] },
  final_result: { current: [], done: ['final'] },
};

/** The stages with their dates and which is under way (statutory votes; others have voting and result only). */
export function voteStages(v: VoteTimelineInput, now: Date): VoteStage[] {
  const phase = votePhase(v, now);
  const closedAt = v.closedAt ?? (v.status === 'closed' ? v.closesAt : null);
  const all: Omit<VoteStage, 'state'>[] = [
    { key: 'announcement', startsAt: v.announcedAt, endsAt: v.opensAt },
    { key: 'roll_check', startsAt: v.announcedAt, endsAt: v.rollCheckEndsAt },
    { key: 'voting', startsAt: v.openedAt ?? v.opensAt, endsAt: closedAt ?? v.closesAt },
    { key: 'preliminary_result', startsAt: closedAt, endsAt: null },
    { key: 'objection', startsAt: closedAt, endsAt: v.objectionEndsAt },
    { key: 'final_result', startsAt: v.statutory ? v.finalisedAt : closedAt, endsAt: null },
  ];
  const shown = v.statutory ? all : all.filter((s) => s.key === 'voting' || s.key === 'final_result');
  return shown.map((s) => {
    const states = STAGE_STATES[s.key];
    const state: VoteStage['state'] = states.done.includes(phase) ? 'done' : states.current.includes(phase) ? 'current' : 'upcoming';
    return { ...s, state };
  });
}
