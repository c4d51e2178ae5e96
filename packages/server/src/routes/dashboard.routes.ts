/** The governance dashboard for the subdistrict and community: figures per period and compound, and as XLSX. */
import { dashboardEndpoints, type DashboardQuery, type Role } from '@yishi/core';
import { defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { getDashboard, getDashboardWorkbook, placeOfScope } from '../services/dashboard.service.js';

const DASHBOARD_READERS: readonly Role[] = ['subdistrict_committee', 'community_staff'];

/** The subdistrict or community named by ?scope=…&id=… */
const scopePlace: PlaceLookup<unknown, DashboardQuery> = ({ db, query }) => placeOfScope(db, query);

export const dashboardRoutes = [
  defineRoute(dashboardEndpoints.get, { access: rolesAt(DASHBOARD_READERS, scopePlace), handler: ({ deps, query }) => getDashboard(deps, query) }),
  defineRoute(dashboardEndpoints.xlsx, {
    access: rolesAt(DASHBOARD_READERS, scopePlace),
    handler: async ({ deps, query }) => {
      const { bytes, period } = await getDashboardWorkbook(deps, query);
      return new Response(bytes, {
        headers: {
          'Content-Type': dashboardEndpoints.xlsx.produces,
          'Content-Disposition': `attachment; filename="dashboard-${period.from}-${period.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`议事统计-${period.from}-${period.to}`)}.xlsx`,
        },
      });
    },
  }),
];
