import { describe, expect, it } from 'vitest';
import { workdaysBetween } from '../action-items/workdays.js';
import { tallyActionItems, workdaysFromDays, type DashboardActionItemRow } from './dashboard-tallies.js';

function day(offset: number): string {
  return new Date(Date.parse('2026-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('workdaysFromDays', () => {
  it('sums working days from listing to sign-off as item by item, over holidays and make-up days', () => {
    // A fixed pseudo-random spread over 2026 (Spring Festival, National Day and their make-up Saturdays).
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const spans = Array.from({ length: 300 }, () => {
      const start = next(330);
      return { start: day(start), end: day(start + next(35)) };
    });
    const count = (dates: string[]) => {
      const counts = new Map<string, number>();
      for (const d of dates) counts.set(d, (counts.get(d) ?? 0) + 1);
      return [...counts].map(([date, n]) => ({ date, count: n }));
    };
    const expected = spans.reduce((n, s) => n + workdaysBetween(s.start, s.end), 0);
    expect(expected).toBeGreaterThan(1000);
    expect(workdaysFromDays(count(spans.map((s) => s.end)), count(spans.map((s) => s.start)))).toBe(expected);
  });
  it('is zero for nothing', () => {
    expect(workdaysFromDays([], [])).toBe(0);
  });
});

describe('tallyActionItems', () => {
  it('groups sign-offs by day, being on time and rating, and counts the listed and the overdue', () => {
    const item = (over: Partial<DashboardActionItemRow>): DashboardActionItemRow => ({
      compoundId: 'x',
      status: 'signed_off',
      listedOn: '2026-10-20',
      dueDate: '2026-10-27',
      signedOffAt: '2026-10-26T03:00:00Z',
      rating: 'satisfied',
      ...over,
    });
    const tallies = tallyActionItems(
      [
        item({}),
        item({}),
        // 2026-10-26T17:00Z is the 27th in China: still on time.
        item({ signedOffAt: '2026-10-26T17:00:00Z', rating: null }),
        item({ status: 'open', signedOffAt: null, rating: null, listedOn: '2026-11-02', dueDate: '2026-11-09' }),
        item({ signedOffAt: '2026-08-01T03:00:00Z' }),
      ],
      { from: '2026-09-01', to: '2026-11-30', asOf: '2026-11-20' },
    );
    expect(tallies.listed).toBe(5);
    expect(tallies.overdue).toBe(1);
    expect(tallies.signedOff).toEqual([
      { signedOn: '2026-10-26', onTime: true, rating: 'satisfied', count: 2 },
      { signedOn: '2026-10-27', onTime: true, rating: null, count: 1 },
    ]);
    expect(tallies.workdaysToSignOff).toBe(4 + 4 + 5);
  });
});
