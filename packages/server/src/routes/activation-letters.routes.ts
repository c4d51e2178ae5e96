/** Activation letters and who has set up an account, per building. */
import { COMPOUND_STAFF, activationStatusSchema, lettersInputSchema } from '@yishi/core';
import { z } from 'zod';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, rolesAt } from '../http/route.js';
import { activationStatus, printActivationLetters } from '../services/activation-letters.service.js';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const HELPERS = [...COMPOUND_STAFF, 'building_head'] as const;

export const activationLetterRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/activation',
    summary: 'Who has set up an account, per building and per household (a building head sees their building; phones masked for them)',
    tags: ['activation'],
    access: rolesAt(HELPERS, compoundFromParams),
    params: compoundParams,
    response: activationStatusSchema,
    handler: ({ deps, actor, place }) => activationStatus(deps, actor, place!),
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/activation-letters',
    summary: 'Print activation letters (PDF, two per A4 page) for the households without an account, for one building or all',
    description: 'Issues a one-time code per person (valid 30 days) and replaces their earlier letter. A building head prints their own building only.',
    tags: ['activation'],
    access: rolesAt(HELPERS, compoundFromParams),
    finerAccess: 'A building head prints letters for their own building only.',
    params: compoundParams,
    body: lettersInputSchema,
    produces: 'application/pdf',
    handler: async ({ c, deps, actor, place, body }) => {
      const { pdf, count } = await printActivationLetters(deps, actor, place!, body);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="activation-letters-${new Date(deps.clock()).toISOString().slice(0, 10)}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Letter-Count': String(count),
      });
    },
  }),
];
