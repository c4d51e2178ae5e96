/** The statutory timeline: the compound's vote periods; announcing, extending and finalising a vote; the board's vote notices. */
import { ROLES, voteTimelineEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt } from '../http/route.js';
import { announceVote, changeVoteSettings, extendVote, finaliseVote, getVoteSettings, listPublicVoteNotices } from '../services/vote-timeline.service.js';
import { VOTE_ORGANISERS } from '../services/vote-views.service.js';
import { voteFromParams } from './votes.routes.js';

const organisers = rolesAt(VOTE_ORGANISERS, voteFromParams);

export const voteTimelineRoutes = [
  defineRoute(voteTimelineEndpoints.settings, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, actor, params, place }) => getVoteSettings(deps, actor, params.compoundId, place),
  }),
  defineRoute(voteTimelineEndpoints.changeSettings, {
    access: rolesAt(VOTE_ORGANISERS, compoundFromParams),
    handler: ({ deps, actor, params, body, place }) => changeVoteSettings(deps, actor, params.compoundId, body, place),
  }),
  defineRoute(voteTimelineEndpoints.announce, {
    access: organisers,
    handler: async ({ deps, actor, params }) => {
      await announceVote(deps, params.voteId, actor);
      return { ok: true } as const;
    },
  }),
  defineRoute(voteTimelineEndpoints.extend, {
    access: organisers,
    handler: async ({ deps, actor, params, body }) => {
      await extendVote(deps, params.voteId, actor, body);
      return { ok: true } as const;
    },
  }),
  defineRoute(voteTimelineEndpoints.finalise, {
    access: organisers,
    handler: async ({ deps, actor, params }) => {
      await finaliseVote(deps, params.voteId, actor);
      return { ok: true } as const;
    },
  }),
  defineRoute(voteTimelineEndpoints.publicNotices, {
    access: publicAccess,
    handler: ({ deps, params, query }) => listPublicVoteNotices(deps, params.compoundId, query),
  }),
];
