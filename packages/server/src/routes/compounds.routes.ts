/** Compounds and their rosters: my compounds, a compound's overview, its units, and the roster file out and in. */
import { COMPOUND_STAFF, DomainError, ROLES, compoundEndpoints, rosterEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { getCompoundOverview, listCompoundsFor, listRosterUnits } from '../services/compounds.service.js';
import { rosterCsv, rosterFileName } from '../services/roster-export.js';
import { importRoster } from '../services/roster.service.js';
import { errorBody } from '../http/errors.js';
import { ndjsonStream } from '../http/ndjson.js';

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
    handler: ({ deps, params, query }) => listRosterUnits(deps, params.compoundId, query),
  }),
  defineRoute(rosterEndpoints.csv, {
    access: rosterManagers,
    handler: async ({ c, deps, params }) => {
      const name = await rosterFileName(deps, params.compoundId);
      return c.body(rosterCsv(deps, params.compoundId), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.display)}`,
      });
    },
  }),
  defineRoute(rosterEndpoints.import, {
    access: rosterManagers,
    handler: ({ deps, actor, params, query, body }) =>
      importRoster(deps, { compoundId: params.compoundId, userId: actor.userId, rows: body.rows, dryRun: query.dryRun === '1' || query.dryRun === 'true' }),
  }),
  defineRoute(rosterEndpoints.importWithProgress, {
    access: rosterManagers,
    handler: ({ c, deps, actor, locale, params, query, body }) =>
      ndjsonStream(c, async (send) => {
        const input = { compoundId: params.compoundId, userId: actor.userId, rows: body.rows, dryRun: query.dryRun === '1' || query.dryRun === 'true' };
        try {
          send({ type: 'done', summary: await importRoster(deps, input, send) });
        } catch (error) {
          // Once the stream has begun the status is 200: a refusal travels as the last line.
          if (!(error instanceof DomainError)) throw error;
          send({ type: 'error', error: errorBody(error, locale).error });
        }
      }),
  }),
];
