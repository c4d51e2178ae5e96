import { COMPOUND_STAFF, ROLES, ROSTER_TEMPLATE_HEADER, formatAreaCenti, groupBy } from '@yishi/core';
import { z } from 'zod';
import { listOwnershipsOfCompound, listUnits } from '../db/repositories/places.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { getCompoundOverview, listCompoundsFor } from '../services/compounds.service.js';
import { importRoster } from '../services/roster.service.js';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });

/** Roles that may manage a compound's roster (personal data: names and phones). */
export const ROSTER_MANAGERS = COMPOUND_STAFF;

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const compoundRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds',
    summary: 'The compounds I work in, own in or live in',
    tags: ['places'],
    access: anyUser,
    handler: async ({ deps, actor }) => ({ compounds: await listCompoundsFor(deps, actor) }),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId',
    summary: 'Compound overview: buildings, units, owners, area, the four parties and the station team',
    tags: ['places'],
    access: rolesAt(ROLES, compoundFromParams),
    params: compoundParams,
    handler: ({ deps, params }) => getCompoundOverview(deps, params.compoundId),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/units',
    summary: 'The roster: every unit with its area and owners',
    tags: ['roster'],
    access: rolesAt(ROSTER_MANAGERS, compoundFromParams),
    params: compoundParams,
    handler: async ({ deps, params }) => {
      const units = await listUnits(deps.db, params.compoundId);
      const owners = await listOwnershipsOfCompound(deps.db, params.compoundId);
      const byUnit = groupBy(owners, (o) => o.unitId);
      return {
        units: units.map((u) => ({
          id: u.id,
          building: u.building,
          entrance: u.entrance,
          room: u.room,
          areaCenti: u.area_centi,
          areaSource: u.area_source,
          developerHeld: u.developer_held === 1,
          owners: (byUnit.get(u.id) ?? []).map((o) => ({ personId: o.personId, name: o.name, phone: o.phone })),
        })),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/roster.csv',
    summary: 'Download the roster as CSV (the same format the import reads; opens in Excel)',
    tags: ['roster'],
    access: rolesAt(ROSTER_MANAGERS, compoundFromParams),
    params: compoundParams,
    produces: 'text/csv',
    handler: async ({ c, deps, params }) => {
      const units = await listUnits(deps.db, params.compoundId);
      const owners = groupBy(await listOwnershipsOfCompound(deps.db, params.compoundId), (o) => o.unitId);
      const areaWords: Record<string, string> = { registered: '登记', surveyed: '测绘', contract: '合同' };
      const lines = [ROSTER_TEMPLATE_HEADER.join(',')];
      for (const u of units) {
        const list = owners.get(u.id) ?? [];
        lines.push(
          [u.building, u.entrance, u.room, formatAreaCenti(u.area_centi), areaWords[u.area_source] ?? '登记', list.map((o) => o.name).join('、'), list.map((o) => o.phone ?? '').join('、'), u.developer_held ? '是' : '否']
            .map(csvCell)
            .join(','),
        );
      }
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="roster-${params.compoundId}.csv"`);
      // The BOM makes Excel read the file as UTF-8 instead of the system code page.
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/roster',
    summary: 'Import the roster from CSV: validated row by row, applied all-or-nothing, safe to re-run',
    description: 'Add ?dryRun=1 to check the file and see what would change without changing anything.',
    tags: ['roster'],
    access: rolesAt(ROSTER_MANAGERS, compoundFromParams),
    params: compoundParams,
    query: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
    body: z.string().max(2_000_000),
    bodyKind: 'csv',
    handler: ({ deps, actor, params, query, body }) =>
      importRoster(deps, { compoundId: params.compoundId, userId: actor.userId, csv: body, dryRun: query.dryRun === '1' || query.dryRun === 'true' }),
  }),
];
