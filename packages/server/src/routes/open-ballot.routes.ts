/** The published files of a closed vote, for anyone to recount it (docs/recount.md). */
import { openBallotEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { openBallotBallots, openBallotBallotsCsv, openBallotRoll, openBallotRollCsv } from '../services/open-ballot.service.js';

const csv = (name: string) => ({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });

export const openBallotRoutes = [
  defineRoute(openBallotEndpoints.roll, {
    access: publicAccess,
    handler: ({ deps, params, locale }) => openBallotRoll(deps, params.voteId, locale),
  }),
  defineRoute(openBallotEndpoints.ballots, {
    access: publicAccess,
    handler: ({ deps, params, locale }) => openBallotBallots(deps, params.voteId, locale),
  }),
  defineRoute(openBallotEndpoints.rollCsv, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => c.body(await openBallotRollCsv(deps, params.voteId), 200, csv(`vote-${params.voteId}-roll.csv`)),
  }),
  defineRoute(openBallotEndpoints.ballotsCsv, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => c.body(await openBallotBallotsCsv(deps, params.voteId), 200, csv(`vote-${params.voteId}-ballots.csv`)),
  }),
];
