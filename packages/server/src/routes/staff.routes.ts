/** Staff and roles: granting and revoking at places, invitations, and the record of both. */
import { GRANT_SCOPE_KINDS, GRANTING_ROLES, grantInputSchema, grantResultSchema, invitationSchema, staffOverviewSchema } from '@yishi/core';
import { z } from 'zod';
import { scopeFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { grantRole, placeOfGrant, reissueInvitation, revokeGrant, staffOverview } from '../services/grants.service.js';

const grantParams = z.object({ grantId: z.string().min(1).max(40) });
const grantFromParams: PlaceLookup<{ grantId: string }> = ({ db, params }) => placeOfGrant(db, params.grantId);
const FINER = 'Only roles below the caller\'s own (core GRANTABLE_BY), at places the caller\'s grant covers; the last subdistrict administrator cannot be revoked.';

export const staffRoutes = [
  defineRoute({
    method: 'get',
    path: '/staff',
    summary: 'Where I may grant roles, the grants there, and the record of grants and revocations',
    tags: ['staff'],
    access: anyUser,
    response: staffOverviewSchema,
    handler: ({ deps, actor }) => staffOverview(deps, actor),
  }),
  defineRoute({
    method: 'post',
    path: '/places/:scopeKind/:scopeId/grants',
    summary: "Grant a role at a place; creates the person's account where needed and returns a one-time invitation",
    description: 'The person is found by phone; the name must match. An account that is not set up yet gets an invitation link (shown once).',
    tags: ['staff'],
    access: rolesAt(GRANTING_ROLES, scopeFromParams),
    finerAccess: FINER,
    params: z.object({ scopeKind: z.enum(GRANT_SCOPE_KINDS), scopeId: z.string().min(1).max(40) }),
    body: grantInputSchema,
    status: 201,
    response: grantResultSchema,
    handler: ({ deps, actor, params, body, place }) => grantRole(deps, actor, { kind: params.scopeKind, id: params.scopeId }, place!, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/grants/:grantId',
    summary: 'Revoke a grant (recorded with who and when)',
    tags: ['staff'],
    access: rolesAt(GRANTING_ROLES, grantFromParams),
    finerAccess: FINER,
    params: grantParams,
    status: 204,
    handler: async ({ deps, actor, params, place }) => {
      await revokeGrant(deps, actor, params.grantId, place!);
      return null;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/grants/:grantId/invitation',
    summary: 'A new invitation for a person who has not set up their account yet (the earlier link stops working)',
    tags: ['staff'],
    access: rolesAt(GRANTING_ROLES, grantFromParams),
    finerAccess: FINER,
    params: grantParams,
    response: invitationSchema,
    handler: ({ deps, actor, params, place }) => reissueInvitation(deps, actor, params.grantId, place!),
  }),
];
