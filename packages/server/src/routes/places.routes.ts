/** Communities and compounds: created and renamed by the administrators whose grant covers them. */
import { placeEndpoints } from '@yishi/core';
import { communityFromParams, compoundFromParams, subdistrictFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { changeCommunityName, changeCompound, createCommunity, createCompound, placesTreeFor } from '../services/places.service.js';

export const placesRoutes = [
  defineRoute(placeEndpoints.tree, { access: anyUser, handler: ({ deps, actor }) => placesTreeFor(deps, actor) }),
  defineRoute(placeEndpoints.addCommunity, {
    access: rolesAt(['subdistrict_committee'], subdistrictFromParams),
    handler: ({ deps, params, body }) => createCommunity(deps, params.subdistrictId, body.name),
  }),
  defineRoute(placeEndpoints.renameCommunity, {
    access: rolesAt(['subdistrict_committee'], communityFromParams),
    handler: ({ deps, params, body, place }) => changeCommunityName(deps, params.communityId, place!.subdistrictId, body.name),
  }),
  defineRoute(placeEndpoints.addCompound, {
    access: rolesAt(['subdistrict_committee', 'community_staff'], communityFromParams),
    handler: ({ deps, params, body }) => createCompound(deps, params.communityId, body),
  }),
  defineRoute(placeEndpoints.changeCompound, {
    access: rolesAt(['subdistrict_committee', 'community_staff'], compoundFromParams),
    handler: ({ deps, params, body, place }) => changeCompound(deps, params.compoundId, place!.communityId!, body),
  }),
];
