/**
 * The roster import with progress (POST …/roster/with-progress): a line of NDJSON per step of 500 rows
 * while a big file is checked and applied, then the summary; a refused file ends the stream with the
 * refusal in words and imports nothing.
 */
import { rosterImportEventSchema } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bigRoster } from '../testing/big-roster.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
});
afterEach(() => t.close());

describe('a big roster reports its progress', () => {
  it('reports its progress line by line while a 6,000-row import runs', async () => {
    const res = await t.call('POST', `/api/compounds/${cy}/roster/with-progress`, { cookie, headers: { 'content-type': 'text/csv' }, body: bigRoster(6000) });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
    const progress = (await res.text())
      .trim()
      .split('\n')
      .map((line) => rosterImportEventSchema.parse(JSON.parse(line)));
    const checks = progress.filter((p) => p.type === 'progress' && p.phase === 'check');
    const applies = progress.flatMap((p) => (p.type === 'progress' && p.phase === 'apply' ? [p] : []));
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(applies.map((p) => p.done)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000]);
    expect(applies.every((p) => p.total === 6000)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ type: 'done', summary: { unitsCreated: 6000, applied: true } });
  });

  it('a refused file ends the stream with the refusal in words', async () => {
    const res = await t.call('POST', `/api/compounds/${cy}/roster/with-progress`, {
      cookie,
      headers: { 'content-type': 'text/csv' },
      body: '楼栋,单元,房号,面积,业主\n1,1,101,abc,张三',
    });
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; error?: { code: string; message: string } });
    expect(lines.at(-1)).toMatchObject({ type: 'error', error: { code: 'roster_invalid' } });
    expect(lines.at(-1)!.error!.message).toContain('有 1 处错误');
    expect(await t.deps.db.selectFrom('units').select('id').where('compound_id', '=', cy).execute()).toHaveLength(12);
  });
});
