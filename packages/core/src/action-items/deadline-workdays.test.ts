import { describe, expect, it } from 'vitest';
import { deadlineCountsFrom } from './deadline-workdays.js';

describe('the day a listed question counts its working days from', () => {
  const arranged = '2026-11-16';
  const today = '2026-11-23';

  it('the day the worker listed it, when the listing waited offline', () => {
    expect(deadlineCountsFrom('2026-11-20', today, arranged)).toBe('2026-11-20');
    expect(deadlineCountsFrom(arranged, today, arranged)).toBe(arranged);
    expect(deadlineCountsFrom(today, today, arranged)).toBe(today);
  });

  it('today when no day is given, or a day a wrong clock gave: after today or before the meeting was arranged', () => {
    expect(deadlineCountsFrom(undefined, today, arranged)).toBe(today);
    expect(deadlineCountsFrom('2026-11-24', today, arranged)).toBe(today);
    expect(deadlineCountsFrom('2026-11-15', today, arranged)).toBe(today);
  });
});
