/** The board's anchored heads (存证): public, to download and keep. */
import { anchorEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { publishedHeadsOf } from '../services/anchors.service.js';

export const anchorRoutes = [
  defineRoute(anchorEndpoints.heads, {
    access: publicAccess,
    handler: ({ deps, params }) => publishedHeadsOf(deps.db, params.compoundId),
  }),
];
