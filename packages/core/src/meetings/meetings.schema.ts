/**
 * The meetings API's shapes: input schemas shared by the server (validation) and the web app
 * (forms), and the response schemas the server's answers are checked against and the web app reads.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { DEFAULT_DEADLINE_WORKDAYS } from '../action-items/action-items.js';
import { deadlineWorkdaysSchema, responsibleUnitSchema } from '../action-items/action-items.schema.js';
import { PARTIES } from '../roles/roles.js';
import { MEETING_KINDS } from './meeting-kinds.js';
import { MAX_RESIDENT_COUNT, MEETING_STATUSES, OUTCOME_KINDS, QUESTION_CATEGORIES, QUESTION_STATUSES, QUORUM_RULES } from './meetings.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const createMeetingSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  title: z.string().trim().min(1).max(100),
  startsAt: isoDateTime,
  durationMinutes: z.number().int().min(15).max(600).default(120),
  place: z.string().trim().min(1).max(100),
  /**
   * A meeting already held, entered afterwards (补录): its start is in the past (within
   * MEETING_RECORD_DAYS), it sends no notice, and its session's times are the ones entered.
   */
  recorded: z.boolean().default(false),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const updateMeetingSchema = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  startsAt: isoDateTime.optional(),
  durationMinutes: z.number().int().min(15).max(600).optional(),
  place: z.string().trim().min(1).max(100).optional(),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

/**
 * One more attendee: invited to a council, or (a meeting open to all) a cadre noted as present.
 * `present`: a council's attendee who came without an invitation (the station chief for the
 * community, a visiting department official) is invited and signed in at once, from the meeting's day.
 */
export const addAttendeeSchema = z.object({
  name: z.string().trim().min(1, { message: 'attendee_name_required' }).max(40, { message: 'attendee_name_too_long' }),
  party: z.enum(PARTIES).nullable().default(null),
  organisation: z.string().trim().max(60, { message: 'attendee_organisation_too_long' }).default(''),
  present: z.boolean().default(false),
});
export type AddAttendeeInput = z.infer<typeof addAttendeeSchema>;

/**
 * How many residents came to a meeting open to all, as the worker counted the room (they are not
 * signed in one by one); null: not counted, which the minutes say.
 */
export const residentCountSchema = z.object({
  residents: z
    .number({ message: 'resident_count_invalid' })
    .int({ message: 'resident_count_invalid' })
    .min(0, { message: 'resident_count_invalid' })
    .max(MAX_RESIDENT_COUNT, { message: 'resident_count_too_large' })
    .nullable(),
});
export type ResidentCountInput = z.infer<typeof residentCountSchema>;

export const recordOutcomeSchema = z
  .object({
    outcome: z.enum(OUTCOME_KINDS),
    agreedParties: z.array(z.enum(PARTIES)).max(4).default([]),
    /** A members' decision: the attendance ids of the members present who agreed (the rest did not). */
    agreedMembers: z.array(z.string().min(1).max(40)).max(100).default([]),
    note: z.string().trim().max(2000).default(''),
    responsibleUnit: z.string().trim().max(60).optional(),
  })
  .refine((v) => v.outcome !== 'agreed' || v.agreedParties.length > 0, { message: 'outcome_needs_parties', path: ['agreedParties'] });
export type RecordOutcomeInput = z.infer<typeof recordOutcomeSchema>;

export const submitQuestionSchema = z.object({
  text: z.string().trim().min(2, 'question_text_required').max(1000),
  /** Chosen by the asker: no default, so a question is never filed under a category nobody picked. */
  category: z.enum(QUESTION_CATEGORIES, { message: 'question_category_required' }),
  buildingId: z.string().min(1).max(40).nullable().default(null),
  /** Shown to the public as "anonymous"; staff still see nothing of who asked. */
  anonymous: z.boolean().default(false),
  /** Staff recording a question from the floor: the asker as they gave it ("3栋 李阿姨"). */
  askerName: z.string().trim().max(40).optional(),
});
export type SubmitQuestionInput = z.infer<typeof submitQuestionSchema>;

export const answerQuestionSchema = z.object({
  answer: z.string().trim().min(1).max(2000),
  /** The official who answered, as said in the hall ("区住建局 黄伟"). */
  answeredByName: z.string().trim().min(1).max(60),
});
export type AnswerQuestionInput = z.infer<typeof answerQuestionSchema>;

