import {
  DomainError,
  MEETING_RECORDERS,
  MEETING_RUNNERS,
  QUORUM_RULES,
  ROLES,
  addAttendeeSchema,
  answerQuestionSchema,
  createMeetingSchema,
  hallFocusSchema,
  listQuestionSchema,
  mergeQuestionSchema,
  recordOutcomeSchema,
  submitQuestionSchema,
  updateMeetingSchema,
  type Role,
} from '@yishi/core';
import { z } from 'zod';
import { rolesAt as rolesOfActor } from '../auth/authorize.js';
import { findMeeting, listMeetingsOfCompound } from '../db/repositories/meetings.repository.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import { answerQuestion, getQuestions, listQuestionForFollowUp, mergeQuestion, submitQuestion } from '../services/evening-talk.service.js';
import { hallState, meetingsCalendar, publicMeetings, setHallFocus } from '../services/meeting-board.service.js';
import {
  addAttendee,
  createMeeting,
  freezeAgenda,
  getMeeting,
  meetingSummary,
  recordOutcome,
  reopenAgenda,
  signIn,
  transitionMeeting,
  updateMeetingDetails,
} from '../services/meetings.service.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const meetingParams = z.object({ meetingId: id });
const itemParams = z.object({ meetingId: id, itemId: id });
const attendeeParams = z.object({ meetingId: id, attendanceId: id });
const questionParams = z.object({ meetingId: id, questionId: id });

/** The compound of the meeting named by :meetingId. */
export const meetingFromParams: PlaceLookup<{ meetingId: string }> = async ({ db, params }) => {
  const meeting = await findMeeting(db, params.meetingId);
  return meeting ? findCompoundChain(db, meeting.compound_id) : undefined;
};

const RUNNERS: Role[] = [...new Set([...MEETING_RUNNERS.four_party, ...MEETING_RUNNERS.evening_talk])];
const ASKERS: Role[] = [...new Set<Role>(['owner', 'resident', ...MEETING_RECORDERS])];
/** Anyone with a role in the meeting's compound. */
const inCompound = rolesAt(ROLES, meetingFromParams);
/** Those who run a meeting of some kind; the service checks the meeting's own kind. */
const runners = rolesAt(RUNNERS, meetingFromParams);
const recorders = rolesAt(MEETING_RECORDERS, meetingFromParams);
const BY_KIND = 'A four-party council is run by the subdistrict committee or the station chief; an evening talk also by community staff.';

