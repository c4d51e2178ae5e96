/** The public board's anchored heads (./anchors.ts). */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { publishedHeadsSchema } from './anchors.schema.js';

export const anchorEndpoints = {
  heads: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/anchors',
    summary: "Notice board (存证): the published heads of the compound's sign-off ledger and of its votes' ballot logs, to keep and check against",
    description: 'Download it and keep it: `yishi verify-ledger --heads FILE` holds the chains against a copy kept outside the database.',
    tags: ['board', 'public'],
    params: z.object({ compoundId: z.string().min(1).max(40) }),
    response: publishedHeadsSchema,
  }),
};
