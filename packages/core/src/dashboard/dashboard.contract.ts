/**
 * The dashboard endpoints: the governance figures of a subdistrict or community as JSON (charts and
 * the table) and as an Excel workbook with the same numbers.
 */
import { endpoint } from '../contract/endpoint.js';
import { dashboardQuerySchema, dashboardSchema } from './dashboard.schema.js';

export const dashboardEndpoints = {
  get: endpoint({
    method: 'get',
    path: '/dashboard',
    summary: 'Governance figures for a subdistrict or community, per period (?from=&to=, China dates) and optionally one compound',
    description:
      'Meetings held by kind; questions raised, answered on the spot and listed; action items listed, signed off (on time / late), overdue; average working days to sign-off; satisfaction rate; minutes published within the 3-day deadline. Also per compound and per month.',
    tags: ['dashboard'],
    query: dashboardQuerySchema,
    response: dashboardSchema,
  }),
  xlsx: endpoint({
    method: 'get',
    path: '/dashboard.xlsx',
    summary: 'The same figures as an Excel workbook: totals, per compound, per month',
    tags: ['dashboard'],
    query: dashboardQuerySchema,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }),
};
