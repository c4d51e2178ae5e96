import { DomainError, correctMinutesSchema, minutesPlainText, publishMinutesSchema, saveMinutesDraftSchema, type Role } from '@yishi/core';
import { z } from 'zod';
import { findMeeting } from '../db/repositories/meetings.repository.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import type { PlaceLookup } from '../http/route.js';
import { defineRoute, publicAccess, rolesAt } from '../http/route.js';
import { renderPdf } from '../services/minutes-pdf.service.js';
import { renderMinutesPrintHtml } from '../services/minutes-print.js';
import {
  correctMinutes,
  generateMinutes,
  getMinutes,
  getPublicMinutesVersion,
  listCompoundMinutesWork,
  listPublicMinutes,
  previewGeneratedMinutes,
  publishMinutes,
  saveMinutesDraft,
} from '../services/minutes.service.js';

const meetingParams = z.object({ meetingId: z.string().min(1).max(40) });
const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(10_000).optional() });

/** The compound of the meeting named by :meetingId. */
const meetingPlace: PlaceLookup<{ meetingId: string }> = async ({ db, params }) => {
  const meeting = await findMeeting(db, params.meetingId);
  return meeting ? findCompoundChain(db, meeting.compound_id) : undefined;
};

/** Secretary, committee and convener of either kind of meeting; the service checks the kind's own list. */
const MINUTES_STAFF: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'party_rep'];

const WRITERS_RULE =
  "Writers are the meeting's agenda editors: for a four-party council also the four parties' representatives, for an evening talk only community staff and the station team.";
const PUBLISHERS_RULE =
  'Only the convener side publishes and corrects: the subdistrict party committee or the station chief (for an evening talk also community staff).';

/** Published minutes exist only for meetings of a real compound; a public read of an unknown one is 404. */
async function publicVersion(db: Parameters<typeof getPublicMinutesVersion>[0], meetingId: string, version?: number) {
  if (!(await findMeeting(db, meetingId))) throw new DomainError('minutes_not_found');
  return getPublicMinutesVersion(db, meetingId, version);
}

export const minutesRoutes = [
  defineRoute({
    method: 'get',
    path: '/meetings/:meetingId/minutes',
    summary: 'Minutes of a meeting: the draft, every published version, the publication deadline and time left',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: WRITERS_RULE,
    params: meetingParams,
    handler: ({ deps, actor, params }) => getMinutes(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/minutes/draft',
    summary: 'Generate the draft from the meeting record (attendance, outcomes, votes, questions, action items)',
    description: 'Only once the meeting is closed; regenerating replaces the draft text (after publication too, e.g. to add sign-off numbers — published versions change only by a correction).',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: WRITERS_RULE,
    params: meetingParams,
    status: 201,
    handler: ({ deps, actor, params }) => generateMinutes(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'get',
    path: '/meetings/:meetingId/minutes/generated',
    summary: 'The draft text the meeting record gives now, without saving it (the live editor puts it into the shared document)',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: WRITERS_RULE,
    params: meetingParams,
    handler: ({ deps, actor, params }) => previewGeneratedMinutes(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'put',
    path: '/meetings/:meetingId/minutes/draft',
    summary: 'Save the draft text (the web editor edits the live document minutes-<meetingId> instead)',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: WRITERS_RULE,
    params: meetingParams,
    body: saveMinutesDraftSchema,
    handler: ({ deps, actor, params, body }) => saveMinutesDraft(deps, actor, params.meetingId, body.body),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/minutes/publish',
    summary: 'The convener approves the draft and publishes it as version 1 (immutable from then on)',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: PUBLISHERS_RULE,
    params: meetingParams,
    body: publishMinutesSchema,
    status: 201,
    handler: ({ deps, actor, params }) => publishMinutes(deps, actor, params.meetingId),
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/:meetingId/minutes/corrections',
    summary: 'Publish a correction: version N+1 with its reason; earlier versions stay readable',
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, meetingPlace),
    finerAccess: PUBLISHERS_RULE,
    params: meetingParams,
    body: correctMinutesSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => correctMinutes(deps, actor, params.meetingId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/minutes',
    summary: "The compound's minutes work: every held meeting with its minutes state, deadline and time left (overdue first)",
    tags: ['minutes'],
    access: rolesAt(MINUTES_STAFF, compoundFromParams),
    params: compoundParams,
    handler: ({ deps, params }) => listCompoundMinutesWork(deps, params.compoundId),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/minutes',
    summary: 'Published minutes of a compound for the notice board (latest version of each meeting, with its history)',
    tags: ['minutes', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: async ({ c, deps, params }) => {
      if (!(await findCompoundChain(deps.db, params.compoundId))) throw new DomainError('compound_not_found');
      c.header('Cache-Control', 'public, max-age=60');
      return { minutes: await listPublicMinutes(deps.db, params.compoundId) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes',
    summary: 'One published version of the minutes (the latest unless ?version=N), with the list of versions',
    tags: ['minutes', 'public'],
    access: publicAccess,
    params: meetingParams,
    query: versionQuery,
    handler: ({ deps, params, query }) => publicVersion(deps.db, params.meetingId, query.version),
  }),
  defineRoute({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes/print',
    summary: 'The A4 print page of a published version (HTML, print or save as PDF from any browser)',
    tags: ['minutes', 'public'],
    access: publicAccess,
    params: meetingParams,
    query: versionQuery,
    produces: 'text/html',
    handler: async ({ c, deps, params, query }) => c.html(renderMinutesPrintHtml(await publicVersion(deps.db, params.meetingId, query.version))),
  }),
  defineRoute({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes.txt',
    summary: 'A published version as plain text, to paste into a WeChat group',
    tags: ['minutes', 'public'],
    access: publicAccess,
    params: meetingParams,
    query: versionQuery,
    produces: 'text/plain',
    handler: async ({ c, deps, params, query }) => {
      const v = await publicVersion(deps.db, params.meetingId, query.version);
      const footer = [`第 ${v.version} 版${v.reason ? `（更正原因：${v.reason}）` : ''}`];
      return c.text(minutesPlainText(v.header, v.body, footer));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/public/meetings/:meetingId/minutes.pdf',
    summary: 'A published version as an A4 PDF, rendered by Chromium on the server (503 when Chromium is absent)',
    tags: ['minutes', 'public'],
    access: publicAccess,
    params: meetingParams,
    query: versionQuery,
    produces: 'application/pdf',
    handler: async ({ c, deps, params, query }) => {
      const v = await publicVersion(deps.db, params.meetingId, query.version);
      const pdf = await renderPdf(renderMinutesPrintHtml(v), `${v.header.compoundName} 纪要 第 ${v.version} 版`);
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="minutes-${params.meetingId}-v${v.version}.pdf"`);
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(pdf as Uint8Array<ArrayBuffer>);
    },
  }),
];
