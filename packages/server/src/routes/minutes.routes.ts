/** Minutes: the staff's draft, publication and corrections, and what the public reads. */
import { minutesClosingLines, minutesEndpoints, minutesPlainText, type Role } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import { placeOfMeeting } from '../services/meeting-access.js';
import { publicUrlOf } from '../config.js';
import { meetingAnchorsPrintHtml } from '../services/anchors-print.js';
import { getMinutesPdf } from '../services/minutes-pdf.service.js';
import { renderMinutesPrintHtml } from '../services/minutes-print.js';
import { getPublicMinutesVersion, listCompoundMinutesWork, listPublicMinutes } from '../services/minutes-publications.js';
import {
  correctMinutes,
  generateMinutes,
  getMinutes,
  previewGeneratedMinutes,
  publishMinutes,
  saveMinutesDraft,
  saveMinutesHeader,
  signMinutes,
} from '../services/minutes.service.js';

/** The compound of the meeting named by :meetingId. */
const meetingPlace: PlaceLookup<{ meetingId: string }> = ({ db, params }) => placeOfMeeting(db, params.meetingId);

/** Secretary, committee and convener of either kind of meeting; the service checks the kind's own list. */
const MINUTES_STAFF: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'party_rep'];
const staff = rolesAt(MINUTES_STAFF, meetingPlace);

const WRITERS_RULE =
  "Writers are the meeting's agenda editors: for a four-party council also the four parties' representatives, for an evening talk only community staff and the station team, for an owners' committee meeting its members (the owners' committee's representatives) with community staff and the station team.";
const PUBLISHERS_RULE =
  "Only the convener side publishes and corrects: the subdistrict party committee or the station chief (for an evening talk also community staff; for an owners' committee meeting its members, community staff or the station chief, once every attending member has signed).";

export const minutesRoutes = [
  defineRoute(minutesEndpoints.get, {
    access: staff,
    finerAccess: WRITERS_RULE,
    handler: ({ deps, actor, params }) => getMinutes(deps, actor, params.meetingId),
  }),
  defineRoute(minutesEndpoints.generate, {
    access: staff,
    finerAccess: WRITERS_RULE,
    handler: ({ deps, actor, params }) => generateMinutes(deps, actor, params.meetingId),
  }),
  defineRoute(minutesEndpoints.generated, {
    access: staff,
    finerAccess: WRITERS_RULE,
    handler: ({ deps, actor, params }) => previewGeneratedMinutes(deps, actor, params.meetingId),
  }),
  defineRoute(minutesEndpoints.saveDraft, {
    access: staff,
    finerAccess: WRITERS_RULE,
    handler: ({ deps, actor, params, body }) => saveMinutesDraft(deps, actor, params.meetingId, body.body),
  }),
  defineRoute(minutesEndpoints.saveHeader, {
    access: staff,
    finerAccess: WRITERS_RULE,
    handler: ({ deps, actor, params, body }) => saveMinutesHeader(deps, actor, params.meetingId, body),
  }),
  defineRoute(minutesEndpoints.publish, {
    access: staff,
    finerAccess: PUBLISHERS_RULE,
    handler: ({ deps, actor, params }) => publishMinutes(deps, actor, params.meetingId),
  }),
  defineRoute(minutesEndpoints.sign, {
    access: rolesAt(['party_rep'], meetingPlace),
    finerAccess: "Owners' committee meetings only: a member who was signed in at the meeting signs, for themself.",
    handler: ({ deps, actor, params }) => signMinutes(deps, actor, params.meetingId),
  }),
  defineRoute(minutesEndpoints.correct, {
    access: staff,
    finerAccess: PUBLISHERS_RULE,
    handler: ({ deps, actor, params, body }) => correctMinutes(deps, actor, params.meetingId, body),
  }),
  defineRoute(minutesEndpoints.work, {
    access: rolesAt(MINUTES_STAFF, compoundFromParams),
    handler: ({ deps, params, query }) => listCompoundMinutesWork(deps, params.compoundId, query),
  }),
  defineRoute(minutesEndpoints.publicList, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) => {
      const list = await listPublicMinutes(deps.db, params.compoundId, query);
      c.header('Cache-Control', 'public, max-age=60');
      return list;
    },
  }),
  defineRoute(minutesEndpoints.publicVersion, {
    access: publicAccess,
    handler: ({ deps, params, query }) => getPublicMinutesVersion(deps.db, params.meetingId, query.version),
  }),
  defineRoute(minutesEndpoints.print, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) =>
      c.html(
        renderMinutesPrintHtml(
          await getPublicMinutesVersion(deps.db, params.meetingId, query.version),
          await meetingAnchorsPrintHtml(deps.db, params.meetingId, publicUrlOf(deps.config)),
        ),
      ),
  }),
  defineRoute(minutesEndpoints.text, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) => {
      const v = await getPublicMinutesVersion(deps.db, params.meetingId, query.version);
      const footer = [...minutesClosingLines(v.header, v.publishedAt), '', `第 ${v.version} 版${v.reason ? `（更正原因：${v.reason}）` : ''}`];
      return c.text(minutesPlainText(v.header, v.body, footer));
    },
  }),
  defineRoute(minutesEndpoints.pdf, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) => {
      const { view: v, pdf } = await getMinutesPdf(deps.db, params.meetingId, query.version, publicUrlOf(deps.config));
      return c.body(pdf, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="minutes-${params.meetingId}-v${v.version}.pdf"`,
        'Cache-Control': 'public, max-age=3600',
      });
    },
  }),
];
