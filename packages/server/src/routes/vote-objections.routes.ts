/** The roll check (名册核对) and 询异: the published roll, owners' correction requests and ballot disputes, the organisers' resolutions. */
import { ROLES, objectionEndpoints } from '@yishi/core';
import { defineRoute, publicAccess, rolesAt } from '../http/route.js';
import { listVoteObjections, raiseDispute, resolveDispute } from '../services/ballot-disputes.service.js';
import { getRollCheck, raiseRollObjection, resolveRollObjection } from '../services/roll-objections.service.js';
import { VOTE_ORGANISERS } from '../services/vote-views.service.js';
import { voteFromParams } from './votes.routes.js';

const organisers = rolesAt(VOTE_ORGANISERS, voteFromParams);

export const voteObjectionRoutes = [
  defineRoute(objectionEndpoints.rollCheck, {
    access: publicAccess,
    handler: ({ deps, actor, params, query, locale }) => getRollCheck(deps, actor, params.voteId, locale, query),
  }),
  defineRoute(objectionEndpoints.objections, {
    access: rolesAt(ROLES, voteFromParams),
    handler: ({ deps, actor, params, locale, place, query }) => listVoteObjections(deps, actor, params.voteId, locale, place ?? undefined, query),
  }),
  defineRoute(objectionEndpoints.raiseRollObjection, {
    access: rolesAt(['owner'], voteFromParams),
    handler: ({ deps, actor, params, body }) => raiseRollObjection(deps, actor, params.voteId, body),
  }),
  defineRoute(objectionEndpoints.resolveRollObjection, {
    access: organisers,
    handler: ({ deps, actor, params, body }) => resolveRollObjection(deps, actor, params.voteId, params.objectionId, body),
  }),
  defineRoute(objectionEndpoints.raiseDispute, {
    access: rolesAt(['owner'], voteFromParams),
    handler: ({ deps, actor, params, body, locale }) => raiseDispute(deps, actor, params.voteId, body, locale),
  }),
  defineRoute(objectionEndpoints.resolveDispute, {
    access: organisers,
    handler: ({ deps, actor, params, body, locale }) => resolveDispute(deps, actor, params.voteId, params.disputeId, body, locale),
  }),
];
