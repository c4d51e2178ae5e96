import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRatio, formatPercent, thresholdSign, type Fraction, type ThresholdSign } from './fraction.js';

const TWO_THIRDS = { num: 2, den: 3 };
const HALF = { num: 1, den: 2 };

/** The figure as printed, read back as an exact fraction of 100 (the check a reader makes by eye). */
function shown(text: string): Fraction {
  const [whole, decimals = ''] = text.split('.');
  return { num: Number(`${whole}${decimals}`), den: 100 * 10 ** decimals.length };
}

function holds(value: Fraction, sign: ThresholdSign, threshold: Fraction): boolean {
  const cmp = compareRatio(value.num, value.den, threshold);
  return sign === '≥' ? cmp >= 0 : sign === '>' ? cmp > 0 : sign === '<' ? cmp < 0 : cmp <= 0;
}

describe('percentages shown beside a threshold', () => {
  it('reads two decimals, rounded to the nearest: 5/7 is 71.43%, not 71.5%', () => {
    expect(formatPercent(5, 7, { threshold: TWO_THIRDS, sign: '≥' })).toBe('71.43');
    expect(formatPercent(16, 28, { threshold: HALF, sign: '>' })).toBe('57.14');
    expect(formatPercent(12, 28, { threshold: HALF, sign: '≤' })).toBe('42.86');
  });

  it('never rounds a figure past what it is: 50.047% is 50.05%, never 50.1%', () => {
    expect(formatPercent(50_047, 100_000, { threshold: HALF, sign: '>' })).toBe('50.05');
    expect(formatPercent(20_000, 39_999, { threshold: HALF, sign: '>' })).toBe('50.001');
  });

  it('shows more digits when two decimals would land on or across the threshold', () => {
    // 50.004% is more than half, but "50.00% > 1/2" would read false.
    expect(formatPercent(50_004, 100_000, { threshold: HALF, sign: '>' })).toBe('50.004');
    // 66.666% is short of 2/3, but 66.67% is not.
    expect(formatPercent(66_666, 100_000, { threshold: TWO_THIRDS, sign: '<' })).toBe('66.666');
    // 200.00 of 300.01 m² is 66.6644…%: short of 2/3, and two decimals already say so.
    expect(formatPercent(20_000, 30_001, { threshold: TWO_THIRDS, sign: '<' })).toBe('66.66');
  });

  it('exactly on the threshold reads as the threshold', () => {
    expect(formatPercent(80, 120, { threshold: TWO_THIRDS, sign: '≥' })).toBe('66.67');
    expect(formatPercent(60, 120, { threshold: HALF, sign: '≤' })).toBe('50.00');
    // A third "more than 2/3" that is exactly 2/3 fails: the figure stays at or below it however far it is printed.
    const exact = formatPercent(2, 3, { threshold: TWO_THIRDS, sign: '≤' });
    expect(holds(shown(exact), '≤', TWO_THIRDS)).toBe(true);
  });

  it('without a threshold, never shows 0% or 100% for a share that is neither', () => {
    expect(formatPercent(36, 120)).toBe('30.00');
    expect(formatPercent(119_999, 120_000)).toBe('99.999');
    expect(formatPercent(1, 120_000)).toBe('0.001');
    expect(formatPercent(120, 120)).toBe('100.00');
    expect(formatPercent(0, 120)).toBe('0.00');
    expect(formatPercent(0, 0)).toBe('0.00');
  });

  it('the printed figure always stands on the same side of the threshold as the exact share', () => {
    const thresholds = [HALF, TWO_THIRDS, { num: 3, den: 4 }, { num: 1, den: 3 }];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.nat(), fc.constantFrom(...thresholds), fc.boolean(), (den, n, threshold, strict) => {
        const num = n % (den + 1);
        const ok = strict ? compareRatio(num, den, threshold) > 0 : compareRatio(num, den, threshold) >= 0;
        const sign = thresholdSign(ok, strict ? 'more_than' : 'at_least');
        const text = formatPercent(num, den, { threshold, sign });
        expect(holds(shown(text), sign, threshold), `${num}/${den} printed ${text}% ${sign} ${threshold.num}/${threshold.den}`).toBe(true);
        // Never further from the exact share than half a unit of its last digit.
        const s = shown(text);
        const error = Math.abs(s.num / s.den - num / den);
        expect(error).toBeLessThanOrEqual(1 / s.den + 1e-12);
      }),
      { numRuns: 3000 },
    );
  });
});
