/**
 * The meetings endpoints: four-party councils and evening talks through their life (create,
 * schedule, open, close, the frozen agenda and its outcomes, sign-in), evening-talk questions, the
 * hall screen, and what the public board and calendars read. Declared once; the server implements
 * them, the web app calls them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { idempotentHeaders } from '../contract/idempotency.js';
import type { MeetingAction } from './meetings.js';
import {
  addAttendeeSchema,
  answerQuestionSchema,
  createMeetingSchema,
  hallFocusSchema,
  hallStateSchema,
  listQuestionSchema,
  meetingBuildingsSchema,
  meetingListQuerySchema,
  meetingListSchema,
  meetingSettingsSchema,
  meetingViewSchema,
  mergeQuestionSchema,
  outcomeRecordedSchema,
  publicMeetingsQuerySchema,
  publicMeetingsSchema,
  questionHandledSchema,
  questionListedSchema,
  questionListQuerySchema,
  questionListSchema,
  questionSubmittedSchema,
  recordOutcomeSchema,
  residentCountSchema,
  signInSchema,
  submitQuestionSchema,
  updateMeetingSchema,
} from './meetings.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const meetingParams = z.object({ meetingId: id });
const questionParams = z.object({ meetingId: id, questionId: id });

/** A lifecycle step: it answers the meeting as it is afterwards. */
function stepEndpoint<A extends MeetingAction>(action: A, summary: string) {
  return endpoint({
    method: 'post',
    path: `/meetings/:meetingId/${action}` as const,
    summary,
    tags: ['meetings'],
    params: meetingParams,
    response: meetingViewSchema,
  });
}

export const meetingEndpoints = {
  settings: endpoint({
    method: 'put',
    path: '/compounds/:compoundId/meeting-settings',
    summary: 'Set how a four-party council of this compound reaches quorum (all four parties, or three including the community)',
    tags: ['meetings'],
    params: compoundParams,
    body: meetingSettingsSchema,
    response: meetingSettingsSchema,
  }),
  list: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/meetings',
    summary: "A compound's meetings, a page at a time, newest first (drafts only for those who run meetings)",
    tags: ['meetings'],
    params: compoundParams,
    query: meetingListQuerySchema,
    response: meetingListSchema,
  }),
  create: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/meetings',
    summary: 'Create a meeting as a draft (four-party councils invite the four parties’ representatives)',
    tags: ['meetings'],
    params: compoundParams,
    body: createMeetingSchema,
    status: 201,
    response: meetingViewSchema,
  }),
  get: endpoint({
    method: 'get',
    path: '/meetings/:meetingId',
    summary: 'A meeting: details, frozen agenda with outcomes, attendance and quorum, question counts, what I may do',
    tags: ['meetings'],
    params: meetingParams,
    response: meetingViewSchema,
  }),
  update: endpoint({
    method: 'patch',
    path: '/meetings/:meetingId',
    summary: 'Change title, time or place (before the meeting starts)',
    tags: ['meetings'],
    params: meetingParams,
    body: updateMeetingSchema,
    response: meetingViewSchema,
  }),
  schedule: stepEndpoint('schedule', 'Publish the notice: draft → scheduled (shown on the public board and in the calendar feed)'),
  start: stepEndpoint('start', 'Open the session: scheduled → in session; freezes the agenda into rows with stable ids'),
  close: stepEndpoint('close', 'Close the session: in session → closed'),
  cancel: stepEndpoint(
    'cancel',
    'Cancel a meeting whose notice is out: scheduled → cancelled (it stays on the board and in the calendar feed, marked cancelled)',
  ),
  reopenAgenda: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/agenda/reopen',
    summary: 'Reopen a frozen agenda for editing (the convener only)',
    tags: ['meetings'],
    params: meetingParams,
    response: meetingViewSchema,
  }),
  freezeAgenda: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/agenda/freeze',
    summary: 'Freeze a reopened agenda again (rewrites the agenda rows, keeping item ids)',
    tags: ['meetings'],
    params: meetingParams,
    response: meetingViewSchema,
  }),
  addAttendee: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/attendance',
    summary: 'Invite one more attendee to a four-party council, or note a cadre present at an evening talk',
    description:
      "A four-party council: the attendee is invited and signs in at the door; with `present: true`, one who came without an invitation is invited and signed in at once (from the meeting's day: 409 meeting_sign_in_not_yet before it). The same name, party and organisation twice: 409 attendee_already_invited. An evening talk (open to all, nobody signs in one by one): the cadre or department staff member is noted as present, from the day of the talk until after it closes (409 meeting_attendance_not_yet before its day).",
    tags: ['meetings'],
    params: meetingParams,
    body: addAttendeeSchema,
    status: 201,
    response: meetingViewSchema,
  }),
  removeAttendee: endpoint({
    method: 'delete',
    path: '/meetings/:meetingId/attendance/:attendanceId',
    summary: 'Take back a cadre noted as present at an evening talk by mistake',
    description: 'Evening talks only: the invited of a council or the members of a committee are signed out instead (sign-in with present:false).',
    tags: ['meetings'],
    params: z.object({ meetingId: id, attendanceId: id }),
    response: meetingViewSchema,
  }),
  setResidentCount: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/resident-count',
    summary: 'Note how many residents came to an evening talk (they are counted, not signed in one by one); null: not counted',
    description:
      'From the day of the talk until after it closes. A count that is not 0 or a whole number up to 9999 is refused (400, said in words under `residents`). The minutes say it as 居民群众约 N 人参加.',
    tags: ['meetings'],
    params: meetingParams,
    body: residentCountSchema,
    response: meetingViewSchema,
  }),
  signIn: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/attendance/:attendanceId/sign-in',
    summary: 'Sign an attendee in (staff, or the representative themself); body {present:false} undoes it',
    tags: ['meetings'],
    params: z.object({ meetingId: id, attendanceId: id }),
    body: signInSchema,
    response: meetingViewSchema,
  }),
  recordOutcome: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/agenda-items/:itemId/outcome',
    summary: 'Record the outcome of an agenda item: agreed (by which parties), deferred, owners’ vote, or action items',
    tags: ['meetings'],
    params: z.object({ meetingId: id, itemId: id }),
    body: recordOutcomeSchema,
    response: outcomeRecordedSchema,
  }),
  buildings: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/buildings',
    summary: "The buildings of the meeting's compound, for the question form",
    tags: ['meetings'],
    params: meetingParams,
    response: meetingBuildingsSchema,
  }),
  setHallFocus: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/hall',
    summary: 'Choose what the hall screen shows: an agenda item or a question',
    tags: ['meetings'],
    params: meetingParams,
    body: hallFocusSchema,
    response: hallStateSchema,
  }),
};

