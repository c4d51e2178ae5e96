import { describe, expect, it } from 'vitest';
import { computeDashboard, dashboardPeriod, dashboardRows, rate, type DashboardInput } from './dashboard.js';

const now = new Date('2026-11-21T02:00:00Z');
const input: DashboardInput = {
  from: '2026-09-01',
  to: '2026-11-21',
  now,
  meetings: [
    { id: 'c1', compoundId: 'x', kind: 'four_party', status: 'closed', startsAt: '2026-09-10T06:00:00Z' },
    { id: 'c2', compoundId: 'x', kind: 'four_party', status: 'closed', startsAt: '2026-10-15T06:00:00Z' },
    { id: 'c3', compoundId: 'x', kind: 'four_party', status: 'closed', startsAt: '2026-11-19T06:00:00Z' },
    { id: 'e1', compoundId: 'x', kind: 'evening_talk', status: 'closed', startsAt: '2026-10-20T11:00:00Z' },
    { id: 'e2', compoundId: 'x', kind: 'evening_talk', status: 'scheduled', startsAt: '2026-11-28T11:00:00Z' },
    { id: 'old', compoundId: 'x', kind: 'four_party', status: 'closed', startsAt: '2026-08-01T06:00:00Z' },
  ],
  questions: [
    { meetingId: 'e1', status: 'answered' },
    { meetingId: 'e1', status: 'answered' },
    { meetingId: 'e1', status: 'listed' },
    { meetingId: 'e1', status: 'merged' },
    { meetingId: 'e2', status: 'raised' },
  ],
  actionItems: [
    // Listed Tue 20 Oct, due 27 Oct, signed off Mon 26 Oct: on time, 4 working days.
    { compoundId: 'x', status: 'signed_off', listedOn: '2026-10-20', dueDate: '2026-10-27', signedOffAt: '2026-10-26T03:00:00Z', rating: 'satisfied' },
    // Signed off late (after the due date), rated dissatisfied.
    { compoundId: 'x', status: 'signed_off', listedOn: '2026-10-20', dueDate: '2026-10-27', signedOffAt: '2026-10-29T03:00:00Z', rating: 'dissatisfied' },
    { compoundId: 'x', status: 'in_progress', listedOn: '2026-11-02', dueDate: '2026-11-09', signedOffAt: null, rating: null },
    { compoundId: 'x', status: 'open', listedOn: '2026-11-19', dueDate: '2026-11-26', signedOffAt: null, rating: null },
  ],
  minutes: [
    { meetingId: 'c1', firstPublishedAt: '2026-09-12T02:00:00Z' },
    { meetingId: 'c2', firstPublishedAt: '2026-10-20T02:00:00Z' },
  ],
};

describe('computeDashboard', () => {
  const { figures, months } = computeDashboard(input);
  it('counts meetings held in the period by kind', () => {
    expect(figures.meetings).toEqual({ fourParty: 3, eveningTalk: 1, ownersCommittee: 0, total: 4 });
  });
  it('counts questions of held talks, merged duplicates once', () => {
    expect(figures.questions).toMatchObject({ raised: 3, answeredOnTheSpot: 2, listed: 1 });
    expect(figures.questions.answeredRate.text).toBe('66.7%');
  });
  it('counts sign-offs on time, overdue items and working days to sign-off', () => {
    expect(figures.actionItems).toMatchObject({ listed: 4, signedOff: 2, signedOffOnTime: 1, signedOffLate: 1, overdue: 1 });
    // 20 Oct → 26 Oct: 4 working days; 20 Oct → 29 Oct: 7 working days; mean 5.5.
    expect(figures.actionItems.avgWorkdaysToSignOff).toBe(5.5);
  });
  it('counts items overdue and still open against the on-time rate, not only the late sign-offs', () => {
    // 1 on time of 2 signed off, and 1 more item past its due date and not done: 1 of 3 due ones.
    expect(figures.actionItems.onTimeRate).toMatchObject({ numerator: 1, denominator: 3, text: '33.3%' });
    // Nothing signed off and half the items overdue is not 100% (nor an empty "—").
    const stalled = computeDashboard({
      ...input,
      actionItems: [
        { compoundId: 'x', status: 'in_progress', listedOn: '2026-11-02', dueDate: '2026-11-09', signedOffAt: null, rating: null },
        { compoundId: 'x', status: 'open', listedOn: '2026-11-19', dueDate: '2026-11-26', signedOffAt: null, rating: null },
      ],
    });
    expect(stalled.figures.actionItems.onTimeRate.text).toBe('0.0%');
  });
  it('computes satisfaction from ratings of signed-off items', () => {
    expect(figures.satisfaction).toMatchObject({ rated: 2, satisfied: 1, dissatisfied: 1 });
    expect(figures.satisfaction.rate.text).toBe('50.0%');
  });
  it('judges minutes against the 3-day deadline', () => {
    // c1 on time, c2 late (5 days), c3 still within its deadline.
    expect(figures.minutes).toMatchObject({ due: 2, publishedOnTime: 1, publishedLate: 1, overdueUnpublished: 0, pending: 1 });
  });
  it('has a row for every month of the period, quiet months included', () => {
    expect(months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(months[1]).toMatchObject({ fourParty: 1, eveningTalk: 1, questionsRaised: 3, signedOff: 2, signedOffOnTime: 1 });
  });
  it('labels every figure in both languages for the table and the spreadsheet', () => {
    const rows = dashboardRows(figures);
    expect(rows.find((r) => r.key === 'satisfaction.rate')).toMatchObject({ value: '50.0%' });
    for (const r of rows) expect(r.label['zh-CN'] && r.label.en).toBeTruthy();
  });
  it('lists the minutes due as the rows that add up to them: on time, late, overdue', () => {
    const value = (key: string) => dashboardRows(figures).find((r) => r.key === key)?.value;
    expect([value('minutes.due'), value('minutes.publishedOnTime'), value('minutes.publishedLate'), value('minutes.overdueUnpublished')]).toEqual([2, 1, 1, 0]);
  });
});

describe('rate', () => {
  it('rounds half up in tenths with integers', () => {
    expect(rate(33, 35).text).toBe('94.3%');
    expect(rate(1, 8).text).toBe('12.5%');
    expect(rate(0, 0).text).toBe('—');
  });
});

describe('dashboardPeriod', () => {
  it('defaults to the year to date and refuses reversed periods', () => {
    expect(dashboardPeriod(undefined, undefined, now)).toEqual({ from: '2026-01-01', to: '2026-11-21' });
    expect(() => dashboardPeriod('2026-12-01', '2026-01-01', now)).toThrow('dashboard_bad_period');
  });
});