export const meetingRoutes = [
  defineRoute({
    method: 'put',
    path: '/compounds/:compoundId/meeting-settings',
    summary: 'Set how a four-party council of this compound reaches quorum (all four parties, or three including the community)',
    tags: ['meetings'],
    access: rolesAt(['subdistrict_committee'], compoundFromParams),
    params: compoundParams,
    body: z.object({ quorumRule: z.enum(QUORUM_RULES) }),
    handler: async ({ deps, params, body }) => {
      await deps.db.updateTable('compounds').set({ quorum_rule: body.quorumRule }).where('id', '=', params.compoundId).execute();
      return { quorumRule: body.quorumRule };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/meetings',
    summary: "A compound's meetings, newest first (drafts only for those who run meetings)",
    tags: ['meetings'],
    access: rolesAt(ROLES, compoundFromParams),
    params: compoundParams,
    handler: async ({ deps, actor, place, params }) => {
      const runner = RUNNERS.some((r) => rolesOfActor(actor, place).has(r));
      const rows = await listMeetingsOfCompound(deps.db, params.compoundId, runner ? undefined : ['scheduled', 'in_session', 'closed']);
      return { meetings: rows.map(meetingSummary) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/meetings',
    summary: 'Create a meeting as a draft (four-party councils invite the four parties’ representatives)',
    tags: ['meetings'],
    access: rolesAt(RUNNERS, compoundFromParams),
    finerAccess: BY_KIND,
    params: compoundParams,
    body: createMeetingSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => createMeeting(deps, actor, params.compoundId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/meetings/:meetingId',
    summary: 'A meeting: details, frozen agenda with outcomes, attendance and quorum, question counts, what I may do',
    tags: ['meetings'],
    access: inCompound,
    finerAccess: 'A draft is shown only to those who run meetings or edit the agenda.',
    params: meetingParams,
    handler: async ({ deps, actor, params }) => {
      const view = await getMeeting(deps, actor, params.meetingId);
      if (view.meeting.status === 'draft' && !view.permissions.run && view.permissions.agenda === 'none') throw new DomainError('meeting_not_found');
      return view;
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/meetings/:meetingId',
    summary: 'Change title, time or place (before the meeting starts)',
    tags: ['meetings'],
    access: runners,
    finerAccess: BY_KIND,
    params: meetingParams,
    body: updateMeetingSchema,
    handler: ({ deps, actor, params, body }) => updateMeetingDetails(deps, actor, params.meetingId, body),
  }),
  ...(['schedule', 'start', 'close'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/meetings/:meetingId/${action}`,
      summary:
        action === 'schedule'
          ? 'Publish the notice: draft → scheduled (shown on the public board and in the calendar feed)'
          : action === 'start'
            ? 'Open the session: scheduled → in session; freezes the agenda into rows with stable ids'
            : 'Close the session: in session → closed',
      tags: ['meetings'],
      access: runners,
      finerAccess: BY_KIND,
      params: meetingParams,
      handler: ({ deps, actor, params }) => transitionMeeting(deps, actor, params.meetingId, action),
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/agenda/reopen',
    summary: 'Reopen a frozen agenda for editing (the convener only)',
    tags: ['meetings'],
    access: runners,
    finerAccess: `${BY_KIND} Reopening: the convener or the subdistrict committee only.`,
    params: meetingParams,
    handler: ({ deps, actor, params }) => reopenAgenda(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/agenda/freeze',
    summary: 'Freeze a reopened agenda again (rewrites the agenda rows, keeping item ids)',
    tags: ['meetings'],
    access: runners,
    finerAccess: BY_KIND,
    params: meetingParams,
    handler: ({ deps, actor, params }) => freezeAgenda(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/attendance',
    summary: 'Invite one more attendee to a four-party council',
    tags: ['meetings'],
    access: runners,
    finerAccess: `Four-party councils only. ${BY_KIND}`,
    params: meetingParams,
    body: addAttendeeSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => addAttendee(deps, actor, params.meetingId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/attendance/:attendanceId/sign-in',
    summary: 'Sign an attendee in (staff, or the representative themself); body {present:false} undoes it',
    tags: ['meetings'],
    access: rolesAt([...MEETING_RECORDERS, 'party_rep'], meetingFromParams),
    finerAccess: 'Staff who record the meeting sign anyone in; a representative signs only themself in.',
    params: attendeeParams,
    body: z.object({ present: z.boolean().default(true) }),
    handler: ({ deps, actor, params, body }) => signIn(deps, actor, params.meetingId, params.attendanceId, body.present),
  }),
  defineRoute({
    method: 'put',
    path: '/meetings/:meetingId/agenda-items/:itemId/outcome',
    summary: 'Record the outcome of an agenda item: agreed (by which parties), deferred, owners’ vote, or action items',
    tags: ['meetings'],
    access: runners,
    finerAccess: `Four-party councils only. ${BY_KIND}`,
    params: itemParams,
    body: recordOutcomeSchema,
    handler: ({ deps, actor, params, body }) => recordOutcome(deps, actor, params.meetingId, params.itemId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/meetings/:meetingId/questions',
    summary: 'Questions of an evening talk with the live counts (raised / answered / listed)',
    tags: ['evening talks'],
    access: inCompound,
    params: meetingParams,
    handler: ({ deps, actor, params }) => getQuestions(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/questions',
    summary: 'Raise a question (residents before or during the talk; staff record questions from the floor)',
    tags: ['evening talks'],
    access: rolesAt(ASKERS, meetingFromParams),
    params: meetingParams,
    body: submitQuestionSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => submitQuestion(deps, actor, params.meetingId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/answer',
    summary: 'Record an answer given on the spot',
    tags: ['evening talks'],
    access: recorders,
    params: questionParams,
    body: answerQuestionSchema,
    handler: ({ deps, actor, params, body }) => answerQuestion(deps, actor, params.meetingId, params.questionId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/list',
    summary: 'Put a question on the question list: it becomes an action item (due in 5 working days)',
    tags: ['evening talks'],
    access: recorders,
    params: questionParams,
    body: listQuestionSchema,
    handler: ({ deps, actor, params, body }) => listQuestionForFollowUp(deps, actor, params.meetingId, params.questionId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/questions/:questionId/merge',
    summary: 'Merge a question into a duplicate raised earlier',
    tags: ['evening talks'],
    access: recorders,
    params: questionParams,
    body: mergeQuestionSchema,
    handler: ({ deps, actor, params, body }) => mergeQuestion(deps, actor, params.meetingId, params.questionId, body.intoQuestionId),
  }),
  defineRoute({
    method: 'put',
    path: '/meetings/:meetingId/hall',
    summary: 'Choose what the hall screen shows: an agenda item or a question',
    tags: ['meetings'],
    access: recorders,
    params: meetingParams,
    body: hallFocusSchema,
    handler: ({ deps, actor, params, body }) => setHallFocus(deps, actor, params.meetingId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/public/meetings/:meetingId/hall',
    summary: 'Hall screen state (public; the projector page polls it every few seconds)',
    tags: ['public'],
    access: publicAccess,
    params: meetingParams,
    handler: ({ deps, params }) => hallState(deps, params.meetingId),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/meetings',
    summary: 'Meeting notices for the public board: upcoming (time, place, topics) and recently closed',
    tags: ['public'],
    access: publicAccess,
    params: compoundParams,
    handler: ({ deps, params }) => publicMeetings(deps, params.compoundId),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/meetings.ics',
    summary: "iCalendar feed of a compound's scheduled meetings",
    tags: ['public'],
    access: publicAccess,
    params: compoundParams,
    produces: 'text/calendar',
    handler: async ({ c, deps, params }) => {
      const body = await meetingsCalendar(deps, params.compoundId);
      c.header('Content-Type', 'text/calendar; charset=utf-8');
      c.header('Content-Disposition', `inline; filename="meetings-${params.compoundId}.ics"`);
      return c.body(body);
    },
  }),
];
