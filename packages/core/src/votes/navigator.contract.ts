/**
 * The turnout navigator's endpoints: for the vote's organisers (every building) and building heads
 * (their own buildings): the gauge and the buildings, the units not yet voted, and the visiting list
 * for door-to-door visits as CSV or Excel. Never a choice, nor when or how a unit voted.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { navigatorMissingPageSchema, navigatorMissingQuerySchema, navigatorQuerySchema, navigatorSchema } from './navigator.schema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const voteParams = z.object({ voteId: z.string().min(1).max(40) });
const WHO =
  "The vote's organisers see every building; a building head sees the buildings they head (naming another building is refused). " +
  'Only whether each unit has voted — never a choice, nor when or by which channel.';

export const navigatorEndpoints = {
  summary: endpoint({
    method: 'get',
    path: '/votes/:voteId/navigator',
    summary: 'Turnout navigator: participation against the threshold (what is still missing) and, per building, units voted and heads and area missing',
    description: WHO,
    tags: ['votes'],
    params: voteParams,
    response: navigatorSchema,
  }),
  missing: endpoint({
    method: 'get',
    path: '/votes/:voteId/navigator/missing',
    summary: 'The units not yet voted, a page at a time building by building: label, area, owners to ask for (phones for organisers only)',
    description: WHO,
    tags: ['votes'],
    params: voteParams,
    query: navigatorMissingQuerySchema,
    response: navigatorMissingPageSchema,
  }),
  visitingListCsv: endpoint({
    method: 'get',
    path: '/votes/:voteId/navigator/visiting-list.csv',
    summary: 'The visiting list for building heads as CSV: units not yet voted grouped by building, owners, a column to tick (no phones)',
    description: WHO,
    tags: ['votes'],
    params: voteParams,
    query: navigatorQuerySchema,
    produces: 'text/csv',
  }),
  visitingListXlsx: endpoint({
    method: 'get',
    path: '/votes/:voteId/navigator/visiting-list.xlsx',
    summary: 'The visiting list for building heads as an Excel workbook (same columns as the CSV)',
    description: WHO,
    tags: ['votes'],
    params: voteParams,
    query: navigatorQuerySchema,
    produces: XLSX,
  }),
};
