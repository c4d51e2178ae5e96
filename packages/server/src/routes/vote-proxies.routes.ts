/** Proxies (委托投票) and the four-eyes review of paper ballots. */
import { proxyEndpoints } from '@yishi/core';
import { mayAct } from '../auth/authorize.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { confirmPaperEntry, listPaperEntries, rejectPaperEntry } from '../services/paper-ballots.service.js';
import {
  castProxyBallot,
  confirmProxy,
  createProxy,
  createProxyInPerson,
  listVoteProxies,
  myProxies,
  resendProxyCode,
  revokeProxy,
  uploadPhotoForVote,
} from '../services/proxies.service.js';
import { placeForVoteViewer } from '../services/vote-place.service.js';
import { VOTE_ORGANISERS } from '../services/vote-views.service.js';
import { voteFromParams } from './votes.routes.js';

const organisers = rolesAt(VOTE_ORGANISERS, voteFromParams);
const owners = rolesAt(['owner'], voteFromParams);
/** Who sees a vote's proxies of their own: a role at the vote's place, or an owner's proxy in force. */
const VIEWERS_RULE =
  "Anyone with a role at the vote's compound (or building), and the person an owner authorised as proxy once the owner confirmed it, wherever she lives (403 otherwise).";

export const voteProxyRoutes = [
  defineRoute(proxyEndpoints.uploadPhoto, {
    access: rolesAt(['owner', ...VOTE_ORGANISERS], voteFromParams),
    handler: ({ deps, actor, params, body }) => uploadPhotoForVote(deps, actor, params.voteId, body),
  }),
  defineRoute(proxyEndpoints.mine, {
    access: anyUser,
    finerAccess: VIEWERS_RULE,
    handler: async ({ deps, actor, params }) => {
      await placeForVoteViewer(deps.db, actor, params.voteId);
      return myProxies(deps, actor, params.voteId);
    },
  }),
  defineRoute(proxyEndpoints.list, {
    access: organisers,
    handler: ({ deps, params, query }) => listVoteProxies(deps, params.voteId, query),
  }),
  defineRoute(proxyEndpoints.create, {
    access: owners,
    handler: ({ deps, actor, params, body }) => createProxy(deps, actor, params.voteId, body),
  }),
  defineRoute(proxyEndpoints.createInPerson, {
    access: organisers,
    handler: ({ deps, actor, params, body }) => createProxyInPerson(deps, actor, params.voteId, body),
  }),
  defineRoute(proxyEndpoints.confirm, {
    access: owners,
    handler: ({ deps, actor, params, body }) => confirmProxy(deps, actor, params.voteId, params.proxyId, body.code),
  }),
  defineRoute(proxyEndpoints.resendCode, {
    access: owners,
    handler: ({ deps, actor, params }) => resendProxyCode(deps, actor, params.voteId, params.proxyId),
  }),
  defineRoute(proxyEndpoints.revoke, {
    access: rolesAt(['owner', ...VOTE_ORGANISERS], voteFromParams),
    handler: ({ deps, actor, params, place }) => revokeProxy(deps, actor, params.voteId, params.proxyId, !!place && mayAct(actor, VOTE_ORGANISERS, place)),
  }),
  defineRoute(proxyEndpoints.cast, {
    // The proxy may live in another compound: the authorisation is what lets her in (checked as the ballot is cast).
    access: anyUser,
    finerAccess: 'Only the person an owner authorised for the unit, wherever she lives, once the owner confirmed it and until it is revoked (403 otherwise).',
    handler: ({ deps, actor, params, body }) => castProxyBallot(deps, actor, params.voteId, body),
  }),
  defineRoute(proxyEndpoints.paperEntries, {
    access: organisers,
    handler: ({ deps, actor, params, locale, query }) => listPaperEntries(deps, actor, params.voteId, locale, query),
  }),
  defineRoute(proxyEndpoints.confirmPaper, {
    access: organisers,
    finerAccess: 'The staff member who entered a slip may not review it: a second one does (403 otherwise).',
    handler: ({ deps, actor, params }) => confirmPaperEntry(deps, actor, params.voteId, params.entryId),
  }),
  defineRoute(proxyEndpoints.rejectPaper, {
    access: organisers,
    finerAccess: 'The staff member who entered a slip may not review it: a second one does (403 otherwise).',
    handler: ({ deps, actor, params, body }) => rejectPaperEntry(deps, actor, params.voteId, params.entryId, body.reason),
  }),
];
