/**
 * The rules of a kind attended by members (the owners' committee meeting), pure:
 *
 * - the notice period: the notice with its agenda comes at least `noticeDays` calendar days (China
 *   dates) before the meeting's day — a notice on 21 November allows a meeting on 28 November or later;
 * - the quorum: more than half of all the members signed in (过半数: strictly more than half);
 * - a decision: more than half of ALL the members agree, not of those present — of 5 members, 3 must
 *   agree, however many came. Members count only in person: there are no proxies.
 *
 * 过半数 is strict: more than n/2, so at least ⌊n/2⌋ + 1.
 */
import { chinaDate } from '../action-items/workdays.js';
import { DomainError } from '../errors/domain-error.js';
import { interpolate, type Locale } from '../i18n/locale.js';
import type { MeetingKindSpec } from './meeting-kinds.js';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The earliest China date a meeting of this kind can be held on when its notice goes out at `noticeAt`; null without a notice period. */
export function earliestMeetingDate(spec: Pick<MeetingKindSpec, 'noticeDays'>, noticeAt: Date): string | null {
  return spec.noticeDays === null ? null : addDays(chinaDate(noticeAt), spec.noticeDays);
}

/**
 * Refuses a start too soon after the notice: `meeting_notice_too_short`, naming the days, the notice's
 * day and the earliest day the meeting can be held.
 */
export function assertNoticePeriod(spec: Pick<MeetingKindSpec, 'noticeDays'>, noticeAt: Date, startsAt: Date): void {
  const earliest = earliestMeetingDate(spec, noticeAt);
  if (earliest === null || chinaDate(startsAt) >= earliest) return;
  throw new DomainError('meeting_notice_too_short', { days: spec.noticeDays ?? 0, noticeDate: chinaDate(noticeAt), earliest });
}

/** More than half of `total`: the smallest count that is (⌊total/2⌋ + 1). */
export function moreThanHalfOf(total: number): number {
  return Math.floor(total / 2) + 1;
}

export interface MemberQuorum {
  /** All the members invited (the meeting's members). */
  members: number;
  present: number;
  /** More than half of the members. */
  needed: number;
  reached: boolean;
}

/** Quorate when more than half of all the members are signed in. */
export function memberQuorum(members: number, present: number): MemberQuorum {
  const needed = moreThanHalfOf(members);
  return { members, present, needed, reached: members > 0 && present >= needed };
}

export interface MemberDecision {
  agreed: number;
  members: number;
  /** More than half of ALL the members, whoever attended. */
  needed: number;
  passed: boolean;
}

/** Passed when more than half of all the members agreed (those absent count as not agreeing). */
export function memberDecision(agreed: number, members: number): MemberDecision {
  const needed = moreThanHalfOf(members);
  return { agreed, members, needed, passed: members > 0 && agreed >= needed };
}

const DECISION_WORDS: Record<Locale, { count: string; passed: string; notPassed: string }> = {
  'zh-CN': { count: '{agreed} / {members} 名委员同意（过半数：需 ≥ {needed}）', passed: '通过', notPassed: '未通过' },
  en: { count: '{agreed} / {members} members agreed (more than half: needs ≥ {needed})', passed: 'Passed', notPassed: 'Not passed' },
};

/** "3 / 5 名委员同意（过半数：需 ≥ 3）" */
export function memberDecisionCount(d: MemberDecision, locale: Locale): string {
  return interpolate(DECISION_WORDS[locale].count, { agreed: d.agreed, members: d.members, needed: d.needed });
}

/** "通过" / "未通过" */
export function memberDecisionResult(d: MemberDecision, locale: Locale): string {
  return d.passed ? DECISION_WORDS[locale].passed : DECISION_WORDS[locale].notPassed;
}

const QUORUM_WORDS: Record<Locale, { reached: string; missing: string }> = {
  'zh-CN': {
    reached: '应到委员 {members} 人，实到 {present} 人，已过半数（需 ≥ {needed} 人），可以开会议事。',
    missing: '应到委员 {members} 人，实到 {present} 人，未过半数（需 ≥ {needed} 人），不能作出决定。',
  },
  en: {
    reached: '{present} of {members} members present: more than half (needs ≥ {needed}), the meeting can decide.',
    missing: '{present} of {members} members present: not more than half (needs ≥ {needed}), the meeting cannot decide.',
  },
};

/** The member quorum in words: "应到委员 5 人，实到 3 人，已过半数（需 ≥ 3 人）…". */
export function memberQuorumText(q: MemberQuorum, locale: Locale): string {
  return interpolate(QUORUM_WORDS[locale][q.reached ? 'reached' : 'missing'], { members: q.members, present: q.present, needed: q.needed });
}
