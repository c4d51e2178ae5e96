/**
 * The roll check (名册核对) and 询异 endpoints: the published roll (public; an owner signed in also
 * sees their own entries with names), an owner's correction request to their own entry, a dispute of
 * a published ballot by its receipt code, the list of both, and the organisers' resolutions.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import {
  ballotDisputeSchema,
  createBallotDisputeSchema,
  createRollObjectionSchema,
  resolveBallotDisputeSchema,
  resolveRollObjectionSchema,
  rollCheckQuerySchema,
  rollCheckSchema,
  rollObjectionSchema,
  voteObjectionsQuerySchema,
  voteObjectionsSchema,
} from './objections.schema.js';

const id = z.string().min(1).max(40);
const voteParams = z.object({ voteId: id });

export const objectionEndpoints = {
  rollCheck: endpoint({
    method: 'get',
    path: '/votes/:voteId/roll-check',
    summary:
      'The frozen roll published for checking, a page at a time: each unit, its area and how heads are counted (no owner names; an owner signed in sees their own)',
    tags: ['votes'],
    params: voteParams,
    query: rollCheckQuerySchema,
    response: rollCheckSchema,
  }),
  objections: endpoint({
    method: 'get',
    path: '/votes/:voteId/objections',
    summary:
      "Roll correction requests and ballot disputes (询异), each a page at a time (list= one of them): the vote's organisers see all, an owner their own",
    tags: ['votes'],
    params: voteParams,
    query: voteObjectionsQuerySchema,
    response: voteObjectionsSchema,
  }),
  raiseRollObjection: endpoint({
    method: 'post',
    path: '/votes/:voteId/roll-objections',
    summary: 'An owner asks for a correction of their own entry on the roll, during the roll check',
    tags: ['votes'],
    params: voteParams,
    body: createRollObjectionSchema,
    status: 201,
    response: rollObjectionSchema,
  }),
  resolveRollObjection: endpoint({
    method: 'post',
    path: '/votes/:voteId/roll-objections/:objectionId/resolve',
    summary: 'Organisers resolve a roll correction request with a reason: upheld (the roll entry corrected, before and after recorded) or rejected',
    tags: ['votes'],
    params: z.object({ voteId: id, objectionId: id }),
    body: resolveRollObjectionSchema,
    response: rollObjectionSchema,
  }),
  raiseDispute: endpoint({
    method: 'post',
    path: '/votes/:voteId/disputes',
    summary:
      "An owner on the roll disputes a published ballot by its receipt code (询异), within the window after an owners'-assembly vote's preliminary result",
    tags: ['votes'],
    params: voteParams,
    body: createBallotDisputeSchema,
    status: 201,
    response: ballotDisputeSchema,
  }),
  resolveDispute: endpoint({
    method: 'post',
    path: '/votes/:voteId/disputes/:disputeId/resolve',
    summary:
      'Organisers resolve a dispute with a reason: rejected, or upheld (a paper ballot entered wrongly gets its choices corrected: a corrected entry in the ballot log and a recomputed preliminary result)',
    tags: ['votes'],
    params: z.object({ voteId: id, disputeId: id }),
    body: resolveBallotDisputeSchema,
    response: ballotDisputeSchema,
  }),
};
