/**
 * The rules a vote can be decided by, and the thresholds Civil Code art. 278 attaches to each of its
 * nine matters. The staff member picks the matter; the thresholds follow from it and cannot be
 * edited, so a vote on raising the maintenance fund cannot be passed at a simple majority by mistake.
 */
import type { Locale } from '../i18n/locale.js';
import type { Comparison, Fraction } from './fraction.js';

export const VOTE_KINDS = ['yes_no', 'single_choice', 'multiple_choice', 'election'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** Yes/no and single-choice ballots carry exactly one choice; multiple choice and elections up to maxChoices. */
export function isSingleChoice(kind: VoteKind): boolean {
  return kind === 'yes_no' || kind === 'single_choice';
}

/** owners: one ballot per unit (owners vote); residents: one ballot per person (resident-wide poll). */
export const ELECTORATE_KINDS = ['owners', 'residents'] as const;
export type ElectorateKind = (typeof ELECTORATE_KINDS)[number];

export const ART278_MATTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Art278Matter = (typeof ART278_MATTERS)[number];

export const ART278_MATTER_LABELS: Record<Art278Matter, Record<Locale, string>> = {
  1: { 'zh-CN': '制定和修改业主大会议事规则', en: "Rules of procedure of the owners' assembly" },
  2: { 'zh-CN': '制定和修改管理规约', en: 'The management statute' },
  3: { 'zh-CN': '选举业主委员会或者更换业主委员会成员', en: "Electing or replacing the owners' committee" },
  4: { 'zh-CN': '选聘和解聘物业服务企业或者其他管理人', en: 'Hiring or dismissing the property-service company or other manager' },
  5: { 'zh-CN': '使用建筑物及其附属设施的维修资金', en: 'Using the building maintenance fund' },
  6: { 'zh-CN': '筹集建筑物及其附属设施的维修资金', en: 'Raising the building maintenance fund' },
  7: { 'zh-CN': '改建、重建建筑物及其附属设施', en: 'Rebuilding or reconstructing buildings and their facilities' },
  8: { 'zh-CN': '改变共有部分的用途或者利用共有部分从事经营活动', en: 'Changing the use of common parts or using them for business' },
  9: { 'zh-CN': '有关共有和共同管理权利的其他重大事项', en: 'Other major matters of common ownership and management' },
};

export type VoteRule =
  /** More than half of the ballots cast (abstentions are cast ballots). */
  | { kind: 'simple_majority' }
  /** Civil Code art. 278: double thresholds by floor area and by headcount. */
  | { kind: 'art278'; matter: Art278Matter }
  /**
   * A threshold the organisers set: on ballots (one per unit or person) or, like art. 278, on area
   * and headcount together. Participation is measured against the electorate, approval against
   * those who took part.
   */
  | {
      kind: 'custom';
      basis: 'ballots' | 'area_and_heads';
      participation: Fraction | null;
      approval: Fraction;
      approvalComparison: Comparison;
    };

export interface Thresholds {
  basis: 'ballots' | 'area_and_heads';
  participation: { fraction: Fraction; comparison: Comparison } | null;
  approval: { fraction: Fraction; comparison: Comparison };
}

const TWO_THIRDS: Fraction = { num: 2, den: 3 };
const THREE_QUARTERS: Fraction = { num: 3, den: 4 };
const HALF: Fraction = { num: 1, den: 2 };

/** Matters 6–8 need 3/4 of the participants; the others more than half (art. 278 para. 2). */
export function isSpecialMatter(matter: Art278Matter): boolean {
  return matter >= 6 && matter <= 8;
}

export function thresholdsOf(rule: VoteRule): Thresholds {
  switch (rule.kind) {
    case 'simple_majority':
      return { basis: 'ballots', participation: null, approval: { fraction: HALF, comparison: 'more_than' } };
    case 'art278':
      return {
        basis: 'area_and_heads',
        participation: { fraction: TWO_THIRDS, comparison: 'at_least' },
        approval: isSpecialMatter(rule.matter) ? { fraction: THREE_QUARTERS, comparison: 'at_least' } : { fraction: HALF, comparison: 'more_than' },
      };
    case 'custom':
      return {
        basis: rule.basis,
        participation: rule.participation ? { fraction: rule.participation, comparison: 'at_least' } : null,
        approval: { fraction: rule.approval, comparison: rule.approvalComparison },
      };
  }
}

/** One line naming the rule, for vote pages and the notice board. */
export function describeRule(rule: VoteRule, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (rule.kind) {
    case 'simple_majority':
      return zh ? '简单多数：同意票超过投票总数的一半' : 'Simple majority: more than half of the ballots cast';
    case 'art278': {
      const matter = ART278_MATTER_LABELS[rule.matter][locale];
      const special = isSpecialMatter(rule.matter);
      return zh
        ? `民法典第二百七十八条第${rule.matter}项（${matter}）：专有部分面积和业主人数均三分之二以上参与表决，且经参与表决${special ? '面积和人数均四分之三以上' : '面积和人数均过半数'}同意`
        : `Civil Code art. 278, matter ${rule.matter} (${matter}): owners holding ≥ 2/3 of the area and ≥ 2/3 of the headcount take part, and ${special ? '≥ 3/4' : 'more than half'} of the participating area and headcount approve`;
    }
    case 'custom': {
      const p = rule.participation ? `${rule.participation.num}/${rule.participation.den}` : null;
      const a = `${rule.approval.num}/${rule.approval.den}`;
      const cmpZh = rule.approvalComparison === 'at_least' ? '以上' : '以上（不含本数）';
      const basisZh = rule.basis === 'ballots' ? '票数' : '面积和人数';
      const basisEn = rule.basis === 'ballots' ? 'ballots' : 'area and headcount';
      return zh
        ? `自定义规则：${p ? `${basisZh}${p}以上参与表决，` : ''}参与表决${basisZh}的 ${a} ${cmpZh}同意`
        : `Custom rule: ${p ? `≥ ${p} of ${basisEn} take part; ` : ''}${rule.approvalComparison === 'at_least' ? '≥' : '>'} ${a} of participating ${basisEn} approve`;
    }
  }
}