export const eveningTalkEndpoints = {
  questions: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/questions',
    summary: 'Questions of an evening talk, a page at a time in the order raised, with the live counts of all (raised / answered / listed)',
    tags: ['evening talks'],
    params: meetingParams,
    query: questionListQuerySchema,
    response: questionListSchema,
  }),
  submit: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/questions',
    summary: 'Raise a question (residents before or during the talk; staff record questions from the floor)',
    tags: ['evening talks'],
    params: meetingParams,
    body: submitQuestionSchema,
    headers: idempotentHeaders,
    status: 201,
    response: questionSubmittedSchema,
  }),
  answer: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/answer',
    summary: 'Record an answer given on the spot',
    tags: ['evening talks'],
    params: questionParams,
    body: answerQuestionSchema,
    headers: idempotentHeaders,
    response: questionHandledSchema,
  }),
  correctAnswer: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/questions/:questionId/answer',
    summary:
      'Correct an answer given on the spot (its words and who gave it): while the talk is on or after it closed, until its minutes are published (then the minutes are corrected instead). The time of the correction is kept.',
    tags: ['evening talks'],
    params: questionParams,
    body: answerQuestionSchema,
    headers: idempotentHeaders,
    response: questionHandledSchema,
  }),
  list: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/list',
    summary: 'Put a question on the question list: it becomes an action item, due in the working days given (5 unless chosen, 1 to 60)',
    tags: ['evening talks'],
    params: questionParams,
    body: listQuestionSchema,
    headers: idempotentHeaders,
    response: questionListedSchema,
  }),
  merge: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/merge',
    summary: 'Merge a question into a duplicate raised earlier',
    tags: ['evening talks'],
    params: questionParams,
    body: mergeQuestionSchema,
    headers: idempotentHeaders,
    response: questionHandledSchema,
  }),
};

export const publicMeetingEndpoints = {
  hall: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/hall',
    summary: 'Hall screen state (public; the projector page polls it every few seconds)',
    tags: ['public'],
    params: meetingParams,
    response: hallStateSchema,
  }),
  askQr: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/ask-qr.svg',
    summary: "QR code (SVG) of an evening talk's question page, for the notice board and the hall screen",
    tags: ['public'],
    params: meetingParams,
    produces: 'image/svg+xml',
  }),
  board: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/meetings',
    summary: 'Meeting notices for the public board: a page of the upcoming ones, soonest first (time, place, topics), and the five last held',
    tags: ['public'],
    params: compoundParams,
    query: publicMeetingsQuerySchema,
    response: publicMeetingsSchema,
  }),
  calendar: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/meetings.ics',
    summary: "iCalendar feed of a compound's scheduled meetings",
    tags: ['public'],
    params: compoundParams,
    produces: 'text/calendar',
  }),
};