export const listQuestionSchema = z.object({
  measures: z.string().trim().max(2000).default(''),
  /** The same codes as an action item's (a party, or `department:<name>`): the question becomes one. */
  responsibleUnit: responsibleUnitSchema.optional(),
  /** The working days the action item is due in (5个工作日内 unless the worker gives another). */
  deadlineWorkdays: deadlineWorkdaysSchema.default(DEFAULT_DEADLINE_WORKDAYS),
  /**
   * The day (in China) the worker listed it, which the working days count from: a listing made with no
   * signal reaches the server later (the web's outbox). Counted from the day it arrives when absent,
   * in the future, or before the meeting was arranged (core's deadlineCountsFrom).
   */
  listedOn: z.iso.date().optional(),
});
export type ListQuestionInput = z.infer<typeof listQuestionSchema>;

export const mergeQuestionSchema = z.object({ intoQuestionId: z.string().min(1).max(40) });

export const meetingSettingsSchema = z.object({ quorumRule: z.enum(QUORUM_RULES) });
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

/** Signing an attendee in; `{ present: false }` undoes it. */
export const signInSchema = z.object({ present: z.boolean().default(true) });

export const hallFocusSchema = z.object({
  agendaItemId: z.string().min(1).max(40).nullable().default(null),
  questionId: z.string().min(1).max(40).nullable().default(null),
});

// ---------------------------------------------------------------------------------------------
// Answers

const isoTimestamp = z.string();
const party = z.enum(PARTIES);
const count = z.number().int().min(0);

/** A decision of a kind attended by members: how many agreed of all the members, how many it needs, passed. */
export const memberDecisionSchema = z.object({ agreed: count, members: count, needed: count, passed: z.boolean() });
/** The quorum of a kind attended by members: more than half of all of them signed in. */
export const memberQuorumSchema = z.object({ members: count, present: count, needed: count, reached: z.boolean() });

export const meetingSummarySchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: isoTimestamp,
  durationMinutes: z.number().int(),
  place: z.string(),
  status: z.enum(MEETING_STATUSES),
  agendaFrozenAt: isoTimestamp.nullable(),
  /** The live agenda's Yjs document (`agenda-<id>`). */
  documentName: z.string(),
  /** When the session was opened and closed: the meeting as held, which may differ from `startsAt` (see held-times.ts). */
  startedAt: isoTimestamp.nullable(),
  closedAt: isoTimestamp.nullable(),
  /** Entered after it was held (补录): no notice went out; held at the times entered. */
  recorded: z.boolean(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

/** A page of a compound's meetings, newest first by start (the id breaks ties). */
export const meetingListSchema = pageSchema(meetingSummarySchema);
export const meetingListQuerySchema = pageQuerySchema();

/** A frozen agenda item with its outcome. `party` is '' when no party presents it. */
export const agendaItemViewSchema = z.object({
  id: z.string(),
  docItemId: z.string(),
  position: z.number().int(),
  title: z.string(),
  party: z.union([party, z.literal('')]),
  minutes: z.number().int(),
  notes: z.string(),
  links: z.array(z.string()),
  outcome: z.enum(OUTCOME_KINDS).nullable(),
  agreedParties: z.array(party),
  /** A members' decision: the attendance ids of the members who agreed. */
  agreedMembers: z.array(z.string()),
  /** A members' decision counted against ALL the members (member-rules.ts memberDecision); null for other outcomes. */
  decision: memberDecisionSchema.nullable(),
  outcomeNote: z.string(),
  actionItemId: z.string().nullable(),
});
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;

export const attendanceViewSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  party: party.nullable(),
  organisation: z.string(),
  invited: z.boolean(),
  signedInAt: isoTimestamp.nullable(),
});
export type AttendanceView = z.infer<typeof attendanceViewSchema>;

export const quorumSchema = z.object({ rule: z.enum(QUORUM_RULES), present: z.array(party), missing: z.array(party), reached: z.boolean() });
export const questionCountsSchema = z.object({ raised: count, answered: count, listed: count, open: count, merged: count });

