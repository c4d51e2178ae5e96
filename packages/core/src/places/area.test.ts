import { describe, expect, it } from 'vitest';
import { formatAreaCenti, formatUnitLabel, parseAreaCenti } from './area.js';

describe('parseAreaCenti', () => {
  it('keeps the typed decimals exactly', () => {
    expect(parseAreaCenti('89.56')).toBe(8956);
    expect(parseAreaCenti('89.5')).toBe(8950);
    expect(parseAreaCenti(' 120 ')).toBe(12000);
    expect(parseAreaCenti('0.01')).toBe(1);
    // 0.1 + 0.2 style float drift cannot happen: 1,234.07 m² is exactly 123407
    expect(parseAreaCenti('1,234.07')).toBe(123407);
  });

  it('refuses what is not a positive area with at most two decimals', () => {
    for (const bad of ['', '0', '0.00', '-5', '12.345', 'abc', '1e3', '12.']) {
      expect(parseAreaCenti(bad), bad).toBeNull();
    }
  });
});

describe('formatAreaCenti', () => {
  it('always shows two decimals', () => {
    expect(formatAreaCenti(8956)).toBe('89.56');
    expect(formatAreaCenti(8900)).toBe('89.00');
    expect(formatAreaCenti(5)).toBe('0.05');
  });
});

describe('formatUnitLabel', () => {
  it('writes addresses the way residents do', () => {
    expect(formatUnitLabel('3', '2', '501')).toBe('3栋2单元501');
    expect(formatUnitLabel('A座', '', '1203')).toBe('A座1203');
  });
});
