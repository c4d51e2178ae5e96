/**
 * Resident proposals (居民提案): submitted by an owner or resident, seconded by others, qualified at
 * a threshold of seconding units, then taken up by the committee — put on a meeting agenda, merged
 * into another proposal, or declined with a public reason. The lifecycle is a small state machine so
 * the server can refuse an impossible step (declining a proposal already on an agenda, say).
 */
import { meets, type Fraction } from '../votes/fraction.js';

export const PROPOSAL_STATUSES = ['seconding', 'qualified', 'on_agenda', 'merged', 'declined', 'put_to_vote'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Seconding threshold: a number of distinct units, or a share of the units in scope. */
export type SecondingThreshold = { kind: 'count'; units: number } | { kind: 'share'; share: Fraction };

export const DEFAULT_SECONDING_THRESHOLD: SecondingThreshold = { kind: 'count', units: 5 };

/** Units count once however many of their owners or residents second (one household, one voice). */
export function qualifies(secondingUnits: number, unitsInScope: number, threshold: SecondingThreshold): boolean {
  if (threshold.kind === 'count') return secondingUnits >= threshold.units;
  return meets(secondingUnits, unitsInScope, threshold.share, 'at_least');
}

/** Units still needed to qualify (0 when qualified). */
export function secondsNeeded(secondingUnits: number, unitsInScope: number, threshold: SecondingThreshold): number {
  if (threshold.kind === 'count') return Math.max(0, threshold.units - secondingUnits);
  // Smallest n with n/unitsInScope ≥ share: ceil(share.num·units / share.den).
  const needed = Math.ceil((threshold.share.num * unitsInScope) / threshold.share.den);
  return Math.max(0, needed - secondingUnits);
}

const TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  seconding: ['qualified', 'merged', 'declined'],
  qualified: ['on_agenda', 'merged', 'declined', 'put_to_vote'],
  on_agenda: ['put_to_vote'],
  merged: [],
  declined: [],
  put_to_vote: [],
};

export function canProposalTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function describeThreshold(threshold: SecondingThreshold, unitsInScope: number): { 'zh-CN': string; en: string } {
  if (threshold.kind === 'count') {
    return { 'zh-CN': `${threshold.units} 户附议即可提交议事`, en: `${threshold.units} seconding households qualify it` };
  }
  const { num, den } = threshold.share;
  const units = Math.ceil((num * unitsInScope) / den);
  return { 'zh-CN': `${num}/${den} 的住户（${units} 户）附议即可提交议事`, en: `${num}/${den} of households (${units}) qualify it` };
}

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, { 'zh-CN': string; en: string }> = {
  seconding: { 'zh-CN': '附议中', en: 'Collecting seconds' },
  qualified: { 'zh-CN': '已达附议人数，待议事会处理', en: 'Qualified; awaiting the committee' },
  on_agenda: { 'zh-CN': '已列入议程', en: 'On a meeting agenda' },
  merged: { 'zh-CN': '已合并', en: 'Merged' },
  declined: { 'zh-CN': '不予采纳', en: 'Declined' },
  put_to_vote: { 'zh-CN': '已交付表决', en: 'Put to a vote' },
};

/** Who the record names for the system's own step (a proposal qualifying at its threshold). */
export const SYSTEM_ACTOR_NAME = { 'zh-CN': '系统', en: 'System' } as const;
