/** Communities and compounds: created and renamed by the administrators whose grant covers them. */
import { communityInputSchema, compoundInputSchema, compoundPatchSchema, placeCreatedSchema, placesTreeSchema } from '@yishi/core';
import { z } from 'zod';
import { communityFromParams, compoundFromParams, subdistrictFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { changeCommunityName, changeCompound, createCommunity, createCompound, placesTreeFor } from '../services/places.service.js';

const id = z.string().min(1).max(40);

export const placesRoutes = [
  defineRoute({
    method: 'get',
    path: '/places',
    summary: 'The subdistricts, communities and compounds I administer',
    tags: ['places'],
    access: anyUser,
    response: placesTreeSchema,
    handler: ({ deps, actor }) => placesTreeFor(deps, actor),
  }),
  defineRoute({
    method: 'post',
    path: '/subdistricts/:subdistrictId/communities',
    summary: 'Add a community (社区) to a subdistrict',
    tags: ['places'],
    access: rolesAt(['subdistrict_committee'], subdistrictFromParams),
    params: z.object({ subdistrictId: id }),
    body: communityInputSchema,
    status: 201,
    response: placeCreatedSchema,
    handler: ({ deps, params, body }) => createCommunity(deps, params.subdistrictId, body.name),
  }),
  defineRoute({
    method: 'patch',
    path: '/communities/:communityId',
    summary: 'Rename a community',
    tags: ['places'],
    access: rolesAt(['subdistrict_committee'], communityFromParams),
    params: z.object({ communityId: id }),
    body: communityInputSchema,
    response: placeCreatedSchema,
    handler: ({ deps, params, body, place }) => changeCommunityName(deps, params.communityId, place!.subdistrictId, body.name),
  }),
  defineRoute({
    method: 'post',
    path: '/communities/:communityId/compounds',
    summary: 'Add a compound (小区) with its code (used in sign-off numbers) and its notice-board address',
    tags: ['places'],
    access: rolesAt(['subdistrict_committee', 'community_staff'], communityFromParams),
    params: z.object({ communityId: id }),
    body: compoundInputSchema,
    status: 201,
    response: placeCreatedSchema,
    handler: ({ deps, params, body }) => createCompound(deps, params.communityId, body),
  }),
  defineRoute({
    method: 'patch',
    path: '/compounds/:compoundId',
    summary: "Rename a compound or change its notice board's address (its code never changes: sign-off numbers carry it)",
    tags: ['places'],
    access: rolesAt(['subdistrict_committee', 'community_staff'], compoundFromParams),
    params: z.object({ compoundId: id }),
    body: compoundPatchSchema,
    response: placeCreatedSchema,
    handler: ({ deps, params, body, place }) => changeCompound(deps, params.compoundId, place!.communityId!, body),
  }),
];
