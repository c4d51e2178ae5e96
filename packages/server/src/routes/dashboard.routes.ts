/** The governance dashboard for the subdistrict and community: figures per period and compound, and as XLSX. */
import { dashboardQuerySchema, dashboardRows, type DashboardQuery, type Role } from '@yishi/core';
import writeXlsxFile from 'write-excel-file/node';
import { resolvePlaceChain } from '../db/repositories/places.repository.js';
import { defineRoute, rolesAt, type PlaceLookup } from '../http/route.js';
import { getDashboard } from '../services/dashboard.service.js';

const DASHBOARD_READERS: readonly Role[] = ['subdistrict_committee', 'community_staff'];

/** The subdistrict or community named by ?scope=…&id=… */
const scopePlace: PlaceLookup<unknown, DashboardQuery> = ({ db, query }) => resolvePlaceChain(db, query.scope, query.id);

export const dashboardRoutes = [
  defineRoute({
    method: 'get',
    path: '/dashboard',
    summary: 'Governance figures for a subdistrict or community, per period (?from=&to=, China dates) and optionally one compound',
    description:
      'Meetings held by kind; questions raised, answered on the spot and listed; action items listed, signed off (on time / late), overdue; average working days to sign-off; satisfaction rate; minutes published within the 3-day deadline. Also per compound and per month.',
    tags: ['dashboard'],
    access: rolesAt(DASHBOARD_READERS, scopePlace),
    query: dashboardQuerySchema,
    handler: ({ deps, query }) => getDashboard(deps, query),
  }),
  defineRoute({
    method: 'get',
    path: '/dashboard.xlsx',
    summary: 'The same figures as an Excel workbook: totals, per compound, per month',
    tags: ['dashboard'],
    access: rolesAt(DASHBOARD_READERS, scopePlace),
    query: dashboardQuerySchema,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ deps, query }) => {
      const d = await getDashboard(deps, query);
      const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
      const rows = dashboardRows(d.figures);
      const scopeName = d.compoundId ? (d.compounds.find((c) => c.id === d.compoundId)?.name ?? '') : '全部小区';
      const totals = [
        [bold('统计期间'), { value: `${d.period.from} 至 ${d.period.to}` }],
        [bold('范围'), { value: scopeName }],
        [bold('指标'), bold('数值')],
        ...rows.map((r) => [{ value: r.label['zh-CN'] }, { value: r.value }]),
      ];
      const perCompound = [
        [bold('小区'), ...rows.map((r) => bold(r.label['zh-CN']))],
        ...d.byCompound.map((c) => [{ value: c.name }, ...dashboardRows(c.figures).map((r) => ({ value: r.value }))]),
      ];
      const monthHeader = ['月份', '四方议事会', '居民夜谈', '提出问题', '现场答复', '列入清单', '销号', '按期销号'];
      const perMonth = [
        monthHeader.map(bold),
        ...d.months.map((m) => [m.month, m.fourParty, m.eveningTalk, m.questionsRaised, m.answeredOnTheSpot, m.listed, m.signedOff, m.signedOffOnTime].map((value) => ({ value }))),
      ];
      const buffer = await writeXlsxFile([
        { data: totals, sheet: '汇总', columns: [{ width: 34 }, { width: 24 }] },
        { data: perCompound, sheet: '分小区', columns: [{ width: 16 }, ...rows.map(() => ({ width: 14 }))] },
        { data: perMonth, sheet: '分月', columns: monthHeader.map(() => ({ width: 12 })) },
      ]).toBuffer();
      return new Response(new Uint8Array(buffer), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="dashboard-${d.period.from}-${d.period.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`议事统计-${d.period.from}-${d.period.to}`)}.xlsx`,
        },
      });
    },
  }),
];
