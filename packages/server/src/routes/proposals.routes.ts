import { COMPOUND_STAFF, ROLES, decideProposalSchema, secondProposalSchema, secondingThresholdSchema, submitProposalSchema } from '@yishi/core';
import { z } from 'zod';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { findProposal } from '../db/repositories/proposals.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import {
  decideProposal,
  getProposal,
  getSecondingThreshold,
  listProposals,
  secondProposal,
  setSecondingThreshold,
  submitProposal,
} from '../services/proposals.service.js';

/** The committee: compound staff decide what happens to a qualified proposal. */
export const PROPOSAL_DECIDERS = COMPOUND_STAFF;

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const proposalParams = z.object({ proposalId: z.string().min(1).max(40) });

export const proposalFromParams: PlaceLookup<{ proposalId: string }> = async ({ db, params }) => {
  const p = await findProposal(db, params.proposalId);
  if (!p) return undefined;
  const chain = await findCompoundChain(db, p.compound_id);
  return chain && { ...chain, ...(p.building_id ? { buildingId: p.building_id } : {}) };
};

export const proposalRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/proposals',
    summary: 'Resident proposals of a compound with their seconding progress',
    tags: ['proposals'],
    access: rolesAt(ROLES, compoundFromParams),
    params: compoundParams,
    handler: ({ deps, params, locale }) => listProposals(deps, params.compoundId, locale),
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/proposals',
    summary: 'Submit a proposal (owners and residents of the compound or building)',
    tags: ['proposals'],
    access: rolesAt(['owner', 'resident'], compoundFromParams),
    params: compoundParams,
    body: submitProposalSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => submitProposal(deps, actor, params.compoundId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/proposal-settings',
    summary: 'The seconding threshold at which a proposal qualifies',
    tags: ['proposals'],
    access: rolesAt(ROLES, compoundFromParams),
    params: compoundParams,
    handler: async ({ deps, params }) => ({ threshold: await getSecondingThreshold(deps, params.compoundId) }),
  }),
  defineRoute({
    method: 'put',
    path: '/compounds/:compoundId/proposal-settings',
    summary: 'Set the seconding threshold (a count of units or a share); applies to new proposals',
    tags: ['proposals'],
    access: rolesAt(PROPOSAL_DECIDERS, compoundFromParams),
    params: compoundParams,
    body: z.object({ threshold: secondingThresholdSchema }),
    handler: ({ deps, actor, params, body }) => setSecondingThreshold(deps, actor, params.compoundId, body.threshold),
  }),
  defineRoute({
    method: 'get',
    path: '/proposals/:proposalId',
    summary: 'A proposal with its seconds and every state change (who, when, why)',
    tags: ['proposals'],
    access: rolesAt(ROLES, proposalFromParams),
    params: proposalParams,
    handler: ({ deps, actor, params, locale }) => getProposal(deps, actor, params.proposalId, locale),
  }),
  defineRoute({
    method: 'post',
    path: '/proposals/:proposalId/seconds',
    summary: 'Second a proposal (one second per household/unit)',
    tags: ['proposals'],
    access: rolesAt(['owner', 'resident'], proposalFromParams),
    params: proposalParams,
    body: secondProposalSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => secondProposal(deps, actor, params.proposalId, body.unitId),
  }),
  defineRoute({
    method: 'post',
    path: '/proposals/:proposalId/decision',
    summary: 'Committee decision: put on an agenda, merge into another proposal, or decline with a public reason',
    tags: ['proposals'],
    access: rolesAt(PROPOSAL_DECIDERS, proposalFromParams),
    params: proposalParams,
    body: decideProposalSchema,
    handler: ({ deps, actor, params, body }) => decideProposal(deps, actor, params.proposalId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/proposals',
    summary: 'Notice board: proposals with their status and the reasons for decisions (proposers by surname only)',
    tags: ['proposals', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: ({ deps, params, locale }) => listProposals(deps, params.compoundId, locale, { publicView: true }),
  }),
];
