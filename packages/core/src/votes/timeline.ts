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
