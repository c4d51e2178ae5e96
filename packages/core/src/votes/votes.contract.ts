/**
 * The votes endpoints: creating, opening and closing votes, casting ballots online and entering
 * paper ones, the roll, the published receipts and the results on the notice board. Declared once;
 * the server implements them, the web app calls them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import {
  ballotReceiptSchema,
  ballotReceiptsSchema,
  castBallotSchema,
  castBallotsSchema,
  compoundVotesQuerySchema,
  compoundVotesSchema,
  createVoteSchema,
  doneSchema,
  paperEntryCreatedSchema,
  paperBallotSchema,
  publicVotesQuerySchema,
  publicVotesSchema,
  publishedReceiptsSchema,
  receiptsQuerySchema,
  voteCreatedSchema,
  voteRollQuerySchema,
  voteRollSchema,
  voteViewSchema,
} from './votes.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const voteParams = z.object({ voteId: id });

export const voteEndpoints = {
  list: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/votes',
    summary: 'Votes of a compound, a page at a time: open, announced, drafts (only for organisers), closed; newest first within each',
    tags: ['votes'],
    params: compoundParams,
    query: compoundVotesQuerySchema,
    response: compoundVotesSchema,
  }),
  create: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/votes',
    summary: 'Create a vote (draft; opens at opensAt, or when an organiser opens it)',
    description:
      'Rules: simple_majority; art278 with matter 1–9 (thresholds follow from the matter); custom fractions. From a proposal (sourceKind=proposal), an agenda item (agenda_item) or direct.',
    tags: ['votes'],
    params: compoundParams,
    body: createVoteSchema,
    status: 201,
    response: voteCreatedSchema,
  }),
  get: endpoint({
    method: 'get',
    path: '/votes/:voteId',
    summary: 'A vote: its rule in words, live turnout, my units and receipt codes; results once closed',
    tags: ['votes'],
    params: voteParams,
    response: voteViewSchema,
  }),
  open: endpoint({
    method: 'post',
    path: '/votes/:voteId/open',
    summary: 'Open a draft vote now: freezes the electorate (units, owners, areas) and the rule',
    tags: ['votes'],
    params: voteParams,
    response: doneSchema,
  }),
  close: endpoint({
    method: 'post',
    path: '/votes/:voteId/close',
    summary: 'Close an open vote now and publish its result (votes also close by themselves on time)',
    tags: ['votes'],
    params: voteParams,
    response: doneSchema,
  }),
  castBallot: endpoint({
    method: 'post',
    path: '/votes/:voteId/ballots',
    summary: 'Cast or change my ballot (the latest counts until closing); returns a receipt code',
    tags: ['votes'],
    params: voteParams,
    body: castBallotSchema,
    status: 201,
    response: ballotReceiptSchema,
  }),
  castBallots: endpoint({
    method: 'post',
    path: '/votes/:voteId/ballots/units',
    summary: 'Cast the same choice for several of my units at once: one ballot per unit, each with its own receipt code, all or none',
    description:
      'For an owner of several units who confirmed one choice for all of them. Each unit gets its own ballot (its area counts with it) and receipt; the owner still counts as one head.',
    tags: ['votes'],
    params: voteParams,
    body: castBallotsSchema,
    status: 201,
    response: ballotReceiptsSchema,
  }),
  enterPaperBallot: endpoint({
    method: 'post',
    path: '/votes/:voteId/paper-ballots',
    summary: 'Enter a paper ballot for a unit with its slip number and photo: a pending entry that counts once a second staff member confirms it',
    tags: ['votes'],
    params: voteParams,
    body: paperBallotSchema,
    status: 201,
    response: paperEntryCreatedSchema,
  }),
  roll: endpoint({
    method: 'get',
    path: '/votes/:voteId/roll',
    summary: 'The frozen roll, a page at a time in label order: who may vote and whether they voted (never how, for a secret ballot)',
    tags: ['votes'],
    params: voteParams,
    query: voteRollQuerySchema,
    response: voteRollSchema,
  }),
  rollCsv: endpoint({
    method: 'get',
    path: '/votes/:voteId/roll.csv',
    summary: 'The roll as CSV for Excel: unit, area, voted or not, channel, time (choices only for named ballots after closing)',
    tags: ['votes'],
    params: voteParams,
    produces: 'text/csv',
  }),
  receipts: endpoint({
    method: 'get',
    path: '/public/votes/:voteId/receipts',
    summary:
      'After closing: the receipt codes with their choices, a page at a time in code order (code=… finds one), to check a ballot was counted as cast (before closing: when it will be published)',
    tags: ['votes', 'public'],
    params: voteParams,
    query: receiptsQuerySchema,
    response: publishedReceiptsSchema,
  }),
  publicResults: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/votes',
    summary:
      'Notice board: open votes with live turnout against the participation threshold (never choices), then closed votes with results a page at a time; the rule in words',
    tags: ['votes', 'public'],
    params: compoundParams,
    query: publicVotesQuerySchema,
    response: publicVotesSchema,
  }),
};
