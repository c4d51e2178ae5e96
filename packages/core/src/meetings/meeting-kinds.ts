/**
 * Meeting kinds as data. Each kind of meeting is one spec: what it is called, who convenes it, how
 * people attend, whether it has a quorum, residents' questions and agenda outcomes, how its minutes
 * are written and by when they must be out, and what it adds to the dashboard. The rest of the code
 * asks the spec (`meetingKind(kind).questions`), never the kind's name, so a new kind is one entry in
 * MEETING_KINDS plus its spec here: the registry is a Record over the union, and does not compile
 * until the new kind has one.
 *
 * The Chinese texts of the minutes are part of the spec: minutes are an official document in Chinese
 * whatever the interface language.
 */
import type { Locale } from '../i18n/locale.js';
import type { Party, Role } from '../roles/roles.js';
import type { OutcomeKind } from './meetings.js';

export const MEETING_KINDS = ['four_party', 'evening_talk', 'owners_committee'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * How people attend. `parties`: the compound's party representatives are invited when the meeting is
 * created and signed in at the door, by party. `members`: the kind's members (its `members` spec) are
 * invited and each signs in, in person. `open`: anyone comes, nobody signs in one by one: whoever runs
 * it notes the cadres and department staff present by name (attendance rows, present when noted) and
 * the residents by their number (the meeting's residents' count).
 */
export type MeetingAttendance = 'parties' | 'members' | 'open';

/**
 * When a meeting is quorate. `party_rule`: the compound's rule over the parties signed in
 * (evaluateQuorum). `member_majority`: more than half of all the members signed in (member-rules.ts).
 */
export type MeetingQuorum = 'party_rule' | 'member_majority';

/**
 * The members of a kind attended by members: the people whose four-party representative grant at the
 * compound names `party` (an owners' committee's members are the representatives of the owners'
 * committee). `run`: the members themselves also run the meeting, beside the kind's `runners`.
 */
export interface MeetingMembersSpec {
  party: Party;
  run: boolean;
  /** The members' title in the minutes and on the page (委员). */
  title: Record<Locale, string>;
}

/** What a section of the minutes is written from (core/minutes turns each into blocks). */
export type MinutesSectionContent = 'attendance' | 'agenda' | 'votes' | 'questions' | 'action_items';

export interface MinutesSectionSpec {
  content: MinutesSectionContent;
  heading: string;
  /** Printed even when the record has nothing for it; otherwise an empty section is left out. */
  always: boolean;
}

/**
 * How the minutes sum up who came: by party, naming a party that is missing; members expected and
 * present, naming the absent; a plain headcount; or (a kind open to all, `noted_and_counted`) in one
 * paragraph, the cadres noted by name and the residents by their number.
 */
export type MinutesAttendanceSummary = 'parties_present' | 'members_present' | 'headcount' | 'noted_and_counted';

/**
 * The body that issues the minutes (落款): the place whose organ it is, and the organ's name after
 * the place's ("秀江街道" + "党工委", "都市春天小区" + "业主委员会").
 */
export interface MinutesIssuerSpec {
  place: 'subdistrict' | 'community' | 'compound';
  suffix: string;
}

export interface MeetingKindMinutesSpec {
  /**
   * Calendar days after the meeting day (China time) by the end of which the minutes must be
   * published, or null when the kind has no published deadline (see core/minutes publicationDeadline).
   */
  publicationDays: number | null;
  /** The numbered sections, in order. */
  sections: readonly MinutesSectionSpec[];
  /** The attendance paragraph when nobody signed in. */
  nobodySignedIn: string;
  /**
   * The line heading of attendees without a party; for a kind open to all, of the cadres and staff
   * noted by name, before the residents' count.
   */
  othersLabel: string;
  attendanceSummary: MinutesAttendanceSummary;
  /** Who issues the minutes as an official document (落款), above the date and the seal. */
  issuer: MinutesIssuerSpec;
  /**
   * Each member who attended confirms the draft in the app (我已核对，确认签字) before it can be
   * published; a signature is of the text as it stood, so a changed draft is signed again.
   */
  memberSignatures: boolean;
}

export interface MeetingKindDashboardSpec<Counter extends string = string> {
  /** The figure the kind's held meetings are counted in (figures.meetings.<counter>, and per month). */
  counter: Counter;
  /** The chart series (short). */
  series: Record<Locale, string>;
  /** The table and spreadsheet row. */
  held: Record<Locale, string>;
}

export interface MeetingKindSpec<Counter extends string = string> {
  label: Record<Locale, string>;
  /**
   * Who convenes and runs it: creates it, publishes the notice, opens and closes it, reopens a frozen
   * agenda, and approves and publishes (and corrects) the minutes.
   */
  runners: readonly Role[];
  /** Committee members who co-edit the agenda and write the draft minutes (besides the runners). */
  agendaEditors: readonly Role[];
  attendance: MeetingAttendance;
  /** Who the members are, for a kind attended by members; null otherwise. */
  members: MeetingMembersSpec | null;
  /** null: no quorum. */
  quorum: MeetingQuorum | null;
  /**
   * Calendar days (China dates) by which the notice with its agenda must come before the meeting's
   * day, or null for no notice period. A kind with one freezes its agenda when the notice goes out:
   * what is decided is what was announced.
   */
  noticeDays: number | null;
  /**
   * Residents raise questions: the ask page and its QR code, staff answer, list or merge them, the
   * hall screen and the board show their counts.
   */
  questions: boolean;
  /** Each frozen agenda item gets an outcome, with the parties that agreed. */
  outcomes: boolean;
  /** The outcomes an item of this kind can have (agreed by parties, decided by the members …). */
  outcomeKinds: readonly OutcomeKind[];
  minutes: MeetingKindMinutesSpec;
  dashboard: MeetingKindDashboardSpec<Counter>;
  /** The duration a new meeting of this kind is proposed with. */
  defaultDurationMinutes: number;
}

const VOTES_SECTION = { content: 'votes', heading: '业主表决结果', always: false } as const;
const ACTION_ITEMS_SECTION = { content: 'action_items', heading: '整改事项及责任单位', always: false } as const;

const SPECS = {
  /**
   * Four-party council (四方共治议事会): convened by the subdistrict party working committee (the
   * station chief, a subdistrict cadre, acts for it) with the community, the departments, the owners'
   * committee and the property manager at the table. Its outcome is posted within 3 days after the
   * meeting (议事会后3日内公示): 日 read as calendar days, as the phrase says (working days are always
   * said as 工作日).
   */
  four_party: {
    label: { 'zh-CN': '四方共治议事会', en: 'Four-party council' },
    runners: ['subdistrict_committee', 'station_chief'],
    agendaEditors: ['subdistrict_committee', 'station_chief', 'station_deputy', 'party_rep', 'community_staff'],
    attendance: 'parties',
    members: null,
    quorum: 'party_rule',
    noticeDays: null,
    questions: false,
    outcomes: true,
    outcomeKinds: ['agreed', 'deferred', 'owners_vote', 'action_items'],
    minutes: {
      publicationDays: 3,
      sections: [
        { content: 'attendance', heading: '参会人员', always: true },
        { content: 'agenda', heading: '议题及议定事项', always: true },
        VOTES_SECTION,
        { content: 'questions', heading: '居民问题及答复', always: false },
        ACTION_ITEMS_SECTION,
      ],
      nobodySignedIn: '（未登记参会人员）',
      othersLabel: '其他',
      attendanceSummary: 'parties_present',
      issuer: { place: 'subdistrict', suffix: '党工委' },
      memberSignatures: false,
    },
    dashboard: {
      counter: 'fourParty',
      series: { 'zh-CN': '四方议事会', en: 'Four-party councils' },
      held: { 'zh-CN': '召开四方共治议事会（场）', en: 'Four-party councils held' },
    },
    defaultDurationMinutes: 120,
  },
  /**
   * Evening talk (居民夜谈): run by community staff in the evening, open to every resident; residents
   * ask, cadres answer on the spot or list the question for follow-up. No published deadline for its
   * minutes. A talk without a prepared agenda is all questions and answers.
   */
  evening_talk: {
    label: { 'zh-CN': '居民夜谈', en: 'Evening talk' },
    runners: ['subdistrict_committee', 'community_staff', 'station_chief'],
    agendaEditors: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'],
    attendance: 'open',
    members: null,
    quorum: null,
    noticeDays: null,
    questions: true,
    outcomes: false,
    outcomeKinds: [],
    minutes: {
      publicationDays: null,
      sections: [
        { content: 'attendance', heading: '参会人员', always: true },
        { content: 'agenda', heading: '议题', always: false },
        VOTES_SECTION,
        { content: 'questions', heading: '居民问题及答复', always: true },
        ACTION_ITEMS_SECTION,
      ],
      nobodySignedIn: '社区干部、服务站工作人员与居民群众参加（未逐一签到登记）。',
      othersLabel: '干部和工作人员',
      attendanceSummary: 'noted_and_counted',
      issuer: { place: 'community', suffix: '居民委员会' },
      memberSignatures: false,
    },
    dashboard: {
      counter: 'eveningTalk',
      series: { 'zh-CN': '居民夜谈', en: 'Evening talks' },
      held: { 'zh-CN': '召开居民夜谈（场）', en: 'Evening talks held' },
    },
    defaultDurationMinutes: 90,
  },
  /**
   * Owners' committee meeting (业委会会议): the committee's members meet, guided by community staff
   * (and the station chief), who may also convene it for them. Its members are the compound's
   * owners'-committee representatives. The notice with its agenda is out at least 7 days before the
   * meeting (会议召开7日前通知全体委员并告知议题). It is quorate when more than half of all the members
   * attend, and a decision needs more than half of all the members, not of those present; members
   * attend and agree in person, nobody on their behalf. Each member who attended signs the minutes,
   * which are posted within 3 days.
   */
  owners_committee: {
    label: { 'zh-CN': '业委会会议', en: "Owners' committee meeting" },
    runners: ['community_staff', 'station_chief'],
    agendaEditors: ['community_staff', 'station_chief', 'station_deputy'],
    attendance: 'members',
    members: { party: 'owners_committee', run: true, title: { 'zh-CN': '委员', en: 'member' } },
    quorum: 'member_majority',
    noticeDays: 7,
    questions: false,
    outcomes: true,
    outcomeKinds: ['members_resolved', 'deferred', 'owners_vote', 'action_items'],
    minutes: {
      publicationDays: 3,
      sections: [
        { content: 'attendance', heading: '出席委员', always: true },
        { content: 'agenda', heading: '议题及决定', always: true },
        ACTION_ITEMS_SECTION,
      ],
      nobodySignedIn: '（无委员签到）',
      othersLabel: '列席',
      attendanceSummary: 'members_present',
      issuer: { place: 'compound', suffix: '业主委员会' },
      memberSignatures: true,
    },
    dashboard: {
      counter: 'ownersCommittee',
      series: { 'zh-CN': '业委会会议', en: "Owners' committee" },
      held: { 'zh-CN': '召开业委会会议（场）', en: "Owners' committee meetings held" },
    },
    defaultDurationMinutes: 90,
  },
} as const satisfies Record<MeetingKind, MeetingKindSpec>;

/** The dashboard's per-kind meeting counters, as the specs name them (the dashboard schema's keys). */
export type MeetingCounter = (typeof SPECS)[MeetingKind]['dashboard']['counter'];

/** Every kind's spec. */
export const MEETING_KIND_SPECS: Readonly<Record<MeetingKind, MeetingKindSpec<MeetingCounter>>> = SPECS;

/** A set of kinds and their specs: the registry above, or (in tests) one with a kind it does not have yet. */
export type MeetingKindRegistry<K extends string = MeetingKind> = Readonly<Record<K, MeetingKindSpec>>;

/** The spec of a kind. */
export function meetingKind(kind: MeetingKind): MeetingKindSpec<MeetingCounter> {
  return MEETING_KIND_SPECS[kind];
}

/** One value per kind, read from its spec. */
export function byMeetingKind<T>(read: (spec: MeetingKindSpec<MeetingCounter>) => T): Record<MeetingKind, T> {
  // Object.fromEntries cannot say that every kind is there; MEETING_KINDS is the union, so it is.
  return Object.fromEntries(MEETING_KINDS.map((kind) => [kind, read(MEETING_KIND_SPECS[kind])])) as Record<MeetingKind, T>;
}

/** The kinds whose spec offers something, in registry order (an error names them when a meeting does not). */
export function meetingKindsWhere(offers: (spec: MeetingKindSpec) => boolean): MeetingKind[] {
  return MEETING_KINDS.filter((kind) => offers(MEETING_KIND_SPECS[kind]));
}

export const MEETING_KIND_LABELS: Record<MeetingKind, Record<Locale, string>> = byMeetingKind((spec) => spec.label);
