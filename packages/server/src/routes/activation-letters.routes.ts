/** Activation letters and who has set up an account, per building. */
import { COMPOUND_STAFF, activationEndpoints, chinaDate } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, rolesAt } from '../http/route.js';
import { activationHouseholds, activationStatus, previewActivationLetters, printActivationLetters } from '../services/activation-letters.service.js';

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
  defineRoute(activationEndpoints.previewLetters, {
    access: rolesAt(HELPERS, compoundFromParams),
    finerAccess: 'A building head previews her own building only.',
    handler: ({ deps, actor, place, query }) => previewActivationLetters(deps, actor, place!, query.buildingId ?? null),
  }),
  defineRoute(activationEndpoints.printLetters, {
    access: rolesAt(HELPERS, compoundFromParams),
    finerAccess: 'A building head prints letters for their own building only.',
    handler: async ({ c, deps, actor, place, body }) => {
      const { pdf, count, fileName } = await printActivationLetters(deps, actor, place!, body);
      // Named by compound and building (都市春天小区-2栋-激活信-2026-12-07.pdf), with a plain ASCII name for old browsers.
      const date = chinaDate(deps.clock());
      const building = fileName.building === null ? '全小区' : /^\d+$/.test(fileName.building) ? `${fileName.building}栋` : fileName.building;
      const name = `${fileName.compound}-${building}-激活信-${date}.pdf`;
      const ascii = `activation-letters-${fileName.code}${fileName.building === null ? '' : `-${fileName.building.replace(/[^A-Za-z0-9]+/g, '') || 'building'}`}-${date}.pdf`;
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
        'X-Letter-Count': String(count),
      });
    },
  }),
];
