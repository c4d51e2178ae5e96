/** Meetings: councils and evening talks through their life, questions, the hall screen, the public board and calendar. */
import {
  MEETING_ACTIONS,
  MEETING_RECORDERS,
  MEETING_RUNNER_ROLES,
  QUESTION_ASKERS,
  ROLES,
  eveningTalkEndpoints,
  meetingEndpoints,
  publicMeetingEndpoints,
} from '@yishi/core';
import { conditionalBody } from '../http/conditional.js';
import { idempotencyOf } from '../http/idempotency.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import { answerQuestion, correctAnswer, getQuestions, listQuestionForFollowUp, mergeQuestion, submitQuestion } from '../services/evening-talk.service.js';
import { placeOfMeeting } from '../services/meeting-access.js';
import { askQrSvg, hallState, meetingsCalendar, publicMeetings, setHallFocus } from '../services/meeting-board.service.js';
import { addAttendee, removeAttendee, setResidentCount } from '../services/meeting-attendance.service.js';
import {
  buildingsOfMeeting,
  createMeeting,
  freezeAgenda,
  listMeetings,
  reopenAgenda,
  setQuorumRule,
  showMeeting,
  signIn,
  transitionMeeting,
  updateMeetingDetails,
} from '../services/meetings.service.js';
import { recordOutcome } from '../services/meeting-outcomes.service.js';

/** The compound of the meeting named by :meetingId. */
export const meetingFromParams: PlaceLookup<{ meetingId: string }> = ({ db, params }) => placeOfMeeting(db, params.meetingId);

/** Anyone with a role in the meeting's compound. */
const inCompound = rolesAt(ROLES, meetingFromParams);
/** Those who run a meeting of some kind; the service checks the meeting's own kind. */
const runners = rolesAt(MEETING_RUNNER_ROLES, meetingFromParams);
const recorders = rolesAt(MEETING_RECORDERS, meetingFromParams);
const BY_KIND =
  "A four-party council is run by the subdistrict committee or the station chief; an evening talk also by community staff; an owners' committee meeting by its members (the owners' committee's representatives) and community staff or the station chief.";

const TALK_ATTENDANCE =
  'An evening talk: those who run it or edit its agenda (community staff, the station chief and deputies, the subdistrict committee) note who came.';

