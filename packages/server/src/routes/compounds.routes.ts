/** Compounds and their rosters: my compounds, a compound's overview, its units, and the roster file out and in. */
import { COMPOUND_STAFF, ROLES, compoundEndpoints, rosterEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { getCompoundOverview, listCompoundsFor, listRosterUnits } from '../services/compounds.service.js';
import { importRoster, rosterCsv } from '../services/roster.service.js';

/** Roles that may manage a compound's roster (personal data: names and phones). */
export const ROSTER_MANAGERS = COMPOUND_STAFF;
const rosterManagers = rolesAt(ROSTER_MANAGERS, compoundFromParams);

export const compoundRoutes = [
  defineRoute(compoundEndpoints.mine, {
    access: anyUser,
    handler: async ({ deps, actor }) => ({ compounds: await listCompoundsFor(deps, actor) }),
  }),
  defineRoute(compoundEndpoints.overview, {
    access: rolesAt(ROLES, compoundFromParams),
    handler: ({ deps, params }) => getCompoundOverview(deps, params.compoundId),
  }),
  defineRoute(rosterEndpoints.units, {
    access: rosterManagers,
    handler: ({ deps, params }) => listRosterUnits(deps, params.compoundId),
  }),
  defineRoute(rosterEndpoints.csv, {
    access: rosterManagers,
    handler: async ({ c, deps, params }) =>
      c.body(await rosterCsv(deps, params.compoundId), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="roster-${params.compoundId}.csv"`,
      }),
  }),
  defineRoute(rosterEndpoints.import, {
    access: rosterManagers,
    handler: ({ deps, actor, params, query, body }) =>
      importRoster(deps, { compoundId: params.compoundId, userId: actor.userId, rows: body.rows, dryRun: query.dryRun === '1' || query.dryRun === 'true' }),
  }),
];
