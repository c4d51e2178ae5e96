import { COMPOUND_STAFF, ROLES, ROSTER_TEMPLATE_HEADER, groupBy } from '@yishi/core';
import { z } from 'zod';
import { listOwnershipsOfCompound, listUnits } from '../db/repositories/places.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { getCompoundOverview, listCompoundsFor } from '../services/compounds.service.js';
import { importRoster, rosterExportRows } from '../services/roster.service.js';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });

/** Roles that may manage a compound's roster (personal data: names and phones). */
export const ROSTER_MANAGERS = COMPOUND_STAFF;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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
    summary: 'Download the roster as CSV (the same format the import reads, grids and residents included; opens in Excel)',
    tags: ['roster'],
    access: rolesAt(ROSTER_MANAGERS, compoundFromParams),
    params: compoundParams,
    produces: 'text/csv',
    handler: async ({ c, deps, params }) => {
      const rows = await rosterExportRows(deps, params.compoundId);
      const lines = [ROSTER_TEMPLATE_HEADER, ...rows].map((cells) => cells.map(csvCell).join(','));
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="roster-${params.compoundId}.csv"`);
      // The BOM makes Excel read the file as UTF-8 instead of the system code page.
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/roster',
    summary: 'Import the roster from an Excel workbook (.xlsx) or CSV: validated row by row, applied all-or-nothing, safe to re-run',
    description:
      'Send the file as it is: .xlsx (first sheet), CSV in UTF-8 or GB18030, or Excel\'s "Unicode text" (UTF-16, tab-separated). ' +
      'Title rows above the header are skipped; every problem names the row and column (letter and heading). ' +
      'Add ?dryRun=1 to check the file and see what would change without changing anything.',
    tags: ['roster'],
    access: rolesAt(ROSTER_MANAGERS, compoundFromParams),
    params: compoundParams,
    query: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
    body: z.object({ rows: z.array(z.array(z.string())).max(100_000) }),
    bodyKind: 'spreadsheet',
    handler: ({ deps, actor, params, query, body }) =>
      importRoster(deps, { compoundId: params.compoundId, userId: actor.userId, rows: body.rows, dryRun: query.dryRun === '1' || query.dryRun === 'true' }),
  }),
];