export const meetingRoutes = [
  defineRoute(meetingEndpoints.settings, {
    access: rolesAt(['subdistrict_committee'], compoundFromParams),
    handler: ({ deps, params, body }) => setQuorumRule(deps, params.compoundId, body.quorumRule),
  }),
  defineRoute(meetingEndpoints.list, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, actor, place, params, query }) => listMeetings(deps, actor, place!, params.compoundId, query),
  }),
  defineRoute(meetingEndpoints.create, {
    access: rolesAt(MEETING_RUNNER_ROLES, compoundFromParams),
    finerAccess: BY_KIND,
    handler: ({ deps, actor, params, body }) => createMeeting(deps, actor, params.compoundId, body),
  }),
  defineRoute(meetingEndpoints.get, {
    access: inCompound,
    finerAccess: 'A draft is shown only to those who run meetings or edit the agenda.',
    handler: ({ deps, actor, params }) => showMeeting(deps, actor, params.meetingId),
  }),
  defineRoute(meetingEndpoints.update, {
    access: runners,
    finerAccess: BY_KIND,
    handler: ({ deps, actor, params, body }) => updateMeetingDetails(deps, actor, params.meetingId, body),
  }),
  ...MEETING_ACTIONS.map((action) =>
    defineRoute(meetingEndpoints[action], {
      access: runners,
      finerAccess: BY_KIND,
      handler: ({ deps, actor, params }) => transitionMeeting(deps, actor, params.meetingId, action),
    }),
  ),
  defineRoute(meetingEndpoints.reopenAgenda, {
    access: runners,
    finerAccess: `${BY_KIND} Reopening: the convener or the subdistrict committee only.`,
    handler: ({ deps, actor, params }) => reopenAgenda(deps, actor, params.meetingId),
  }),
  defineRoute(meetingEndpoints.freezeAgenda, {
    access: runners,
    finerAccess: BY_KIND,
    handler: ({ deps, actor, params }) => freezeAgenda(deps, actor, params.meetingId),
  }),
  defineRoute(meetingEndpoints.addAttendee, {
    access: recorders,
    finerAccess: `A four-party council: its runners invite. ${BY_KIND} ${TALK_ATTENDANCE}`,
    handler: ({ deps, actor, params, body }) => addAttendee(deps, actor, params.meetingId, body),
  }),
  defineRoute(meetingEndpoints.removeAttendee, {
    access: recorders,
    finerAccess: TALK_ATTENDANCE,
    handler: ({ deps, actor, params }) => removeAttendee(deps, actor, params.meetingId, params.attendanceId),
  }),
  defineRoute(meetingEndpoints.setResidentCount, {
    access: recorders,
    finerAccess: TALK_ATTENDANCE,
    handler: ({ deps, actor, params, body }) => setResidentCount(deps, actor, params.meetingId, body.residents),
  }),
  defineRoute(meetingEndpoints.signIn, {
    access: rolesAt([...MEETING_RECORDERS, 'party_rep'], meetingFromParams),
    finerAccess: 'Staff who record the meeting sign anyone in at the door; a representative (or committee member) signs only themself in.',
    handler: ({ deps, actor, params, body }) => signIn(deps, actor, params.meetingId, params.attendanceId, body.present),
  }),
  defineRoute(meetingEndpoints.recordOutcome, {
    access: runners,
    finerAccess: `Councils and owners' committee meetings only. ${BY_KIND}`,
    handler: ({ deps, actor, params, body }) => recordOutcome(deps, actor, params.meetingId, params.itemId, body),
  }),
  defineRoute(meetingEndpoints.buildings, {
    access: inCompound,
    handler: ({ deps, actor, params }) => buildingsOfMeeting(deps, actor, params.meetingId),
  }),
  defineRoute(eveningTalkEndpoints.questions, {
    access: inCompound,
    handler: ({ deps, actor, params, query }) => getQuestions(deps, actor, params.meetingId, query),
  }),
  defineRoute(eveningTalkEndpoints.submit, {
    access: rolesAt(QUESTION_ASKERS, meetingFromParams),
    handler: ({ c, deps, actor, params, body, headers }) =>
      submitQuestion(deps, actor, params.meetingId, body, idempotencyOf(c, eveningTalkEndpoints.submit, headers, body)),
  }),
  defineRoute(eveningTalkEndpoints.answer, {
    access: recorders,
    handler: ({ c, deps, actor, params, body, headers }) =>
      answerQuestion(deps, actor, params.meetingId, params.questionId, body, idempotencyOf(c, eveningTalkEndpoints.answer, headers, body)),
  }),
  defineRoute(eveningTalkEndpoints.correctAnswer, {
    access: recorders,
    finerAccess: 'Evening talks in session or closed, until their minutes are published.',
    handler: ({ c, deps, actor, params, body, headers }) =>
      correctAnswer(deps, actor, params.meetingId, params.questionId, body, idempotencyOf(c, eveningTalkEndpoints.correctAnswer, headers, body)),
  }),
  defineRoute(eveningTalkEndpoints.list, {
    access: recorders,
    handler: ({ c, deps, actor, params, body, headers }) =>
      listQuestionForFollowUp(deps, actor, params.meetingId, params.questionId, body, idempotencyOf(c, eveningTalkEndpoints.list, headers, body)),
  }),
  defineRoute(eveningTalkEndpoints.merge, {
    access: recorders,
    handler: ({ c, deps, actor, params, body, headers }) =>
      mergeQuestion(deps, actor, params.meetingId, params.questionId, body.intoQuestionId, idempotencyOf(c, eveningTalkEndpoints.merge, headers, body)),
  }),
  defineRoute(meetingEndpoints.setHallFocus, {
    access: recorders,
    handler: ({ deps, actor, params, body }) => setHallFocus(deps, actor, params.meetingId, body),
  }),
  defineRoute(publicMeetingEndpoints.hall, {
    access: publicAccess,
    handler: ({ deps, params }) => hallState(deps, params.meetingId),
  }),
  defineRoute(publicMeetingEndpoints.askQr, {
    access: publicAccess,
    handler: async ({ c, deps, params }) =>
      c.body(await askQrSvg(deps, params.meetingId), 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }),
  }),
  defineRoute(publicMeetingEndpoints.board, {
    access: publicAccess,
    handler: ({ deps, params, query }) => publicMeetings(deps, params.compoundId, query),
  }),
  defineRoute(publicMeetingEndpoints.calendar, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => {
      const calendar = await meetingsCalendar(deps, params.compoundId);
      // Calendar apps poll: an ETag and Last-Modified let them get 304 while nothing changed.
      return conditionalBody(c, calendar.text, {
        contentType: 'text/calendar; charset=utf-8',
        cacheControl: 'public, max-age=300',
        lastModified: calendar.lastModified,
        headers: { 'Content-Disposition': `inline; filename="meetings-${params.compoundId}.ics"` },
      });
    },
  }),
];
