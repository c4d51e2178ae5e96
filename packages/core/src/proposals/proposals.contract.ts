/**
 * The proposals endpoints: submitting and seconding resident proposals, the seconding threshold,
 * the committee's decision, and the notice board's list. Declared once; the server implements
 * them, the web app calls them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { doneSchema } from '../votes/votes.schema.js';
import {
  decideProposalSchema,
  proposalCreatedSchema,
  proposalDetailSchema,
  proposalListQuerySchema,
  proposalListSchema,
  proposalSettingsSchema,
  secondProposalSchema,
  secondResultSchema,
  submitProposalSchema,
} from './proposals.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const proposalParams = z.object({ proposalId: id });

export const proposalEndpoints = {
  list: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/proposals',
    summary: 'Resident proposals of a compound with their seconding progress, a page at a time, newest first',
    tags: ['proposals'],
    params: compoundParams,
    query: proposalListQuerySchema,
    response: proposalListSchema,
  }),
  submit: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/proposals',
    summary: 'Submit a proposal (owners and residents of the compound or building)',
    tags: ['proposals'],
    params: compoundParams,
    body: submitProposalSchema,
    status: 201,
    response: proposalCreatedSchema,
  }),
  settings: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/proposal-settings',
    summary: 'The seconding threshold at which a proposal qualifies',
    tags: ['proposals'],
    params: compoundParams,
    response: proposalSettingsSchema,
  }),
  changeSettings: endpoint({
    method: 'put',
    path: '/compounds/:compoundId/proposal-settings',
    summary: 'Set the seconding threshold (a count of units or a share); applies to new proposals',
    tags: ['proposals'],
    params: compoundParams,
    body: proposalSettingsSchema,
    response: proposalSettingsSchema,
  }),
  get: endpoint({
    method: 'get',
    path: '/proposals/:proposalId',
    summary: 'A proposal with its seconds and every state change (who, when, why)',
    tags: ['proposals'],
    params: proposalParams,
    response: proposalDetailSchema,
  }),
  second: endpoint({
    method: 'post',
    path: '/proposals/:proposalId/seconds',
    summary: 'Second a proposal (one second per household/unit)',
    tags: ['proposals'],
    params: proposalParams,
    body: secondProposalSchema,
    status: 201,
    response: secondResultSchema,
  }),
  decide: endpoint({
    method: 'post',
    path: '/proposals/:proposalId/decision',
    summary: 'Committee decision: put on an agenda, merge into another proposal, or decline with a public reason',
    tags: ['proposals'],
    params: proposalParams,
    body: decideProposalSchema,
    response: doneSchema,
  }),
  publicList: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/proposals',
    summary: 'Notice board: proposals with their status and the reasons for decisions (proposers by surname only), a page at a time, newest first',
    tags: ['proposals', 'public'],
    params: compoundParams,
    query: proposalListQuerySchema,
    response: proposalListSchema,
  }),
};
