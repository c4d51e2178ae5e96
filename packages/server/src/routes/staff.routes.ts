/** Staff and roles: granting and revoking at places, invitations, and the record of both. */
import { GRANTING_ROLES, staffEndpoints } from '@yishi/core';
import { scopeFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { grantRole, placeOfGrant, reissueInvitation, revokeGrant, staffOverview } from '../services/grants.service.js';

const grantFromParams: PlaceLookup<{ grantId: string }> = ({ db, params }) => placeOfGrant(db, params.grantId);
const FINER =
  "Only roles below the caller's own (core GRANTABLE_BY), at places the caller's grant covers; the last subdistrict administrator cannot be revoked.";

export const staffRoutes = [
  defineRoute(staffEndpoints.overview, { access: anyUser, handler: ({ deps, actor }) => staffOverview(deps, actor) }),
  defineRoute(staffEndpoints.grant, {
    access: rolesAt(GRANTING_ROLES, scopeFromParams),
    finerAccess: FINER,
    handler: ({ deps, actor, params, body, place }) => grantRole(deps, actor, { kind: params.scopeKind, id: params.scopeId }, place!, body),
  }),
  defineRoute(staffEndpoints.revoke, {
    access: rolesAt(GRANTING_ROLES, grantFromParams),
    finerAccess: FINER,
    handler: async ({ deps, actor, params, place }) => {
      await revokeGrant(deps, actor, params.grantId, place!);
      return null;
    },
  }),
  defineRoute(staffEndpoints.reinvite, {
    access: rolesAt(GRANTING_ROLES, grantFromParams),
    finerAccess: FINER,
    handler: ({ deps, actor, params, place }) => reissueInvitation(deps, actor, params.grantId, place!),
  }),
];
