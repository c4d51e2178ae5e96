/**
 * roster.csv at size: a compound of 1,300 units is read, written and sent a page of units at a time
 * (services/roster-export.ts), the event loop free between pages (counted, not timed), with every
 * unit in the file once and in roster order.
 */
import { compareLabels } from '@yishi/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bigRoster } from '../testing/big-roster.js';
import { turnsDuring } from '../testing/event-loop-turns.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { EXPORT_PAGE } from './export-pages.js';
import { createCompound } from './places.service.js';

const ADDED = 1300;
let t: TestApp;
let cy: string;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie, headers: { 'content-type': 'text/csv' }, body: bigRoster(ADDED) });
  expect(imported.status).toBe(200);
});
afterAll(() => t.close());

it('streams a page of units at a time, other work running between pages, every unit once', async () => {
  const { value: chunks, turns } = await turnsDuring(async () => {
    const res = await t.call('GET', `/api/compounds/${cy}/roster.csv`, { cookie });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const read: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) read.push(r.value);
    return read;
  });
  const pages = Math.ceil(ADDED / EXPORT_PAGE);
  // The header, then at least one chunk per page of units; the loop turned between them.
  expect(chunks.length).toBeGreaterThanOrEqual(1 + pages);
  expect(turns).toBeGreaterThanOrEqual(pages - 1);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
  // Once, first, for Excel (trim() would drop it, so it is looked at before).
  expect(text.slice(0, 4)).toBe('\uFEFF楼栋,');
  expect(text.indexOf('\uFEFF', 1)).toBe(-1);
  const lines = text.trim().split('\r\n');
  const added = lines.filter((line) => line.includes(',9,') && line.includes('业主'));
  expect(new Set(added.map((line) => line.split(',').slice(0, 3).join('-'))).size).toBe(ADDED);
  expect(added).toHaveLength(ADDED);
  // Roster order across page boundaries: building, entrance, room, numbers as numbers (2栋 before 10栋).
  const keys = lines.slice(1).map((line) => line.split(',').slice(0, 3));
  const sorted = [...keys].sort((a, b) => compareLabels(a[0]!, b[0]!) || compareLabels(a[1]!, b[1]!) || compareLabels(a[2]!, b[2]!));
  expect(keys).toEqual(sorted);
});

it('a compound with no units yet exports the header alone', async () => {
  const cyRow = await t.deps.db.selectFrom('compounds').select('community_id').where('id', '=', cy).executeTakeFirstOrThrow();
  const empty = await createCompound(t.deps, cyRow.community_id, { name: '新建小区', code: 'XJXQ', address: '宜阳路 9 号' });
  const res = await t.call('GET', `/api/compounds/${empty.id}/roster.csv`, { cookie: await t.login('jiedao') });
  expect(res.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.slice(0, 4)).toBe('\uFEFF楼栋,');
  expect(text.trim().split('\r\n')).toHaveLength(1);
});
