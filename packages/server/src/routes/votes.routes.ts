/** Votes: organisers create, open and close them; owners cast ballots; staff enter paper ones; the board shows results. */
import { ROLES, voteEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import { castBallot, castBallots } from '../services/online-ballots.service.js';
import { enterPaperBallot } from '../services/paper-ballots.service.js';
import { VOTE_ORGANISERS, getReceipts, getRollCsv, getVoteForActor, listPublicResults, listVotesForActor } from '../services/vote-views.service.js';
import { getRollPage } from '../services/vote-roll.service.js';
import { placeForVoteViewer, placeOfVote } from '../services/vote-place.service.js';
import { closeVoteNow, createVote, openVote } from '../services/votes.service.js';

/** The place a vote is about: its compound, and its building for building-scoped votes. */
export const voteFromParams: PlaceLookup<{ voteId: string }> = ({ db, params }) => placeOfVote(db, params.voteId);

const organisers = rolesAt(VOTE_ORGANISERS, voteFromParams);

export const voteRoutes = [
  defineRoute(voteEndpoints.list, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, actor, params, locale, place, query }) => listVotesForActor(deps, actor, params.compoundId, locale, place, query),
  }),
  defineRoute(voteEndpoints.create, {
    access: rolesAt(VOTE_ORGANISERS, compoundFromParams),
    handler: ({ deps, actor, params, body }) => createVote(deps, actor, params.compoundId, body),
  }),
  defineRoute(voteEndpoints.get, {
    access: anyUser,
    finerAccess:
      "Anyone with a role at the vote's compound (or building), and the person an owner authorised as proxy (委托代投) once the owner confirmed it, wherever she lives (403 otherwise; 404 when there is no such vote).",
    handler: async ({ deps, actor, params, locale }) =>
      getVoteForActor(deps, actor, params.voteId, locale, await placeForVoteViewer(deps.db, actor, params.voteId)),
  }),
  defineRoute(voteEndpoints.open, {
    access: organisers,
    handler: async ({ deps, actor, params }) => {
      await openVote(deps, params.voteId, actor);
      return { ok: true } as const;
    },
  }),
  defineRoute(voteEndpoints.close, {
    access: organisers,
    handler: async ({ deps, actor, params }) => {
      await closeVoteNow(deps, params.voteId, actor);
      return { ok: true } as const;
    },
  }),
  defineRoute(voteEndpoints.castBallot, {
    access: rolesAt(['owner', 'resident'], voteFromParams),
    handler: ({ deps, actor, params, body }) => castBallot(deps, actor, params.voteId, body),
  }),
  defineRoute(voteEndpoints.castBallots, {
    access: rolesAt(['owner'], voteFromParams),
    handler: ({ deps, actor, params, body }) => castBallots(deps, actor, params.voteId, body),
  }),
  defineRoute(voteEndpoints.enterPaperBallot, {
    access: organisers,
    handler: ({ deps, actor, params, body }) => enterPaperBallot(deps, actor, params.voteId, body),
  }),
  defineRoute(voteEndpoints.roll, {
    access: organisers,
    handler: ({ deps, params, query }) => getRollPage(deps, params.voteId, query),
  }),
  defineRoute(voteEndpoints.rollCsv, {
    access: organisers,
    handler: async ({ c, deps, params }) =>
      c.body(await getRollCsv(deps, params.voteId), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="vote-roll-${params.voteId}.csv"`,
      }),
  }),
  defineRoute(voteEndpoints.receipts, {
    access: publicAccess,
    handler: ({ deps, params, locale, query }) => getReceipts(deps, params.voteId, locale, query),
  }),
  defineRoute(voteEndpoints.publicResults, {
    access: publicAccess,
    handler: ({ deps, params, locale, query }) => listPublicResults(deps, params.compoundId, locale, query),
  }),
];
