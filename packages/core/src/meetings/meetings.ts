/**
 * Meetings: their lifecycle as pure transitions, who may run them, the party quorum, and the live
 * counts of residents' questions. What differs between the kinds (four-party council, evening talk)
 * is in their specs (meeting-kinds.ts). The server loads rows, calls these, and saves; nothing here
 * does IO.
 */
import { chinaDate } from '../action-items/workdays.js';
import { DomainError } from '../errors/domain-error.js';
import type { Locale } from '../i18n/locale.js';
import { MEMBER_ROLE } from '../roles/member-role.js';
import { PARTIES, type Party, type Role } from '../roles/roles.js';
import { MEETING_KINDS, meetingKind, type MeetingKind, type MeetingKindSpec } from './meeting-kinds.js';

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_session', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_ACTIONS = ['schedule', 'start', 'close', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

const TRANSITIONS: Record<MeetingAction, { from: MeetingStatus; to: MeetingStatus }> = {
  schedule: { from: 'draft', to: 'scheduled' },
  start: { from: 'scheduled', to: 'in_session' },
  close: { from: 'in_session', to: 'closed' },
  // A meeting whose notice is out and that will not take place: it stays on the board and in the
  // calendar, marked cancelled, so subscribers' calendars show it cancelled instead of losing it.
  cancel: { from: 'scheduled', to: 'cancelled' },
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  scheduled: { 'zh-CN': '已发布通知', en: 'Scheduled' },
  in_session: { 'zh-CN': '会议进行中', en: 'In session' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** A meeting entered after it was held (补录): its session is its entering, and it says so once closed. */
export const RECORDED_STATUS_LABELS: Partial<Record<MeetingStatus, Record<Locale, string>>> = {
  in_session: { 'zh-CN': '补录中', en: 'Being entered' },
  closed: { 'zh-CN': '已结束（补录）', en: 'Closed (entered afterwards)' },
};

/**
 * What the steps are called in messages: the lifecycle actions, the agenda's freeze and reopen, and the
 * other things a meeting's status allows or not (inviting, signing in, recording an outcome, handling
 * the questions of an evening talk). `meetingStepRefused` takes only these, so none reaches a person as a code.
 */
export type MeetingStep = MeetingAction | 'freeze' | 'reopen' | 'invite' | 'sign_in' | 'note_attendance' | 'outcome' | 'handle_question';
export const MEETING_STEP_LABELS: Record<MeetingStep, Record<Locale, string>> = {
  schedule: { 'zh-CN': '发布会议通知', en: 'publish the notice' },
  start: { 'zh-CN': '开始会议', en: 'start the meeting' },
  close: { 'zh-CN': '结束会议', en: 'close the meeting' },
  cancel: { 'zh-CN': '取消会议', en: 'cancel the meeting' },
  freeze: { 'zh-CN': '锁定议程', en: 'freeze the agenda' },
  reopen: { 'zh-CN': '重新开放议程', en: 'reopen the agenda' },
  invite: { 'zh-CN': '邀请参会人', en: 'invite attendees' },
  sign_in: { 'zh-CN': '签到', en: 'sign in' },
  note_attendance: { 'zh-CN': '登记到场情况', en: 'note who came' },
  outcome: { 'zh-CN': '记录议题结果', en: 'record an outcome' },
  handle_question: { 'zh-CN': '答复或处理问题', en: 'answer or handle questions' },
};

/** The refusal of a step the meeting's status does not allow, in words (meeting_bad_transition). */
export function meetingStepRefused(from: MeetingStatus, action: MeetingStep): DomainError {
  return new DomainError('meeting_bad_transition', { from, action });
}

/**
 * A meeting entered after it was held (补录) has no notice to publish, nor any to cancel: its
 * recording opens from the draft, once its agenda is written, and closes as any session does.
 */
const RECORD_TRANSITIONS: Partial<Record<MeetingAction, { from: MeetingStatus; to: MeetingStatus }>> = {
  start: { from: 'draft', to: 'in_session' },
  close: TRANSITIONS.close,
};

/** The status a meeting moves to, or a DomainError naming why it cannot (`recorded`: entered after it was held). */
export function nextMeetingStatus(current: MeetingStatus, action: MeetingAction, recorded = false): MeetingStatus {
  const step = recorded ? RECORD_TRANSITIONS[action] : TRANSITIONS[action];
  if (!step) throw new DomainError('meeting_recorded_no_notice');
  if (step.from !== current) throw meetingStepRefused(current, action);
  return step.to;
}

/** How far back a meeting already held may be entered (补录), in days: the minutes are due 3 days after it. */
export const MEETING_RECORD_DAYS = 60;

/**
 * Refuses a recorded meeting's start that is not in the past, or more than MEETING_RECORD_DAYS back.
 * A meeting not yet held is scheduled with its notice instead.
 */
export function assertRecordedStart(startsAt: Date, now: Date): void {
  if (startsAt.getTime() > now.getTime()) throw new DomainError('meeting_recorded_in_future');
  if (now.getTime() - startsAt.getTime() > MEETING_RECORD_DAYS * 24 * 60 * 60_000)
    throw new DomainError('meeting_recorded_too_old', { days: MEETING_RECORD_DAYS });
}

/**
 * When a step of a recorded meeting happened: its session opened at the start entered, and closed at
 * the end entered (start plus duration), or now if that is still to come.
 */
export function recordedStepTime(meeting: { startsAt: string; durationMinutes: number }, action: 'start' | 'close', now: Date): string {
  const start = new Date(meeting.startsAt);
  if (action === 'start') return start.toISOString();
  const end = new Date(start.getTime() + meeting.durationMinutes * 60_000);
  return (end.getTime() < now.getTime() ? end : now).toISOString();
}

/**
 * Who someone is at a compound, as the meeting rules see them: the roles they hold there, and the
 * parties they represent there (their representative grants' parties).
 */
export interface MeetingHats {
  roles: ReadonlySet<Role>;
  parties: ReadonlySet<Party>;
}

/** A member of the meeting's kind: they represent its members' party at the compound. */
export function isMeetingMember(spec: Pick<MeetingKindSpec, 'members'>, parties: ReadonlySet<Party>): boolean {
  return spec.members !== null && parties.has(spec.members.party);
}

/** Runs a meeting of this kind: holds one of its runner roles, or is a member of a kind its members run. */
export function runsMeeting(spec: Pick<MeetingKindSpec, 'runners' | 'members'>, hats: MeetingHats): boolean {
  return spec.runners.some((r) => hats.roles.has(r)) || (spec.members?.run === true && isMeetingMember(spec, hats.parties));
}

/** Edits the agenda (and writes the minutes) of a meeting of this kind: its agenda editors, and its members. */
export function editsMeetingAgenda(spec: Pick<MeetingKindSpec, 'agendaEditors' | 'members'>, hats: MeetingHats): boolean {
  return spec.agendaEditors.some((r) => hats.roles.has(r)) || isMeetingMember(spec, hats.parties);
}

/**
 * Everyone who runs meetings of some kind (a route's role check; the meeting's own kind decides,
 * through its spec's `runners` and members).
 */
export const MEETING_RUNNER_ROLES: readonly Role[] = [
  ...new Set(
    MEETING_KINDS.flatMap((kind) => {
      const spec = meetingKind(kind);
      return spec.members?.run ? [...spec.runners, MEMBER_ROLE] : spec.runners;
    }),
  ),
];

/** Staff who may watch the agenda being edited without changing it. */
export const AGENDA_READERS: readonly Role[] = ['building_head', 'grid_worker'];

/** Staff who record questions, answers and attendance during a session. */
export const MEETING_RECORDERS: readonly Role[] = [
  'subdistrict_committee',
  'community_staff',
  'station_chief',
  'station_deputy',
  'grid_worker',
  'building_head',
];

/** Who raises evening-talk questions: owners and residents, and staff recording them from the floor. */
export const QUESTION_ASKERS: readonly Role[] = ['owner', 'resident', ...MEETING_RECORDERS];

export type AgendaAccess = 'write' | 'read' | 'none';

/** A party code as stored (a representative's grant), or null when none or not one of PARTIES. */
export function partyOrNull(value: string | null): Party | null {
  return PARTIES.find((p) => p === value) ?? null;
}

/** What a person holding `roles` (and representing `parties`) may do with the agenda document of a meeting. */
export function agendaAccess(
  kind: MeetingKind,
  status: MeetingStatus,
  frozen: boolean,
  roles: ReadonlySet<Role>,
  parties: ReadonlySet<Party> = new Set(),
): AgendaAccess {
  const editor = editsMeetingAgenda(meetingKind(kind), { roles, parties });
  const reader = editor || AGENDA_READERS.some((r) => roles.has(r));
  if (!reader) return 'none';
  if (!editor || frozen || status === 'closed' || status === 'cancelled') return 'read';
  return 'write';
}

// ---------------------------------------------------------------------------------------------
// Quorum (a four-party council's: by party)

export const QUORUM_RULES = ['all_parties', 'three_parties'] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];

export interface QuorumResult {
  rule: QuorumRule;
  present: Party[];
  missing: Party[];
  reached: boolean;
}

/**
 * Default: every one of the four parties has at least one representative signed in. A compound may
 * relax it to three parties, but the community side (which convenes) must always be one of them.
 */
export function evaluateQuorum(rule: string, signedInParties: Iterable<Party | null>): QuorumResult {
  const present = new Set<Party>();
  for (const p of signedInParties) if (p) present.add(p);
  const ordered = PARTIES.filter((p) => present.has(p));
  const missing = PARTIES.filter((p) => !present.has(p));
  const effective: QuorumRule = rule === 'three_parties' ? 'three_parties' : 'all_parties';
  const reached = effective === 'all_parties' ? missing.length === 0 : ordered.length >= 3 && present.has('community');
  return { rule: effective, present: ordered, missing, reached };
}

/**
 * The party quorum of a meeting of this kind, or null when its kind has none by party (a kind attended
 * by members counts its members instead: member-rules.ts memberQuorum).
 */
export function meetingQuorum(spec: Pick<MeetingKindSpec, 'quorum'>, compoundRule: string, signedInParties: Iterable<Party | null>): QuorumResult | null {
  return spec.quorum === 'party_rule' ? evaluateQuorum(compoundRule, signedInParties) : null;
}

// ---------------------------------------------------------------------------------------------
// Agenda outcomes

export const OUTCOME_KINDS = ['agreed', 'members_resolved', 'deferred', 'owners_vote', 'action_items'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_LABELS: Record<OutcomeKind, Record<Locale, string>> = {
  agreed: { 'zh-CN': '达成一致', en: 'Agreed' },
  members_resolved: { 'zh-CN': '委员表决', en: "Put to the members' decision" },
  deferred: { 'zh-CN': '暂缓', en: 'Deferred' },
  owners_vote: { 'zh-CN': '提交业主表决', en: "Put to an owners' vote" },
  action_items: { 'zh-CN': '转为整改事项', en: 'Turned into action items' },
};

/**
 * How far an "agreed" outcome reaches: every party present agreed ("all"), some did not ("partial"),
 * or no party signed in, so nobody can say all agreed ("named": only those that agreed are named).
 * The minutes and the meeting page both say "达成一致" only for "all".
 */
export interface Agreement {
  reach: 'all' | 'partial' | 'named';
  agreed: Party[];
  dissent: Party[];
}

export function agreementOf(agreed: Iterable<Party>, present: Iterable<Party | null>): Agreement {
  const agreedSet = new Set(agreed);
  const presentSet = new Set([...present].filter((p): p is Party => p !== null));
  const inOrder = PARTIES.filter((p) => agreedSet.has(p));
  const dissent = PARTIES.filter((p) => presentSet.has(p) && !agreedSet.has(p));
  const reach = presentSet.size === 0 ? 'named' : dissent.length === 0 ? 'all' : 'partial';
  return { reach, agreed: inOrder, dissent };
}

// ---------------------------------------------------------------------------------------------
// Residents' questions (the kinds whose spec has `questions`: the evening talk)

export const QUESTION_STATUSES = ['raised', 'answered', 'listed', 'merged'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, Record<Locale, string>> = {
  raised: { 'zh-CN': '待答复', en: 'waiting for an answer' },
  answered: { 'zh-CN': '已现场答复', en: 'answered on the spot' },
  listed: { 'zh-CN': '已列入问题清单', en: 'listed for follow-up' },
  merged: { 'zh-CN': '已合并', en: 'merged' },
};

export const QUESTION_CATEGORIES = ['environment', 'parking', 'facilities', 'property_service', 'safety', 'neighbourhood', 'other'] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export const QUESTION_CATEGORY_LABELS: Record<QuestionCategory, Record<Locale, string>> = {
  environment: { 'zh-CN': '环境卫生', en: 'Environment' },
  parking: { 'zh-CN': '停车', en: 'Parking' },
  facilities: { 'zh-CN': '设施维修', en: 'Facilities' },
  property_service: { 'zh-CN': '物业服务', en: 'Property service' },
  safety: { 'zh-CN': '安全', en: 'Safety' },
  neighbourhood: { 'zh-CN': '邻里关系', en: 'Neighbours' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export interface QuestionCounts {
  /** Distinct questions raised: a duplicate merged into another is not counted twice. */
  raised: number;
  answered: number;
  listed: number;
  /** Raised but not yet handled. */
  open: number;
  merged: number;
}

export function countQuestions(questions: Iterable<{ status: QuestionStatus }>): QuestionCounts {
  const c: QuestionCounts = { raised: 0, answered: 0, listed: 0, open: 0, merged: 0 };
  for (const q of questions) {
    if (q.status === 'merged') {
      c.merged += 1;
      continue;
    }
    c.raised += 1;
    if (q.status === 'answered') c.answered += 1;
    else if (q.status === 'listed') c.listed += 1;
    else c.open += 1;
  }
  return c;
}

/** Questions are taken before the talk (scheduled) and during it; staff may also record them late. */
export function questionsOpen(status: MeetingStatus): boolean {
  return status === 'scheduled' || status === 'in_session';
}

/**
 * Attendees sign in at the door: from the meeting's day (in China) until the session closes, and at
 * once in a session started early. A sign-in days before would record someone present who was not
 * (and count them towards the quorum).
 */
export function signInOpen(meeting: { status: MeetingStatus; startsAt: string }, now: Date): boolean {
  if (meeting.status === 'in_session') return true;
  return meeting.status === 'scheduled' && chinaDate(now) >= signInDate(meeting);
}

/** The day sign-in opens for a scheduled meeting: its own, in China (YYYY-MM-DD). */
export function signInDate(meeting: { startsAt: string }): string {
  return chinaDate(new Date(meeting.startsAt));
}

/** The most residents a talk's count takes (a worker's count of the room): more is a slip of the thumb. */
export const MAX_RESIDENT_COUNT = 9999;

/**
 * Who came to a meeting open to all (the cadres present by name, the residents by their number) is
 * noted from the meeting's day as at a door, through the session, and may be finished after it
 * closes, as outcomes and answers are: the worker often counts the room once the talk is over.
 */
export function attendanceNoteOpen(meeting: { status: MeetingStatus; startsAt: string }, now: Date): boolean {
  return signInOpen(meeting, now) || meeting.status === 'closed';
}

/** Outcomes and answers are recorded in the session, and may be finished right after it closes. */
export function recordingOpen(status: MeetingStatus): boolean {
  return status === 'in_session' || status === 'closed';
}

/** A question may be answered, listed or merged once, and only while the talk is on (or just after). */
export function assertQuestionHandleable(status: QuestionStatus): void {
  if (status !== 'raised') throw new DomainError('question_closed', { status });
}

/**
 * An answer given on the spot may be corrected (a typo, the wrong official's name) while the talk is
 * on or closed, until its minutes are published: from then on the published text is what counts, and
 * it changes only by a correction of the minutes with its reason.
 */
export function answerCorrectionOpen(status: MeetingStatus, minutesPublished: number): boolean {
  return recordingOpen(status) && minutesPublished === 0;
}

/** Only an answered question has an answer to correct (a listed one is followed up on its action item). */
export function assertAnswerCorrectable(status: QuestionStatus): void {
  if (status !== 'answered') throw new DomainError('question_not_answered', { status });
}
