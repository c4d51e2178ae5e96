import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { readAgendaSnapshot, orderBetween } from './agenda-doc.js';
import { meetingKind } from './meeting-kinds.js';
import {
  MEETING_RUNNER_ROLES,
  QUESTION_ASKERS,
  agendaAccess,
  agreementOf,
  assertRecordedStart,
  countQuestions,
  evaluateQuorum,
  nextMeetingStatus,
  partyOrNull,
  questionsOpen,
  recordedStepTime,
  recordingOpen,
  runsMeeting,
  signInOpen,
} from './meetings.js';

describe('meeting lifecycle', () => {
  it('goes draft → scheduled → in session → closed and nothing else', () => {
    expect(nextMeetingStatus('draft', 'schedule')).toBe('scheduled');
    expect(nextMeetingStatus('scheduled', 'start')).toBe('in_session');
    expect(nextMeetingStatus('in_session', 'close')).toBe('closed');
    expect(() => nextMeetingStatus('draft', 'start')).toThrow(DomainError);
    expect(() => nextMeetingStatus('closed', 'close')).toThrow(/meeting_bad_transition/);
  });

  it('entered after it was held (补录): starts from the draft, has no notice to publish or cancel', () => {
    expect(nextMeetingStatus('draft', 'start', true)).toBe('in_session');
    expect(nextMeetingStatus('in_session', 'close', true)).toBe('closed');
    expect(() => nextMeetingStatus('draft', 'schedule', true)).toThrow(/meeting_recorded_no_notice/);
    expect(() => nextMeetingStatus('scheduled', 'cancel', true)).toThrow(/meeting_recorded_no_notice/);
    expect(() => nextMeetingStatus('closed', 'start', true)).toThrow(/meeting_bad_transition/);
  });

  it('entered after it was held: started in the past, within 60 days; held from its start to its end, or now', () => {
    const now = new Date('2026-12-08T02:00:00.000Z');
    expect(() => assertRecordedStart(new Date('2026-12-07T11:30:00.000Z'), now)).not.toThrow();
    expect(() => assertRecordedStart(new Date('2026-12-08T02:01:00.000Z'), now)).toThrow(/meeting_recorded_in_future/);
    expect(() => assertRecordedStart(new Date('2026-10-09T02:00:00.000Z'), now)).not.toThrow();
    expect(() => assertRecordedStart(new Date('2026-10-09T01:59:00.000Z'), now)).toThrow(/meeting_recorded_too_old/);
    const lastNight = { startsAt: '2026-12-07T11:30:00.000Z', durationMinutes: 90 };
    expect(recordedStepTime(lastNight, 'start', now)).toBe('2026-12-07T11:30:00.000Z');
    expect(recordedStepTime(lastNight, 'close', now)).toBe('2026-12-07T13:00:00.000Z');
    expect(recordedStepTime({ startsAt: '2026-12-08T01:30:00.000Z', durationMinutes: 90 }, 'close', now)).toBe(now.toISOString());
  });
});

describe('what each status allows', () => {
  it('questions from the notice to the close, sign-in from the meeting day; outcomes and answers in session and just after', () => {
    const statuses = ['draft', 'scheduled', 'in_session', 'closed'] as const;
    expect(statuses.filter(questionsOpen)).toEqual(['scheduled', 'in_session']);
    // Sign-in: on the meeting's day (China time) while scheduled, and in session (started early too).
    const startsAt = '2026-12-10T06:30:00.000Z'; // 14:30 on 10 December in China
    const on = (now: string) => statuses.filter((status) => signInOpen({ status, startsAt }, new Date(now)));
    expect(on('2026-12-09T15:59:00.000Z')).toEqual(['in_session']); // 23:59 the day before
    expect(on('2026-12-09T16:00:00.000Z')).toEqual(['scheduled', 'in_session']); // 00:00 on the day
    expect(on('2026-12-11T02:00:00.000Z')).toEqual(['scheduled', 'in_session']); // the day after, still not started
    expect(statuses.filter(recordingOpen)).toEqual(['in_session', 'closed']);
  });
  it('names who runs meetings of some kind and who may ask, each once', () => {
    expect(MEETING_RUNNER_ROLES).toEqual(['subdistrict_committee', 'station_chief', 'community_staff', 'party_rep']);
    expect(QUESTION_ASKERS.slice(0, 2)).toEqual(['owner', 'resident']);
    expect(new Set(QUESTION_ASKERS).size).toBe(QUESTION_ASKERS.length);
  });
  it('reads a stored party code, or none', () => {
    expect(partyOrNull('owners_committee')).toBe('owners_committee');
    expect(partyOrNull('landlord')).toBeNull();
    expect(partyOrNull(null)).toBeNull();
  });
});

