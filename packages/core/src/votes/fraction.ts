/**
 * Exact comparisons of shares against legal thresholds. Every share is a ratio of two non-negative
 * integers (centi-m² or heads); comparisons cross-multiply in BigInt, so 2/3 is 2/3 and never
 * 0.6666666666666666. Percentages shown to people are rounded in the direction of the verdict
 * (up when the check passes, down when it fails), so the figure on the screen never contradicts
 * the ✓ or ✗ next to it.
 */

export interface Fraction {
  num: number;
  den: number;
}

/** How a share is compared with its threshold: ≥ (以上, "at least") or > (过半数, "more than"). */
export const COMPARISONS = ['at_least', 'more_than'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export function compareRatio(num: number, den: number, threshold: Fraction): -1 | 0 | 1 {
  // num/den vs t.num/t.den  ⇔  num·t.den vs t.num·den (denominators positive).
  const left = BigInt(num) * BigInt(threshold.den);
  const right = BigInt(threshold.num) * BigInt(den);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when num/den meets the threshold; an empty denominator never meets a positive threshold. */
export function meets(num: number, den: number, threshold: Fraction, comparison: Comparison): boolean {
  if (den <= 0) return false;
  const cmp = compareRatio(num, den, threshold);
  return comparison === 'at_least' ? cmp >= 0 : cmp > 0;
}

/** "71.2": per-mille rounded up (passing) or down (failing), printed with one decimal. */
export function formatPercent(num: number, den: number, roundUp: boolean): string {
  if (den <= 0) return '0.0';
  const scaled = BigInt(num) * 1000n;
  const d = BigInt(den);
  let perMille = scaled / d;
  if (roundUp && perMille * d < scaled) perMille += 1n;
  return `${perMille / 10n}.${perMille % 10n}`;
}

export function formatFraction(f: Fraction): string {
  return `${f.num}/${f.den}`;
}

export function isValidFraction(f: Fraction): boolean {
  return Number.isInteger(f.num) && Number.isInteger(f.den) && f.den > 0 && f.num >= 0 && f.num <= f.den;
}
