/**
 * Exact comparisons of shares against legal thresholds. Every share is a ratio of two non-negative
 * integers (centi-m² or heads); comparisons cross-multiply in BigInt, so 2/3 is 2/3 and never
 * 0.6666666666666666.
 *
 * Percentages shown to people are printed by one formatter (formatPercent): two decimals, rounded
 * to the nearest, so 5/7 reads 71.43% (rounding towards the verdict once printed it as 71.5%, and
 * 50.047% as "50.1% > 1/2"). Where two decimals would put the figure on the wrong side of its
 * threshold, or onto it ("50.00% > 1/2"), more digits are printed until the figure says what the
 * exact share says. The exact fraction is always printed beside it.
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

/** The sign printed between a share and its threshold: what the check found, in the rule's terms. */
export type ThresholdSign = '≥' | '>' | '<' | '≤';

export function thresholdSign(ok: boolean, comparison: Comparison): ThresholdSign {
  if (ok) return comparison === 'at_least' ? '≥' : '>';
  return comparison === 'at_least' ? '<' : '≤';
}

/** A share printed beside a threshold must stand on the same side of it as the exact share does. */
export interface PercentAgainst {
  threshold: Fraction;
  sign: ThresholdSign;
}

const MIN_DECIMALS = 2;
const MAX_DECIMALS = 6;

/** Whether `scaled / (100·10^decimals)` stands to `threshold` as `sign` says. */
function printedHolds(scaled: bigint, decimals: number, { threshold, sign }: PercentAgainst): boolean {
  const left = scaled * BigInt(threshold.den);
  const right = BigInt(threshold.num) * 100n * 10n ** BigInt(decimals);
  if (sign === '≥') return left >= right;
  if (sign === '>') return left > right;
  if (sign === '<') return left < right;
  return left <= right;
}

function printScaled(scaled: bigint, decimals: number): string {
  const unit = 10n ** BigInt(decimals);
  return `${scaled / unit}.${(scaled % unit).toString().padStart(decimals, '0')}`;
}

/**
 * num/den as a percentage without the sign: "71.43". Two decimals, rounded to the nearest (half
 * up); more digits, up to six, when fewer would cross or touch `against`, or would print 0.00 or
 * 100.00 for a share that is neither. Past six digits (a share within a millionth of a percent of
 * its threshold) the last digit is rounded towards the side the exact share is on.
 */
export function formatPercent(num: number, den: number, against?: PercentAgainst): string {
  if (den <= 0) return '0.00';
  const n = BigInt(num);
  const d = BigInt(den);
  const bounds: PercentAgainst[] = against ? [against] : [];
  if (num > 0) bounds.push({ threshold: { num: 0, den: 1 }, sign: '>' });
  if (num < den) bounds.push({ threshold: { num: 1, den: 1 }, sign: '<' });
  for (let decimals = MIN_DECIMALS; decimals <= MAX_DECIMALS; decimals += 1) {
    const exact = n * 100n * 10n ** BigInt(decimals);
    const nearest = (2n * exact + d) / (2n * d);
    if (bounds.every((b) => printedHolds(nearest, decimals, b))) return printScaled(nearest, decimals);
  }
  // Rounding towards the exact share's side keeps the printed figure on that side.
  const exact = n * 100n * 10n ** BigInt(MAX_DECIMALS);
  const down = exact / d;
  const towards = against?.sign === '≥' || against?.sign === '>' ? (down * d < exact ? down + 1n : down) : down;
  return printScaled(towards, MAX_DECIMALS);
}

export function formatFraction(f: Fraction): string {
  return `${f.num}/${f.den}`;
}

export function isValidFraction(f: Fraction): boolean {
  return Number.isInteger(f.num) && Number.isInteger(f.den) && f.den > 0 && f.num >= 0 && f.num <= f.den;
}
