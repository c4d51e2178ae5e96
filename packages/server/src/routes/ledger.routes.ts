/** The ledger (台账): its entries, the chain verification and exports in Chinese columns. */
import { COMPOUND_STAFF, type Role } from '@yishi/core';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import { listLedgerWithItems } from '../db/repositories/ledger.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, rolesAt } from '../http/route.js';
import { verifyLedger } from '../services/ledger.service.js';

const LEDGER_READERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep', 'building_head'];
const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });

const KIND_WORDS: Record<string, string> = { listed: '列入清单', signed_off: '销号', reopened: '不满意重新办理' };
const STATUS_WORDS: Record<string, string> = { open: '待办理', in_progress: '办理中', resolved: '已办结待销号', signed_off: '已销号' };
const SOURCE_WORDS: Record<string, string> = { evening_question: '居民夜谈', council_outcome: '四方议事会', proposal: '提案', concern: '居民反映' };

export const LEDGER_COLUMNS = ['序号', '记录类型', '销号编号', '整改事项', '来源', '责任单位', '截止日期', '办理结果', '销号人', '当前状态', '记录时间', '哈希'] as const;

type Payload = {
  source?: { kind?: string };
  responsibleUnit?: string | null;
  dueDate?: string;
  resolution?: string;
  signedOffBy?: { name?: string };
  comment?: string;
};

async function ledgerRows(db: Parameters<typeof listLedgerWithItems>[0], compoundId: string) {
  const entries = await listLedgerWithItems(db, compoundId);
  return entries.map((e) => {
    const p = JSON.parse(e.payload) as Payload;
    return {
      seq: Number(e.seq),
      kind: e.kind,
      kindWord: KIND_WORDS[e.kind] ?? e.kind,
      signOffNumber: e.signOffNumber,
      actionItemId: e.actionItemId,
      title: e.title,
      source: p.source?.kind ? (SOURCE_WORDS[p.source.kind] ?? p.source.kind) : '',
      responsibleUnit: p.responsibleUnit ?? '',
      dueDate: p.dueDate ?? '',
      resolution: p.resolution ?? p.comment ?? '',
      signedOffBy: p.signedOffBy?.name ?? '',
      status: e.status,
      statusWord: STATUS_WORDS[e.status] ?? e.status,
      createdAt: e.createdAt,
      hash: e.hash,
    };
  });
}

type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

/** The time as read in China, 2026-11-21 14:05. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function cells(r: LedgerRow): (string | number)[] {
  return [r.seq, r.kindWord, r.signOffNumber ?? '', r.title, r.source, r.responsibleUnit, r.dueDate, r.resolution, r.signedOffBy, r.statusWord, chinaTime(r.createdAt), r.hash];
}

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would make Excel run the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const ledgerRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/ledger',
    summary: 'The append-only ledger of a compound, oldest first',
    tags: ['ledger'],
    access: rolesAt(LEDGER_READERS, compoundFromParams),
    params: compoundParams,
    handler: async ({ deps, params }) => ({ entries: await ledgerRows(deps.db, params.compoundId) }),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/ledger/verify',
    summary: 'Recompute the hash chain; names the first broken entry if any row was altered or removed',
    tags: ['ledger'],
    access: rolesAt(LEDGER_READERS, compoundFromParams),
    params: compoundParams,
    handler: ({ deps, params }) => verifyLedger(deps.db, params.compoundId),
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/ledger.csv',
    summary: 'Export the ledger as CSV (UTF-8 with BOM, Chinese column names)',
    tags: ['ledger'],
    access: rolesAt(LEDGER_READERS, compoundFromParams),
    params: compoundParams,
    produces: 'text/csv',
    handler: async ({ c, deps, params }) => {
      const rows = await ledgerRows(deps.db, params.compoundId);
      const lines = [LEDGER_COLUMNS.join(','), ...rows.map((r) => cells(r).map(csvCell).join(','))];
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="ledger-${params.compoundId}.csv"; filename*=UTF-8''${encodeURIComponent('整改台账')}.csv`);
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/ledger.xlsx',
    summary: 'Export the ledger as an Excel workbook (Chinese column names)',
    tags: ['ledger'],
    access: rolesAt(LEDGER_READERS, compoundFromParams),
    params: compoundParams,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ deps, params }) => {
      const rows = await ledgerRows(deps.db, params.compoundId);
      const header = LEDGER_COLUMNS.map((value) => ({ value, fontWeight: 'bold' as const }));
      const data = [header, ...rows.map((r) => cells(r).map((value) => ({ value })))];
      const buffer = await writeXlsxFile(data, { sheet: '整改台账', columns: [6, 14, 16, 30, 12, 14, 12, 30, 10, 12, 17, 20].map((width) => ({ width })) }).toBuffer();
      return new Response(new Uint8Array(buffer), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename="ledger-${params.compoundId}.xlsx"; filename*=UTF-8''${encodeURIComponent('整改台账')}.xlsx`,
        },
      });
    },
  }),
];
