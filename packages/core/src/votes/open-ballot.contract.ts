/** The published files of a closed vote (./open-ballot.schema.ts): public, JSON and CSV. */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { openBallotBallotsSchema, openBallotRollSchema } from './open-ballot.schema.js';

const voteParams = z.object({ voteId: z.string().min(1).max(40) });

export const openBallotEndpoints = {
  roll: endpoint({
    method: 'get',
    path: '/public/votes/:voteId/open-ballot/roll.json',
    summary: 'After closing: the roll of who took part (unit, counted area, head group, channel) with the vote, its rule and its published result',
    description: 'Refused (409) until the vote closes. Read by `yishi recount`; the format is in docs/recount.md.',
    tags: ['votes', 'public'],
    params: voteParams,
    response: openBallotRollSchema,
  }),
  ballots: endpoint({
    method: 'get',
    path: '/public/votes/:voteId/open-ballot/ballots.json',
    summary: 'After closing: the counted ballots keyed by receipt code (choice, counted weight, log position) and the whole ballot log',
    description: "Refused (409) until the vote closes. A secret ballot's weights are withheld, a small secret vote's choices too (docs/recount.md).",
    tags: ['votes', 'public'],
    params: voteParams,
    response: openBallotBallotsSchema,
  }),
  rollCsv: endpoint({
    method: 'get',
    path: '/public/votes/:voteId/open-ballot/roll.csv',
    summary: 'The roll of who took part as CSV (for a spreadsheet)',
    tags: ['votes', 'public'],
    params: voteParams,
    produces: 'text/csv',
  }),
  ballotsCsv: endpoint({
    method: 'get',
    path: '/public/votes/:voteId/open-ballot/ballots.csv',
    summary: 'The counted ballots as CSV (for a spreadsheet)',
    tags: ['votes', 'public'],
    params: voteParams,
    produces: 'text/csv',
  }),
};
