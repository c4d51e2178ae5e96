import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { meetingKind } from './meeting-kinds.js';
import {
  assertNoticePeriod,
  earliestMeetingDate,
  memberDecision,
  memberDecisionCount,
  memberDecisionResult,
  memberQuorum,
  memberQuorumText,
  moreThanHalfOf,
} from './member-rules.js';

const committee = meetingKind('owners_committee');

describe("the owners' committee notice period", () => {
  // Saturday 21 Nov 2026, 10:00 China time.
  const notice = new Date('2026-11-21T02:00:00Z');

  it('allows a meeting 7 calendar days after the notice day, at any hour of that day', () => {
    expect(earliestMeetingDate(committee, notice)).toBe('2026-11-28');
    expect(() => assertNoticePeriod(committee, notice, new Date('2026-11-28T00:30:00Z'))).not.toThrow();
  });

  it('refuses a meeting sooner, naming the days, the notice day and the earliest day', () => {
    // 27 Nov 23:30 China time is still the sixth day.
    const refused = (() => {
      try {
        assertNoticePeriod(committee, notice, new Date('2026-11-27T15:30:00Z'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'meeting_notice_too_short', params: { days: 7, noticeDate: '2026-11-21', earliest: '2026-11-28' } });
  });

  it('counts China dates: a notice at 23:00 China time is that day', () => {
    expect(earliestMeetingDate(committee, new Date('2026-11-21T15:00:00Z'))).toBe('2026-11-28');
    expect(earliestMeetingDate(committee, new Date('2026-11-21T16:00:00Z'))).toBe('2026-11-29');
  });

  it('does not apply to kinds without a notice period', () => {
    expect(earliestMeetingDate(meetingKind('four_party'), notice)).toBeNull();
    expect(() => assertNoticePeriod(meetingKind('four_party'), notice, notice)).not.toThrow();
  });
});

describe('more than half (过半数, strict)', () => {
  it('of 5 is 3, of 4 is 3, of 6 is 4, of 1 is 1', () => {
    expect([5, 4, 6, 1].map(moreThanHalfOf)).toEqual([3, 3, 4, 1]);
  });

  it('is the quorum: 3 of 5 members present is quorate, 2 is not; nobody in a committee of none', () => {
    expect(memberQuorum(5, 3)).toEqual({ members: 5, present: 3, needed: 3, reached: true });
    expect(memberQuorum(5, 2).reached).toBe(false);
    expect(memberQuorum(4, 2).reached).toBe(false);
    expect(memberQuorum(0, 0).reached).toBe(false);
    expect(memberQuorumText(memberQuorum(5, 3), 'zh-CN')).toBe('应到委员 5 人，实到 3 人，已过半数（需 ≥ 3 人），可以开会议事。');
    expect(memberQuorumText(memberQuorum(5, 2), 'en')).toContain('2 of 5 members present: not more than half');
  });

  it('of ALL members decides: 3 of 5 agree passes; 2 of 5 does not, even when only 3 came', () => {
    const passed = memberDecision(3, 5);
    expect(passed).toEqual({ agreed: 3, members: 5, needed: 3, passed: true });
    const notPassed = memberDecision(2, 5);
    expect(notPassed.passed).toBe(false);
    expect(memberDecisionCount(notPassed, 'zh-CN')).toBe('2 / 5 名委员同意（过半数：需 ≥ 3）');
    expect(memberDecisionResult(notPassed, 'zh-CN')).toBe('未通过');
    expect(memberDecisionCount(passed, 'en')).toBe('3 / 5 members agreed (more than half: needs ≥ 3)');
    // Half is not more than half.
    expect(memberDecision(2, 4).passed).toBe(false);
  });
});
