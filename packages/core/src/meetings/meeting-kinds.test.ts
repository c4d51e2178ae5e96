import { describe, expect, it } from 'vitest';
import { computeDashboard, dashboardRows, type DashboardInput } from '../dashboard/dashboard.js';
import { dashboardFiguresSchema, dashboardMonthSchema } from '../dashboard/dashboard.schema.js';
import { LOCALES } from '../i18n/locale.js';
import { generateMinutesDraft, type MeetingRecord } from '../minutes/minutes.js';
import { minutesDeadline, publicationDeadline } from '../minutes/minutes-rules.js';
import { minutesBlocksToText } from '../minutes/minutes-text.js';
import { MEETING_KINDS, MEETING_KIND_LABELS, MEETING_KIND_SPECS, meetingKind, meetingKindsWhere, type MeetingKindSpec } from './meeting-kinds.js';
import { MEETING_RUNNER_ROLES, meetingQuorum } from './meetings.js';
import { createMeetingSchema } from './meetings.schema.js';

describe('the meeting-kind registry', () => {
  it('has one spec per kind of the union, and nothing else', () => {
    expect(Object.keys(MEETING_KIND_SPECS)).toEqual([...MEETING_KINDS]);
  });

  describe.each(MEETING_KINDS)('%s', (kind) => {
    const spec = meetingKind(kind);

    it('is named in every interface language, unlike any other kind', () => {
      for (const locale of LOCALES) {
        expect(spec.label[locale].trim()).not.toBe('');
        expect(spec.dashboard.series[locale].trim()).not.toBe('');
        expect(spec.dashboard.held[locale].trim()).not.toBe('');
        const others = MEETING_KINDS.filter((k) => k !== kind).map((k) => meetingKind(k).label[locale]);
        expect(others).not.toContain(spec.label[locale]);
      }
      expect(MEETING_KIND_LABELS[kind]).toBe(spec.label);
    });

    it('says when its minutes are due: a whole number of days after the meeting, or explicitly never', () => {
      const days = spec.minutes.publicationDays;
      if (days === null) {
        expect(publicationDeadline(kind, '2026-11-18T06:30:00.000Z')).toBeNull();
      } else {
        expect(Number.isInteger(days) && days > 0).toBe(true);
        const deadline = publicationDeadline(kind, '2026-11-18T06:30:00.000Z');
        // The end of the China day `days` after the meeting day (18 Nov).
        expect(deadline).toBe(new Date(Date.UTC(2026, 10, 18 + days, 15, 59, 59, 999)).toISOString());
      }
    });

    it('is run by someone, and those who run it also edit its agenda', () => {
      expect(spec.runners.length).toBeGreaterThan(0);
      for (const role of spec.runners) expect(spec.agendaEditors).toContain(role);
      for (const role of spec.runners) expect(MEETING_RUNNER_ROLES).toContain(role);
      if (spec.members?.run) expect(MEETING_RUNNER_ROLES).toContain('party_rep');
    });

    it('has capabilities that fit together', () => {
      // A quorum by party, outcomes agreed by parties and a summary by party need parties signed in;
      // a quorum, decisions and signatures by members need members, and members need a kind attended by them.
      if (spec.quorum === 'party_rule' || spec.outcomeKinds.includes('agreed') || spec.minutes.attendanceSummary === 'parties_present') {
        expect(spec.attendance).toBe('parties');
      }
      const byMembers =
        spec.quorum === 'member_majority' ||
        spec.outcomeKinds.includes('members_resolved') ||
        spec.minutes.memberSignatures ||
        spec.minutes.attendanceSummary === 'members_present';
      if (byMembers) expect(spec.attendance).toBe('members');
      expect(spec.members !== null).toBe(spec.attendance === 'members');
      // Outcomes are recorded where the kind has any, and only of the kinds it names.
      expect(spec.outcomes).toBe(spec.outcomeKinds.length > 0);
      // A notice period is whole days.
      if (spec.noticeDays !== null) expect(Number.isInteger(spec.noticeDays) && spec.noticeDays > 0).toBe(true);
      const section = (content: string) => spec.minutes.sections.find((s) => s.content === content);
      // Residents' questions always have their section in the minutes, even when none came.
      if (spec.questions) expect(section('questions')).toMatchObject({ heading: '居民问题及答复', always: true });
      // Outcomes are what the agenda section records; it is there even without items.
      if (spec.outcomes) expect(section('agenda')?.always).toBe(true);
    });

    it('writes minutes that start with who came and have each section once, with a heading', () => {
      const sections = spec.minutes.sections;
      expect(sections[0]).toMatchObject({ content: 'attendance', always: true });
      expect(new Set(sections.map((s) => s.content)).size).toBe(sections.length);
      for (const s of sections) expect(s.heading.trim()).not.toBe('');
      expect(spec.minutes.nobodySignedIn.trim()).not.toBe('');
      expect(spec.minutes.othersLabel.trim()).not.toBe('');
    });

    it('adds to a dashboard counter of its own, which the dashboard schema has', () => {
      const counters = MEETING_KINDS.map((k) => meetingKind(k).dashboard.counter);
      expect(counters.filter((c) => c === spec.dashboard.counter)).toHaveLength(1);
      expect(Object.keys(dashboardFiguresSchema.shape.meetings.shape)).toContain(spec.dashboard.counter);
      expect(Object.keys(dashboardMonthSchema.shape)).toContain(spec.dashboard.counter);
      expect(['total', 'month']).not.toContain(spec.dashboard.counter);
    });

    it('proposes a duration a new meeting may have', () => {
      const created = createMeetingSchema.safeParse({
        kind,
        title: '议事',
        startsAt: '2026-11-18T14:30:00+08:00',
        durationMinutes: spec.defaultDurationMinutes,
        place: '服务站',
      });
      expect(created.success).toBe(true);
    });
  });

  it('names the kinds that offer something, for the error when a meeting does not', () => {
    expect(meetingKindsWhere((s) => s.questions)).toEqual(['evening_talk']);
    expect(meetingKindsWhere((s) => s.attendance === 'parties')).toEqual(['four_party']);
    expect(meetingKindsWhere((s) => s.attendance === 'members')).toEqual(['owners_committee']);
    expect(meetingKindsWhere((s) => s.noticeDays !== null)).toEqual(['owners_committee']);
  });
});

