/**
 * The minutes endpoints: the draft generated from the meeting record, its publication as version 1
 * and corrections as version N+1, the compound's minutes work list, and what the public reads (the
 * board's list, one version, its print page, plain text and PDF). Declared once; the server
 * implements them, the web app calls them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import {
  correctMinutesSchema,
  generatedMinutesSchema,
  minutesHeaderFieldsSchema,
  minutesVersionQuerySchema,
  minutesWorkQuerySchema,
  minutesWorkSchema,
  publicMinutesListQuerySchema,
  publicMinutesListSchema,
  publicMinutesSchema,
  publishMinutesSchema,
  saveMinutesDraftSchema,
  signMinutesSchema,
  staffMinutesSchema,
} from './minutes.schema.js';

const id = z.string().min(1).max(40);
const meetingParams = z.object({ meetingId: id });
const compoundParams = z.object({ compoundId: id });

export const minutesEndpoints = {
  get: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/minutes',
    summary: 'Minutes of a meeting: the draft, every published version, the publication deadline and time left',
    tags: ['minutes'],
    params: meetingParams,
    response: staffMinutesSchema,
  }),
  generate: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/minutes/draft',
    summary: 'Generate the draft from the meeting record (attendance, outcomes, votes, questions, action items)',
    description:
      'Only once the meeting is closed; regenerating replaces the draft text (after publication too, e.g. to add sign-off numbers — published versions change only by a correction).',
    tags: ['minutes'],
    params: meetingParams,
    status: 201,
    response: staffMinutesSchema,
  }),
  generated: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/minutes/generated',
    summary: 'The draft text the meeting record gives now, without saving it (the live editor puts it into the shared document)',
    tags: ['minutes'],
    params: meetingParams,
    response: generatedMinutesSchema,
  }),
  saveDraft: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/minutes/draft',
    summary: 'Save the draft text (the web editor edits the live document minutes-<meetingId> instead)',
    tags: ['minutes'],
    params: meetingParams,
    body: saveMinutesDraftSchema,
    response: staffMinutesSchema,
  }),
  saveHeader: endpoint({
    method: 'put',
    path: '/meetings/:meetingId/minutes/draft/header',
    summary: 'Correct the draft heading: recorder (记录人), issuing body (落款), convener and place',
    description:
      'Before the first publication the heading goes out with version 1; after it, published versions stay as they are and the next correction carries the heading (a correction may change the heading alone). Regenerating the draft keeps these four fields.',
    tags: ['minutes'],
    params: meetingParams,
    body: minutesHeaderFieldsSchema,
    response: staffMinutesSchema,
  }),
  publish: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/minutes/publish',
    summary: 'The convener approves the draft and publishes it as version 1 (immutable from then on)',
    tags: ['minutes'],
    params: meetingParams,
    body: publishMinutesSchema,
    status: 201,
    response: staffMinutesSchema,
  }),
  sign: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/minutes/signature',
    summary: 'A member who attended confirms the draft as it stands (我已核对，确认签字), recorded with the time',
    description:
      "Owners' committee meetings: the minutes are published only once every member who attended has signed the current draft; a changed draft is signed again.",
    tags: ['minutes'],
    params: meetingParams,
    body: signMinutesSchema,
    status: 201,
    response: staffMinutesSchema,
  }),
  correct: endpoint({
    method: 'post',
    path: '/meetings/:meetingId/minutes/corrections',
    summary: 'Publish a correction: version N+1 with its reason; earlier versions stay readable',
    tags: ['minutes'],
    params: meetingParams,
    body: correctMinutesSchema,
    status: 201,
    response: staffMinutesSchema,
  }),
  work: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/minutes',
    summary:
      "The compound's minutes work, a page at a time: each held meeting with its minutes state, deadline and time left (unpublished first, oldest first; then published, newest first)",
    tags: ['minutes'],
    params: compoundParams,
    query: minutesWorkQuerySchema,
    response: minutesWorkSchema,
  }),
  publicList: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/minutes',
    summary:
      'Published minutes of a compound for the notice board, a page of meetings at a time, newest first (latest version of each meeting, with its history)',
    tags: ['minutes', 'public'],
    params: compoundParams,
    query: publicMinutesListQuerySchema,
    response: publicMinutesListSchema,
  }),
  publicVersion: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes',
    summary: 'One published version of the minutes (the latest unless ?version=N), with the list of versions',
    tags: ['minutes', 'public'],
    params: meetingParams,
    query: minutesVersionQuerySchema,
    response: publicMinutesSchema,
  }),
  print: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes/print',
    summary: 'The A4 print page of a published version (HTML, print or save as PDF from any browser)',
    tags: ['minutes', 'public'],
    params: meetingParams,
    query: minutesVersionQuerySchema,
    produces: 'text/html',
  }),
  text: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes.txt',
    summary: 'A published version as plain text, to paste into a WeChat group',
    tags: ['minutes', 'public'],
    params: meetingParams,
    query: minutesVersionQuerySchema,
    produces: 'text/plain',
  }),
  pdf: endpoint({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes.pdf',
    summary: 'A published version as an A4 PDF, rendered by Chromium on the server (503 when Chromium is absent)',
    tags: ['minutes', 'public'],
    params: meetingParams,
    query: minutesVersionQuerySchema,
    produces: 'application/pdf',
  }),
};
