/**
 * The compounds endpoints: the compounds I work in, own in or live in, and one compound's overview.
 * Declared once; the server implements them, the web app calls them, the OpenAPI document describes
 * them. (Creating and renaming compounds are the accounts feature's placeEndpoints.)
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { compoundOverviewSchema, myCompoundsSchema } from './compounds.schema.js';

export const compoundParamsSchema = z.object({ compoundId: z.string().min(1).max(40) });

export const compoundEndpoints = {
  mine: endpoint({ method: 'get', path: '/compounds', summary: 'The compounds I work in, own in or live in', tags: ['places'], response: myCompoundsSchema }),
  overview: endpoint({
    method: 'get',
    path: '/compounds/:compoundId',
    summary: 'Compound overview: buildings, units, owners, area, the four parties and the station team',
    tags: ['places'],
    params: compoundParamsSchema,
    response: compoundOverviewSchema,
  }),
};
