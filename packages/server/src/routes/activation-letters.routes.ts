/** Activation letters and who has set up an account, per building. */
import { COMPOUND_STAFF, activationEndpoints, chinaDate } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, rolesAt } from '../http/route.js';
import { activationHouseholds, activationStatus, printActivationLetters } from '../services/activation-letters.service.js';

const HELPERS = [...COMPOUND_STAFF, 'building_head'] as const;

export const activationLetterRoutes = [
  defineRoute(activationEndpoints.status, {
    access: rolesAt(HELPERS, compoundFromParams),
    handler: ({ deps, actor, place }) => activationStatus(deps, actor, place!),
  }),
  defineRoute(activationEndpoints.households, {
    access: rolesAt(HELPERS, compoundFromParams),
    finerAccess: "A building head sees their own building's households, phones masked, and cannot search by phone.",
    handler: ({ deps, actor, place, query }) => activationHouseholds(deps, actor, place!, query),
  }),
  defineRoute(activationEndpoints.printLetters, {
    access: rolesAt(HELPERS, compoundFromParams),
    finerAccess: 'A building head prints letters for their own building only.',
    handler: async ({ c, deps, actor, place, body }) => {
      const { pdf, count } = await printActivationLetters(deps, actor, place!, body);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="activation-letters-${chinaDate(deps.clock())}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Letter-Count': String(count),
      });
    },
  }),
];
