import { describe, expect, it } from 'vitest';
import { timelineSummary } from './timeline-notices.js';
import { VOTE_PERIOD_DEFAULTS, describeVotePeriods, earliestOpening, formatBeijingMinute, votePhase, voteStages, type VoteTimelineInput } from './timeline.js';

const announced: VoteTimelineInput = {
  statutory: true,
  status: 'announced',
  announcedAt: '2026-11-21T02:00:00.000Z',
  rollCheckEndsAt: '2026-11-28T02:00:00.000Z',
  opensAt: '2026-12-06T02:00:00.000Z',
  openedAt: null,
  closesAt: '2026-12-21T02:00:00.000Z',
  closedAt: null,
  objectionEndsAt: null,
  finalisedAt: null,
};
const states = (v: VoteTimelineInput, at: string) => voteStages(v, new Date(at)).map((s) => `${s.key}:${s.state}`);

describe('the statutory timeline', () => {
  it('opens no sooner than the notice period, named in Beijing time', () => {
    expect(earliestOpening('2026-11-21T02:00:00.000Z', VOTE_PERIOD_DEFAULTS)).toBe('2026-12-06T02:00:00.000Z');
    expect(formatBeijingMinute('2026-12-06T02:00:00.000Z')).toBe('2026-12-06 10:00');
  });

  it('moves through its phases, each stage done, under way or to come', () => {
    expect(votePhase(announced, new Date('2026-11-22T00:00:00Z'))).toBe('roll_check');
    expect(states(announced, '2026-11-22T00:00:00Z')).toEqual([
      'announcement:current',
      'roll_check:current',
      'voting:upcoming',
      'preliminary_result:upcoming',
      'objection:upcoming',
      'final_result:upcoming',
    ]);
    expect(votePhase(announced, new Date('2026-12-01T00:00:00Z'))).toBe('waiting');
    const closed = {
      ...announced,
      status: 'closed' as const,
      openedAt: announced.opensAt,
      closedAt: announced.closesAt,
      objectionEndsAt: '2026-12-28T02:00:00.000Z',
    };
    expect(votePhase(closed, new Date('2026-12-22T00:00:00Z'))).toBe('objection');
    expect(states(closed, '2026-12-22T00:00:00Z').slice(2)).toEqual(['voting:done', 'preliminary_result:done', 'objection:current', 'final_result:upcoming']);
    expect(votePhase(closed, new Date('2026-12-29T00:00:00Z'))).toBe('awaiting_final');
    expect(votePhase({ ...closed, finalisedAt: '2026-12-29T00:00:00Z' }, new Date('2026-12-29T00:00:00Z'))).toBe('final');
  });

  it('a vote that follows no timeline shows voting and its result only, final at closing', () => {
    const poll = { ...announced, statutory: false, status: 'closed' as const, announcedAt: null, rollCheckEndsAt: null, closedAt: announced.closesAt };
    expect(states(poll, '2026-12-22T00:00:00Z')).toEqual(['voting:done', 'final_result:done']);
  });

  it('tells an owner in one sentence what to do now, and the profile in words', () => {
    expect(timelineSummary(announced, 'roll_check', 'zh-CN')).toBe('投票将于 12月6日 10:00 开始；在此之前请核对名册（核对期至 11月28日 10:00）。');
    expect(timelineSummary(announced, 'roll_check', 'en')).toBe(
      'Voting opens at 6 Dec 10:00 (Beijing time); before then please check the roll (until 28 Nov 10:00 (Beijing time)).',
    );
    expect(describeVotePeriods(VOTE_PERIOD_DEFAULTS, 'zh-CN')).toContain('满 15 日方可开始投票');
  });
});
