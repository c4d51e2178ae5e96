/**
 * The roster endpoints: the units with their owners, the roster as a CSV file, and the import from
 * the files offices really have. Declared once; the server implements them, the web app calls them,
 * the OpenAPI document describes them.
 */
import { endpoint } from '../contract/endpoint.js';
import { compoundParamsSchema } from '../places/compounds.contract.js';
import { rosterImportQuerySchema, rosterImportSummarySchema, rosterUnitsQuerySchema, rosterUnitsSchema, rosterUploadSchema } from './roster.schema.js';

export const rosterEndpoints = {
  units: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/units',
    summary: 'The roster, a page at a time: each unit with its area and owners',
    tags: ['roster'],
    params: compoundParamsSchema,
    query: rosterUnitsQuerySchema,
    response: rosterUnitsSchema,
  }),
  csv: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/roster.csv',
    summary: 'Download the roster as CSV (the same format the import reads, grids and residents included; opens in Excel)',
    tags: ['roster'],
    params: compoundParamsSchema,
    produces: 'text/csv',
  }),
  import: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/roster',
    summary: 'Import the roster from an Excel workbook (.xlsx) or CSV: validated row by row, applied all-or-nothing, safe to re-run',
    description:
      'Send the file as it is: .xlsx (first sheet), CSV in UTF-8 or GB18030, or Excel\'s "Unicode text" (UTF-16, tab-separated). ' +
      'Title rows above the header are skipped; every problem names the row and column (letter and heading). ' +
      'Add ?dryRun=1 to check the file and see what would change without changing anything.',
    tags: ['roster'],
    params: compoundParamsSchema,
    query: rosterImportQuerySchema,
    body: rosterUploadSchema,
    bodyKind: 'spreadsheet',
    response: rosterImportSummarySchema,
  }),
  importWithProgress: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/roster/with-progress',
    summary: 'The same import, answering its progress as it goes: one JSON object per line (NDJSON)',
    description:
      'Lines: {"type":"progress","phase":"check"|"apply","done":N,"total":N} every few hundred rows, then {"type":"done","summary":{…}} ' +
      '(the import endpoint\'s answer) or {"type":"error","error":{"code","message","details"}}. For a page that shows a progress bar on a 40,000-row file.',
    tags: ['roster'],
    params: compoundParamsSchema,
    query: rosterImportQuerySchema,
    body: rosterUploadSchema,
    bodyKind: 'spreadsheet',
    produces: 'application/x-ndjson',
  }),
};
