/** Resident proposals: submitted and seconded by households, decided by the compound's committee. */
import { COMPOUND_STAFF, ROLES, proposalEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import {
  decideProposal,
  getProposal,
  getProposalSettings,
  listProposals,
  placeOfProposal,
  secondProposal,
  setSecondingThreshold,
  submitProposal,
} from '../services/proposals.service.js';

/** The committee: compound staff decide what happens to a qualified proposal. */
export const PROPOSAL_DECIDERS = COMPOUND_STAFF;

export const proposalFromParams: PlaceLookup<{ proposalId: string }> = ({ db, params }) => placeOfProposal(db, params.proposalId);

export const proposalRoutes = [
  defineRoute(proposalEndpoints.list, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, params, query, locale }) => listProposals(deps, params.compoundId, locale, query),
  }),
  defineRoute(proposalEndpoints.submit, {
    access: rolesAt(['owner', 'resident'], compoundFromParams),
    handler: ({ deps, actor, params, body }) => submitProposal(deps, actor, params.compoundId, body),
  }),
  defineRoute(proposalEndpoints.settings, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, params }) => getProposalSettings(deps, params.compoundId),
  }),
  defineRoute(proposalEndpoints.changeSettings, {
    access: rolesAt(PROPOSAL_DECIDERS, compoundFromParams),
    handler: ({ deps, actor, params, body }) => setSecondingThreshold(deps, actor, params.compoundId, body.threshold),
  }),
  defineRoute(proposalEndpoints.get, {
    access: rolesAt(ROLES, proposalFromParams),
    handler: ({ deps, actor, params, locale }) => getProposal(deps, actor, params.proposalId, locale),
  }),
  defineRoute(proposalEndpoints.second, {
    access: rolesAt(['owner', 'resident'], proposalFromParams),
    handler: ({ deps, actor, params, body }) => secondProposal(deps, actor, params.proposalId, body.unitId),
  }),
  defineRoute(proposalEndpoints.decide, {
    access: rolesAt(PROPOSAL_DECIDERS, proposalFromParams),
    handler: ({ deps, actor, params, body }) => decideProposal(deps, actor, params.proposalId, body),
  }),
  defineRoute(proposalEndpoints.publicList, {
    access: publicAccess,
    handler: ({ deps, params, query, locale }) => listProposals(deps, params.compoundId, locale, query, { publicView: true }),
  }),
];
