/**
 * A reusable query (reusable-query.ts) is compiled once per dialect and shape and answers for the
 * values it is given each time; a value that is not in a slot, or a slot without a value, is refused
 * rather than silently reused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { runReusable, slot, updateRows } from './reusable-query.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('answers for each call’s values, built once', async () => {
  const compounds = await t.deps.db.selectFrom('compounds').select(['id', 'code']).orderBy('code').execute();
  expect(compounds.length).toBeGreaterThanOrEqual(2);
  let builds = 0;
  const byId = (id: string) =>
    runReusable(
      t.deps.db,
      'test/compound-by-id',
      () => {
        builds++;
        return t.deps.db.selectFrom('compounds').select('code').where('id', '=', slot('id'));
      },
      { id },
    );
  for (const c of compounds) expect(await byId(c.id)).toEqual([{ code: c.code }]);
  expect(await byId('no-such-compound')).toEqual([]);
  expect(builds).toBe(1);
  // Inside a transaction too.
  await t.deps.db.transaction().execute(async (trx) => {
    expect(
      await runReusable(trx, 'test/compound-by-id', () => trx.selectFrom('compounds').select('code').where('id', '=', slot('id')), { id: compounds[0]!.id }),
    ).toEqual([{ code: compounds[0]!.code }]);
  });
});

it('refuses a value baked into the query, and a slot left without a value', async () => {
  await expect(runReusable(t.deps.db, 'test/baked', () => t.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT'), {})).rejects.toThrow(
    /not a slot/,
  );
  await expect(
    runReusable(t.deps.db, 'test/missing', () => t.deps.db.selectFrom('compounds').select('id').where('code', '=', slot('code')), {}),
  ).rejects.toThrow(/no value for code/);
});

it('updates the rows its where matches with each call’s values, and says how many changed', async () => {
  const [first, second] = await t.deps.db.selectFrom('compounds').select(['id', 'name']).orderBy('code').limit(2).execute();
  const rename = (id: string, name: string) => updateRows(t.deps.db, 'compounds', { name }, { id });
  expect(await rename(first!.id, '改名一')).toBe(1);
  expect(await rename(second!.id, '改名二')).toBe(1);
  expect(await rename('no-such-compound', '无')).toBe(0);
  const names = await t.deps.db.selectFrom('compounds').select(['id', 'name']).where('id', 'in', [first!.id, second!.id]).execute();
  expect(Object.fromEntries(names.map((n) => [n.id, n.name]))).toEqual({ [first!.id]: '改名一', [second!.id]: '改名二' });
  await rename(first!.id, first!.name);
  await rename(second!.id, second!.name);
});