describe('four-party quorum', () => {
  it('needs every party by default', () => {
    const r = evaluateQuorum('all_parties', ['community', 'department', 'owners_committee', null, 'community']);
    expect(r).toMatchObject({ reached: false, missing: ['property_manager'] });
    expect(evaluateQuorum('all_parties', ['community', 'department', 'owners_committee', 'property_manager']).reached).toBe(true);
  });
  it('three parties suffice where the compound says so, if the community side is there', () => {
    expect(evaluateQuorum('three_parties', ['community', 'department', 'owners_committee']).reached).toBe(true);
    expect(evaluateQuorum('three_parties', ['department', 'owners_committee', 'property_manager']).reached).toBe(false);
  });
});

describe('question counts', () => {
  it('35 raised, 30 answered on the spot → 35 / 30 / 5', () => {
    const qs = [...Array(30).fill({ status: 'answered' }), ...Array(5).fill({ status: 'listed' })];
    expect(countQuestions(qs)).toMatchObject({ raised: 35, answered: 30, listed: 5, open: 0 });
  });
  it('a merged duplicate is not counted twice', () => {
    expect(countQuestions([{ status: 'raised' }, { status: 'merged' }])).toMatchObject({ raised: 1, open: 1, merged: 1 });
  });
});

describe('agenda access', () => {
  it('committee members write until the agenda is frozen; building heads read; owners nothing', () => {
    expect(agendaAccess('four_party', 'scheduled', false, new Set(['party_rep']))).toBe('write');
    expect(agendaAccess('four_party', 'in_session', true, new Set(['party_rep']))).toBe('read');
    expect(agendaAccess('four_party', 'scheduled', false, new Set(['building_head']))).toBe('read');
    expect(agendaAccess('four_party', 'scheduled', false, new Set(['owner', 'resident']))).toBe('none');
  });
  it("an owners' committee meeting's agenda is written by its members, not by the other parties' representatives", () => {
    const rep = new Set(['party_rep'] as const);
    expect(agendaAccess('owners_committee', 'draft', false, rep, new Set(['owners_committee']))).toBe('write');
    expect(agendaAccess('owners_committee', 'draft', false, rep, new Set(['property_manager']))).toBe('none');
    expect(agendaAccess('owners_committee', 'draft', false, new Set(['community_staff']))).toBe('write');
  });
});

describe('who runs a meeting', () => {
  const committee = meetingKind('owners_committee');
  it("the committee's members run their own meeting beside community staff; other parties' representatives do not", () => {
    expect(runsMeeting(committee, { roles: new Set(['party_rep']), parties: new Set(['owners_committee']) })).toBe(true);
    expect(runsMeeting(committee, { roles: new Set(['party_rep']), parties: new Set(['property_manager']) })).toBe(false);
    expect(runsMeeting(committee, { roles: new Set(['community_staff']), parties: new Set() })).toBe(true);
    // A council is run by its convener side only, whatever party someone represents.
    expect(runsMeeting(meetingKind('four_party'), { roles: new Set(['party_rep']), parties: new Set(['owners_committee']) })).toBe(false);
  });
});

describe('agenda snapshot', () => {
  it('sorts by position and skips items without an id or with a duplicate id', () => {
    const items = readAgendaSnapshot([
      { id: 'b', title: '停车难', order: 2, minutes: 20, party: 'property_manager', notes: 'n', links: ['concern:1'] },
      { id: 'a', title: '路灯', order: 1 },
      { title: 'no id' },
      { id: 'a', title: 'dup' },
    ]);
    expect(items.map((i) => i.docItemId)).toEqual(['a', 'b']);
    expect(items[1]).toMatchObject({ title: '停车难', minutes: 20, party: 'property_manager', links: ['concern:1'] });
    expect(orderBetween(1, 2)).toBe(1.5);
    expect(orderBetween(undefined, 1)).toBe(0);
  });

  it('skips what a misbehaving client wrote: no object, an id that is not 1–64 characters of text', () => {
    const items = readAgendaSnapshot([null, 'x', ['id'], { id: 7 }, { id: '' }, { id: 'x'.repeat(65) }, { id: 'x'.repeat(64), title: 42, links: 'no' }]);
    expect(items).toEqual([{ docItemId: 'x'.repeat(64), title: '', party: '', minutes: 0, notes: '', links: [], order: 6 }]);
  });
});

describe('how far an agreement reaches', () => {
  it('is "all" only when every party present agreed', () => {
    expect(agreementOf(['community', 'department'], ['department', 'community', null]).reach).toBe('all');
    const partial = agreementOf(['property_manager', 'community'], ['community', 'department', 'property_manager']);
    expect(partial).toEqual({ reach: 'partial', agreed: ['community', 'property_manager'], dissent: ['department'] });
    expect(agreementOf(['community'], [null]).reach).toBe('named');
  });
});
