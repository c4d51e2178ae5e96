import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { errorMessage } from '../i18n/error-messages.js';
import { absentParties, assertPartiesPresent, recordGaps } from './council-record.js';
import { meetingKind } from './meeting-kinds.js';
import { evaluateQuorum } from './meetings.js';

const refusal = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('an outcome names only the parties present', () => {
  // Members of two parties signed in; an attendee of no party does not make any party present.
  const signedIn = ['community', null, 'department', 'community'] as const;

  it('accepts the parties someone signed in for', () => {
    expect(absentParties(['department', 'community'], signedIn)).toEqual([]);
    expect(() => assertPartiesPresent(['community', 'department'], signedIn)).not.toThrow();
  });

  it('refuses a party nobody signed in for, naming each absent party in words, in the parties’ order', () => {
    expect(absentParties(['property_manager', 'community', 'owners_committee', 'department'], signedIn)).toEqual(['owners_committee', 'property_manager']);
    const e = refusal(() => assertPartiesPresent(['property_manager', 'community', 'owners_committee', 'department'], signedIn));
    expect(e.code).toBe('outcome_party_absent');
    expect(errorMessage(e.code, 'zh-CN', e.params)).toBe('业委会、物业企业没有人签到（未出席），不能记为同意方；请只勾选到场签到的各方');
    expect(errorMessage(e.code, 'en', e.params)).toContain("Nobody of Owners' committee, Property-management company signed in");
  });

  it('with nobody signed in, names every party it was told agreed', () => {
    const e = refusal(() => assertPartiesPresent(['owners_committee'], []));
    expect(errorMessage(e.code, 'zh-CN', e.params)).toMatch(/^业委会没有人签到/);
  });
});

describe('what a council’s record still lacks', () => {
  const council = meetingKind('four_party');
  const items = [{ outcome: 'agreed' as const }, { outcome: null }, { outcome: null }];

  it('counts the items with no outcome and names the parties missing for quorum', () => {
    const quorum = evaluateQuorum('all_parties', ['community', 'department']);
    expect(recordGaps(council, items, quorum)).toEqual({ unrecordedOutcomes: 2, missingParties: ['owners_committee', 'property_manager'] });
  });

  it('lacks nothing once every item has an outcome and the quorum is reached (a party absent under the three-party rule is no gap)', () => {
    const quorum = evaluateQuorum('three_parties', ['community', 'department', 'owners_committee']);
    expect(recordGaps(council, [{ outcome: 'deferred' }], quorum)).toEqual({ unrecordedOutcomes: 0, missingParties: [] });
  });

  it('an evening talk records no outcomes and has no quorum', () => {
    expect(recordGaps(meetingKind('evening_talk'), [{ outcome: null }], null)).toEqual({ unrecordedOutcomes: 0, missingParties: [] });
  });
});