/**
 * The seam: a kind the registry does not have yet is one spec, and the functions that take a spec
 * (the minutes draft, the deadline, the quorum, the dashboard's counting and rows) handle it without
 * a change. Here, a building council (楼栋议事会) built from the council's spec with its own name,
 * sections, wording and counter.
 */
describe('a kind that is only a spec', () => {
  const building: MeetingKindSpec = {
    ...MEETING_KIND_SPECS.four_party,
    label: { 'zh-CN': '楼栋议事会', en: 'Building council' },
    minutes: {
      ...MEETING_KIND_SPECS.four_party.minutes,
      sections: [
        { content: 'attendance', heading: '出席人员', always: true },
        { content: 'agenda', heading: '议题及决定', always: true },
        { content: 'action_items', heading: '落实事项', always: false },
      ],
      othersLabel: '列席',
      attendanceSummary: 'headcount',
    },
    dashboard: {
      counter: 'buildingCouncil',
      series: { 'zh-CN': '楼栋议事会', en: 'Building councils' },
      held: { 'zh-CN': '召开楼栋议事会（场）', en: 'Building councils held' },
    },
  };
  const kinds = { ...MEETING_KIND_SPECS, building_council: building };

  const record: MeetingRecord = {
    meetingId: 'm1',
    compoundName: '都市春天小区',
    kind: 'four_party',
    title: '续聘物业服务企业',
    startsAt: '2026-11-18T06:30:00.000Z',
    endsAt: '2026-11-18T08:00:00.000Z',
    place: '业委会办公室',
    convener: '业委会主任 郑国华',
    attendance: [
      { name: '郑国华', party: 'owners_committee', organisation: '业委会' },
      { name: '王大爷', party: null, organisation: '' },
    ],
    agendaItems: [],
    votes: [{ title: '不会出现', outcome: 'passed', explanation: '' }],
    questions: [{ text: '不会出现', status: 'answered', answer: '', answeredBy: null }],
    actionItems: [],
  };

  it('writes its minutes with its own name, sections and wording', () => {
    const doc = generateMinutesDraft(record, building);
    const text = minutesBlocksToText(doc.blocks);
    expect(doc.header.title).toBe('都市春天小区楼栋议事会纪要（续聘物业服务企业）');
    expect(doc.header.kindLabel).toBe('楼栋议事会');
    expect(text).toContain('## 一、出席人员');
    expect(text).toContain('- 列席：王大爷');
    expect(text).toContain('共 2 人参加。');
    expect(text).toContain('## 二、议题及决定');
    // Sections its spec does not have are not written, whatever the record holds.
    expect(text).not.toContain('不会出现');
    expect(text).not.toContain('## 三');
  });

  it('has its deadline and quorum from its spec', () => {
    expect(minutesDeadline(building, record.startsAt)).toBe('2026-11-21T15:59:59.999Z');
    expect(minutesDeadline({ ...building, minutes: { ...building.minutes, publicationDays: null } }, record.startsAt)).toBeNull();
    expect(meetingQuorum(building, 'all_parties', ['community'])).toMatchObject({ reached: false });
    expect(meetingQuorum({ quorum: null }, 'all_parties', [])).toBeNull();
  });

  it('is counted on the dashboard under its own counter, month and row', () => {
    const input: DashboardInput<keyof typeof kinds> = {
      from: '2026-11-01',
      to: '2026-11-30',
      now: new Date('2026-11-30T02:00:00Z'),
      meetings: [
        { id: 'c1', compoundId: 'x', kind: 'building_council', status: 'closed', startsAt: '2026-11-03T06:00:00Z' },
        { id: 'c2', compoundId: 'x', kind: 'building_council', status: 'closed', startsAt: '2026-11-17T06:00:00Z' },
        { id: 'f1', compoundId: 'x', kind: 'four_party', status: 'closed', startsAt: '2026-11-10T06:00:00Z' },
      ],
      questions: [],
      actionItems: [],
      // c1 on time (its 3-day deadline); c2 never published, overdue; the council's published late.
      minutes: [
        { meetingId: 'c1', firstPublishedAt: '2026-11-05T02:00:00Z' },
        { meetingId: 'f1', firstPublishedAt: '2026-11-20T02:00:00Z' },
      ],
    };
    const { figures, months } = computeDashboard(input, kinds);
    expect(figures.meetings).toEqual({ fourParty: 1, eveningTalk: 0, ownersCommittee: 0, buildingCouncil: 2, total: 3 });
    expect(months).toEqual([expect.objectContaining({ month: '2026-11', fourParty: 1, eveningTalk: 0, buildingCouncil: 2 })]);
    expect(figures.minutes).toMatchObject({ due: 3, publishedOnTime: 1, publishedLate: 1, overdueUnpublished: 1 });
    const rows = dashboardRows(figures, kinds);
    expect(rows.find((r) => r.key === 'meetings.buildingCouncil')).toEqual({
      key: 'meetings.buildingCouncil',
      label: { 'zh-CN': '召开楼栋议事会（场）', en: 'Building councils held' },
      value: 2,
    });
  });
});
