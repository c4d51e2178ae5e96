/** Evidence bundles: a vote's record for its organisers, a meeting's for those who run it. */
import { evidenceEndpoints, type Role } from '@yishi/core';
import { defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { meetingEvidenceBundle } from '../services/evidence/meeting-evidence.js';
import { voteEvidenceBundle } from '../services/evidence/vote-evidence.js';
import { placeOfMeeting } from '../services/meeting-access.js';
import { VOTE_ORGANISERS } from '../services/vote-views.service.js';
import { voteFromParams } from './votes.routes.js';

function zipAnswer(zip: Uint8Array<ArrayBuffer>, name: string, title: string): Response {
  return new Response(zip, {
    headers: {
      'Content-Type': evidenceEndpoints.vote.produces,
      'Content-Disposition': `attachment; filename="${name}.zip"; filename*=UTF-8''${encodeURIComponent(`${title}-存证材料`)}.zip`,
      'Cache-Control': 'no-store',
    },
  });
}

const meetingPlace: PlaceLookup<{ meetingId: string }> = ({ db, params }) => placeOfMeeting(db, params.meetingId);

/** Those who may run a meeting of some kind there; the service checks the meeting kind's own runners. */
const MEETING_STAFF: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'party_rep'];

export const evidenceRoutes = [
  defineRoute(evidenceEndpoints.vote, {
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    handler: async ({ deps, params, locale }) => {
      const { title, zip } = await voteEvidenceBundle(deps, params.voteId, locale);
      return zipAnswer(zip, `vote-${params.voteId}-evidence`, title);
    },
  }),
  defineRoute(evidenceEndpoints.meeting, {
    access: rolesAt(MEETING_STAFF, meetingPlace),
    finerAccess:
      "Those who run the meeting's kind (its spec's runners): the convener side of a four-party council, community staff and the station team for an evening talk, the members and community staff for an owners' committee meeting.",
    handler: async ({ deps, actor, params, locale }) => {
      const { title, zip } = await meetingEvidenceBundle(deps, actor, params.meetingId, locale);
      return zipAnswer(zip, `meeting-${params.meetingId}-evidence`, title);
    },
  }),
];
