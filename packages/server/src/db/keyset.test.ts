/** Keyset paging on the real database (SQLite here, PostgreSQL under scripts/test-pg.sh): every row once, in order, even when sort keys tie. */
import { encodeCursor } from '@yishi/core';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, readPage, type KeysetKey } from './keyset.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
interface Probe {
  id: string;
  day: string;
  n: number;
}
const rows: Probe[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await sql`create table keyset_probe (id text primary key, day text not null, n integer not null)`.execute(t.deps.db);
  // Few distinct days and numbers: most rows tie on the first key, many on the first two.
  for (let i = 0; i < 57; i++) rows.push({ id: `p${String((i * 37) % 101).padStart(3, '0')}`, day: `2026-12-0${i % 3}`, n: i % 4 });
  for (const row of rows) await sql`insert into keyset_probe (id, day, n) values (${row.id}, ${row.day}, ${row.n})`.execute(t.deps.db);
}, 120_000);
afterAll(() => t.close());

function sorted(keys: readonly KeysetKey[]): string[] {
  return [...rows]
    .sort((a, b) => {
      for (const k of keys) {
        const x = a[k.field as keyof Probe];
        const y = b[k.field as keyof Probe];
        if (x !== y) return (x < y ? -1 : 1) * (k.direction === 'asc' ? 1 : -1);
      }
      return 0;
    })
    .map((r) => r.id);
}

async function pageThrough(keys: readonly KeysetKey[], limit: number): Promise<{ ids: string[]; pages: number }> {
  const db = t.deps.db as unknown as Kysely<{ keyset_probe: Probe }>;
  const ids: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await readPage(db.selectFrom('keyset_probe').selectAll(), keys, { after, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    after = page.next ?? undefined;
    pages++;
  } while (after !== undefined && pages < 100);
  return { ids, pages };
}

describe('keyset paging', () => {
  const orders: Array<[string, KeysetKey[]]> = [
    ['id only', [asc('id')]],
    ['day desc, id desc (row values)', [desc('day'), desc('id')]],
    ['day asc, n asc, id asc (row values)', [asc('day'), asc('n', { type: 'number' }), asc('id')]],
    ['day desc, id asc (mixed)', [desc('day'), asc('id')]],
    ['n asc, day desc, id asc (mixed)', [asc('n', { type: 'number' }), desc('day'), asc('id')]],
  ];
  for (const [name, keys] of orders) {
    it(`${name}: pages give every row exactly once, in order`, async () => {
      for (const limit of [1, 7, 19, 57, 200]) {
        const { ids, pages } = await pageThrough(keys, limit);
        expect(ids).toEqual(sorted(keys));
        expect(pages).toBe(Math.max(1, Math.ceil(57 / limit)));
      }
    });
  }

  it('a cursor of another list (other number of keys) is a 400 page_cursor_invalid, not a database error', async () => {
    const db = t.deps.db as unknown as Kysely<{ keyset_probe: Probe }>;
    await expect(
      readPage(db.selectFrom('keyset_probe').selectAll(), [desc('day'), desc('id')], { after: encodeCursor(['x']), limit: 5 }),
    ).rejects.toMatchObject({
      code: 'page_cursor_invalid',
    });
  });
});
