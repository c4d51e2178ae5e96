/**
 * Live participation while a vote is open: how much of the electorate has taken part, against the
 * participation threshold of the rule (art. 278: 2/3 of the area and 2/3 of the heads), and what is
 * still missing to reach it. Counts only — never how anyone voted — so the public notice board and
 * the voters may see it before closing. Exact like the tally: BigInt for "still missing", and the
 * percentage printed so it never reads across the threshold (./fraction.ts).
 */
import type { Locale } from '../i18n/locale.js';
import { formatAreaCenti } from '../places/area.js';
import { formatFraction, formatPercent, meets, thresholdSign, type Comparison, type Fraction } from './fraction.js';
import { thresholdsOf, type ElectorateKind, type VoteRule } from './rules.js';

export const PROGRESS_KEYS = ['participation_area', 'participation_heads', 'participation_ballots'] as const;
export type ProgressKey = (typeof PROGRESS_KEYS)[number];

export interface ParticipationProgress {
  key: ProgressKey;
  /** Taken part / entitled: centi-m² for area, heads, or ballots (units, or persons in a residents' poll). */
  value: Fraction;
  /** The share the rule asks to take part; null when it asks none (turnout is then shown alone). */
  threshold: Fraction | null;
  comparison: Comparison;
  /** The threshold is met (always true without one). */
  reached: boolean;
  /** Still missing to reach the threshold, in the measure of `value`; 0 once reached. */
  missing: number;
  text: Record<Locale, string>;
}

interface Counts {
  voters: number;
  heads: number;
  areaCenti: number;
}

/** The smallest count n with n/den meeting the threshold. */
function neededFor(den: number, threshold: Fraction, comparison: Comparison): number {
  const product = BigInt(threshold.num) * BigInt(den);
  const t = BigInt(threshold.den);
  // at least: n ≥ num·den/t → ceil; more than: n > num·den/t → floor + 1.
  const needed = comparison === 'at_least' ? (product + t - 1n) / t : product / t + 1n;
  return Number(needed);
}

function progressOf(
  key: ProgressKey,
  num: number,
  den: number,
  threshold: Fraction | null,
  comparison: Comparison,
  electorateKind: ElectorateKind,
): ParticipationProgress {
  const reached = threshold === null || meets(num, den, threshold, comparison);
  const missing = threshold === null || reached ? 0 : Math.max(0, neededFor(den, threshold, comparison) - num);
  const pct = formatPercent(num, den, threshold ? { threshold, sign: thresholdSign(reached, comparison) } : undefined);
  const people = electorateKind === 'owners' ? { 'zh-CN': '户', en: 'units' } : { 'zh-CN': '人', en: 'people' };
  const amount = (n: number, locale: Locale): string => {
    if (key === 'participation_area') return locale === 'zh-CN' ? `${formatAreaCenti(n)} 平方米` : `${formatAreaCenti(n)} m²`;
    if (key === 'participation_heads') return locale === 'zh-CN' ? `${n} 人` : `${n} heads`;
    return `${n} ${people[locale]}`;
  };
  const figures = {
    'zh-CN':
      key === 'participation_area'
        ? `参与表决面积 ${formatAreaCenti(num)} / ${amount(den, 'zh-CN')}（${pct}%）`
        : key === 'participation_heads'
          ? `参与表决人数 ${num} / ${amount(den, 'zh-CN')}（${pct}%）`
          : `已投票 ${num} / ${amount(den, 'zh-CN')}（${pct}%）`,
    en:
      key === 'participation_area'
        ? `Participating area ${formatAreaCenti(num)} / ${amount(den, 'en')} (${pct}%)`
        : key === 'participation_heads'
          ? `Participating headcount ${num} / ${den} (${pct}%)`
          : `${num} / ${amount(den, 'en')} have voted (${pct}%)`,
  };
  if (!threshold) return { key, value: { num, den }, threshold, comparison, reached, missing, text: figures };
  const t = formatFraction(threshold);
  const needSign = comparison === 'at_least' ? '≥' : '>';
  const text = reached
    ? { 'zh-CN': `${figures['zh-CN']}${thresholdSign(true, comparison)} ${t}，已达到`, en: `${figures.en} ${thresholdSign(true, comparison)} ${t}, reached` }
    : {
        'zh-CN': `${figures['zh-CN']}，需 ${needSign} ${t}，还差 ${amount(missing, 'zh-CN')}`,
        en: `${figures.en}; ${needSign} ${t} needed, ${amount(missing, 'en')} to go`,
      };
  return { key, value: { num, den }, threshold, comparison, reached, missing, text };
}

/** Participation so far against the rule's participation threshold(s), one line per measure. */
export function participationProgress(
  rule: VoteRule,
  electorateKind: ElectorateKind,
  electorate: Counts,
  participation: { ballots: number; heads: number; areaCenti: number },
): ParticipationProgress[] {
  const { basis, participation: threshold } = thresholdsOf(rule);
  if (!threshold) return [progressOf('participation_ballots', participation.ballots, electorate.voters, null, 'at_least', electorateKind)];
  const { fraction, comparison } = threshold;
  if (basis === 'ballots') return [progressOf('participation_ballots', participation.ballots, electorate.voters, fraction, comparison, electorateKind)];
  return [
    progressOf('participation_area', participation.areaCenti, electorate.areaCenti, fraction, comparison, electorateKind),
    progressOf('participation_heads', participation.heads, electorate.heads, fraction, comparison, electorateKind),
  ];
}
