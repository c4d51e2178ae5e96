/** Behaviour that differs between SQLite and PostgreSQL unless the code takes care; runs on both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
});
afterEach(() => t.close());

describe('portable queries', () => {
  it('searching action items ignores letter case, and % and _ are no wildcards', async () => {
    const cy = await t.compoundId('CY');
    const cookie = await t.login('cuiyuan');
    for (const title of ['LED路灯不亮', '单元门禁卡失灵', '100%_满意']) {
      expect((await t.call('POST', `/api/compounds/${cy}/action-items`, { cookie, json: { title, source: { kind: 'proposal' } } })).status).toBe(201);
    }
    const search = async (q: string) => {
      const res = await t.call('GET', `/api/compounds/${cy}/action-items?q=${encodeURIComponent(q)}`, { cookie });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Array<{ title: string }> }).items.map((i) => i.title).sort();
    };
    expect(await search('led')).toEqual(['LED路灯不亮']);
    expect(await search('门禁')).toEqual(['单元门禁卡失灵']);
    // As wildcards, 'l_d' would find LED and '门%失灵' the door card; they are taken out instead.
    expect(await search('l_d')).toEqual([]);
    expect(await search('门%失灵')).toEqual([]);
    expect(await search('100%_')).toEqual(['100%_满意']);
    expect(await search('x')).toEqual([]);
  });

  it('counts and sums come back as numbers', async () => {
    const cy = await t.compoundId('CY');
    const count = await t.deps.db
      .selectFrom('units')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('area_centi').as('area')])
      .where('compound_id', '=', cy)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(12);
    expect(typeof count.area).toBe('number');
  });
});