export const meetingViewSchema = z.object({
  meeting: meetingSummarySchema.extend({
    compoundName: z.string(),
    /** What the hall screen shows now. */
    hall: z.object({ agendaItemId: z.string().nullable(), questionId: z.string().nullable() }),
  }),
  agendaItems: z.array(agendaItemViewSchema),
  /**
   * Four-party councils: the invited and who signed in; owners' committee meetings: the members; a
   * meeting open to all (an evening talk): the cadres and staff noted as present (not invited).
   */
  attendance: z.array(attendanceViewSchema),
  /** A meeting open to all: how many residents came, as counted (null: not counted); null for the other kinds too. */
  residentCount: count.nullable(),
  quorum: quorumSchema.nullable(),
  /** A kind attended by members: more than half of all the members signed in. */
  memberQuorum: memberQuorumSchema.nullable(),
  /**
   * A kind whose attending members sign the minutes, once held: each one, and when they signed the
   * minutes (the published text, or the draft as it stands; null: not yet).
   */
  minutesSignatures: z.array(z.object({ name: z.string(), signedAt: isoTimestamp.nullable(), stale: z.boolean() })).nullable(),
  questionCounts: questionCountsSchema.nullable(),
  /**
   * How many versions of the minutes are published (0 before). After the first, a change to the
   * outcomes or answers does not reach the published text: that takes a correction.
   */
  minutesPublished: z.number().int().min(0),
  /**
   * What the caller may do: run the meeting, record attendance and questions, edit the agenda, ask;
   * `attendance`: note who came to a meeting open to all (the cadres by name, the residents' count),
   * for its runners and agenda editors (a kind that signs people in has `record` for that).
   */
  permissions: z.object({
    run: z.boolean(),
    record: z.boolean(),
    agenda: z.enum(['write', 'read', 'none']),
    ask: z.boolean(),
    attendance: z.boolean(),
  }),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

export const outcomeRecordedSchema = z.object({ item: agendaItemViewSchema });

export const meetingBuildingsSchema = z.object({ buildings: z.array(z.object({ id: z.string(), name: z.string() })) });
export type MeetingBuilding = z.infer<typeof meetingBuildingsSchema>['buildings'][number];

export const questionViewSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(QUESTION_STATUSES),
  anonymous: z.boolean(),
  /** Staff see the name; others only its first character; null when anonymous or unknown. */
  askerName: z.string().nullable(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  category: z.enum(QUESTION_CATEGORIES),
  text: z.string(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  /** When the answer (its words or who gave it) was last corrected after it was recorded; null if never. */
  answerCorrectedAt: isoTimestamp.nullable(),
  measures: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  actionItemId: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type QuestionView = z.infer<typeof questionViewSchema>;

/** A page of an evening talk's questions in the order raised (by number), with the counts of all of them. */
export const questionListSchema = pageSchema(questionViewSchema).extend({ counts: questionCountsSchema });
export type QuestionList = z.infer<typeof questionListSchema>;
export const questionListQuerySchema = pageQuerySchema(100);
/** A question is in: its number (as read out in the hall and shown to the asker) and the new counts. */
export const questionSubmittedSchema = z.object({ id: z.string(), number: z.number().int().min(1), counts: questionCountsSchema });
export const questionHandledSchema = z.object({ counts: questionCountsSchema });
export const questionListedSchema = z.object({ actionItemId: z.string(), counts: questionCountsSchema });

/** What the hall screen shows: an agenda item, a question, or nothing yet. */
export const hallCurrentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agenda_item'),
    position: z.number().int(),
    title: z.string(),
    party: z.union([party, z.literal('')]),
    minutes: z.number().int(),
    outcome: z.enum(OUTCOME_KINDS).nullable(),
  }),
  z.object({
    kind: z.literal('question'),
    number: z.number().int(),
    text: z.string(),
    category: z.enum(QUESTION_CATEGORIES),
    status: z.enum(QUESTION_STATUSES),
    answer: z.string().nullable(),
    answeredByName: z.string().nullable(),
  }),
]);

export const hallStateSchema = z.object({
  meeting: meetingSummarySchema.extend({ compoundName: z.string() }),
  current: hallCurrentSchema.nullable(),
  agenda: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string(), outcome: z.enum(OUTCOME_KINDS).nullable() })),
  questionCounts: questionCountsSchema.nullable(),
  quorum: quorumSchema.nullable(),
  updatedAt: isoTimestamp,
});
export type HallState = z.infer<typeof hallStateSchema>;

/** A meeting on the public board: the notice's topics, and an evening talk's figures. */
export const boardMeetingSchema = meetingSummarySchema.extend({ topics: z.array(z.string()), questionCounts: questionCountsSchema.nullable() });
export type BoardMeeting = z.infer<typeof boardMeetingSchema>;

/** The board's meetings: a page of the upcoming ones (items), soonest first, and the five last held (recent). */
export const publicMeetingsSchema = pageSchema(boardMeetingSchema).extend({
  compound: z.object({ id: z.string(), name: z.string() }),
  recent: z.array(boardMeetingSchema),
  calendarUrl: z.string(),
});
export type PublicMeetings = z.infer<typeof publicMeetingsSchema>;
export const publicMeetingsQuerySchema = pageQuerySchema(20);
