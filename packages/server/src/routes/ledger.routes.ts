/** The ledger (台账): its entries, the chain verification and exports in Chinese columns. */
import { COMPOUND_STAFF, ledgerEndpoints, type Role } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, rolesAt } from '../http/route.js';
import { ledgerCsv, ledgerWorkbook, pageLedgerRows, verifyLedger } from '../services/ledger.service.js';

const LEDGER_READERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep', 'building_head'];
const access = rolesAt(LEDGER_READERS, compoundFromParams);

/** Saved as 整改台账.<ext>; the ASCII name is for clients that do not read filename*. */
function attachment(compoundId: string, ext: 'csv' | 'xlsx'): string {
  return `attachment; filename="ledger-${compoundId}.${ext}"; filename*=UTF-8''${encodeURIComponent('整改台账')}.${ext}`;
}

export const ledgerRoutes = [
  defineRoute(ledgerEndpoints.entries, {
    access,
    handler: ({ deps, params, query, locale }) => pageLedgerRows(deps.db, params.compoundId, query, locale),
  }),
  defineRoute(ledgerEndpoints.verify, { access, handler: ({ deps, params }) => verifyLedger(deps.db, params.compoundId) }),
  defineRoute(ledgerEndpoints.csv, {
    access,
    handler: async ({ deps, params }) =>
      new Response(ledgerCsv(deps.db, params.compoundId), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(params.compoundId, 'csv') },
      }),
  }),
  defineRoute(ledgerEndpoints.xlsx, {
    access,
    handler: async ({ deps, params }) =>
      new Response(await ledgerWorkbook(deps.db, params.compoundId), {
        headers: { 'Content-Type': ledgerEndpoints.xlsx.produces, 'Content-Disposition': attachment(params.compoundId, 'xlsx') },
      }),
  }),
];
