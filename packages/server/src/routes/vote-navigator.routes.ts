/** The turnout navigator: for a vote's organisers (every building) and building heads (their own buildings). */
import { navigatorEndpoints, type Role } from '@yishi/core';
import { defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { VOTE_ORGANISERS } from '../services/vote-views.service.js';
import { getNavigatorMissingPage } from '../services/vote-navigator-missing.js';
import { getNavigator, placeOfNavigator, visitingListCsv, visitingListWorkbook, type VisitingListFile } from '../services/vote-navigator.service.js';

const NAVIGATORS: readonly Role[] = [...VOTE_ORGANISERS, 'building_head'];

/** The vote's place, narrowed to the building named in the query: a building head passes only at their own. */
const navigatorPlace: PlaceLookup<{ voteId: string }, { buildingId?: string } | undefined> = ({ db, params, query }) =>
  placeOfNavigator(db, params.voteId, query?.buildingId);

const access = rolesAt(NAVIGATORS, navigatorPlace);

/** Saved as 走访清单（1栋）.<ext>; the ASCII name is for clients that do not read filename*. */
function attachment(voteId: string, file: VisitingListFile, ext: 'csv' | 'xlsx'): string {
  const name = file.building ? `走访清单（${file.building}）` : '走访清单';
  return `attachment; filename="visiting-list-${voteId}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}.${ext}`;
}

export const voteNavigatorRoutes = [
  defineRoute(navigatorEndpoints.summary, {
    access,
    handler: ({ deps, actor, params, place, locale }) => getNavigator(deps, actor, params.voteId, place!, locale),
  }),
  defineRoute(navigatorEndpoints.missing, {
    access,
    handler: ({ deps, actor, params, query, place, locale }) => getNavigatorMissingPage(deps, actor, params.voteId, place!, query, locale),
  }),
  defineRoute(navigatorEndpoints.visitingListCsv, {
    access,
    handler: async ({ deps, actor, params, query, place, locale }) => {
      const file = await visitingListCsv(deps, actor, params.voteId, place!, query.buildingId, locale);
      return new Response(file.body, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(params.voteId, file, 'csv') },
      });
    },
  }),
  defineRoute(navigatorEndpoints.visitingListXlsx, {
    access,
    handler: async ({ deps, actor, params, query, place, locale }) => {
      const file = await visitingListWorkbook(deps, actor, params.voteId, place!, query.buildingId, locale);
      return new Response(file.body, {
        headers: { 'Content-Type': navigatorEndpoints.visitingListXlsx.produces, 'Content-Disposition': attachment(params.voteId, file, 'xlsx') },
      });
    },
  }),
];
