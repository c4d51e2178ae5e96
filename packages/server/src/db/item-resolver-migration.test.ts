/**
 * Migration 20270114090000_item_resolver gives the items already resolved the account that resolved
 * them last (the author of their latest 'resolved' entry), so that account is refused their sign-off
 * as it would be for an item resolved from now on; down and up again on SQLite and PostgreSQL
 * (scripts/test-pg.sh).
 */
import { actionItemEndpoints } from '@yishi/core';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { migrations } from './migrations/index.js';

let t: TestApp;
let now = new Date('2026-11-16T02:00:00.000Z');
const later = () => (now = new Date(now.getTime() + 60_000));
const items = { open: '', resolved: '', again: '' };
const users: Record<'property' | 'grid', string> = { property: '', grid: '' };
let chief = '';

beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  const dsct = await t.compoundId('DSCT');
  chief = await t.login('zhanzhang');
  const property = await t.login('wuye');
  const grid = await t.login('wangge');
  const userId = async (login: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow()).id;
  users.property = await userId('wuye');
  users.grid = await userId('wangge');
  const list = async (title: string) =>
    (await t.ok(actionItemEndpoints.create, { cookie: chief, params: { compoundId: dsct }, body: { title, source: { kind: 'proposal' } } })).id;
  const resolve = (cookie: string, itemId: string) => t.ok(actionItemEndpoints.resolve, { cookie, params: { itemId }, body: { evidence: '已处理' } });
  items.open = await list('3栋绿化带缺株');
  items.resolved = await list('4栋单元门禁损坏');
  await resolve(property, items.resolved);
  // Resolved by the property company, sent back, then resolved by the grid worker: the grid worker is its resolver.
  items.again = await list('1栋楼道灯不亮');
  await resolve(property, items.again);
  later();
  await t.ok(actionItemEndpoints.return, { cookie: chief, params: { itemId: items.again }, body: { reason: '2楼的灯还不亮' } });
  later();
  await resolve(grid, items.again);
}, 60_000);
afterAll(() => t.close());

describe('item resolver migration', () => {
  it('fills in who resolved each item last, and the sign-off refuses them as it does for items resolved since', async () => {
    const db = t.deps.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('20270113090000_meeting_records');
    expect(down.error).toBeUndefined();
    // Later migrations go down first; this one last.
    expect(down.results?.map((r) => [r.migrationName, r.direction]).slice(-1)).toEqual([['20270114090000_item_resolver', 'Down']]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();

    const resolverOf = async (id: string) =>
      (await db.selectFrom('action_items').select('resolved_by_user_id').where('id', '=', id).executeTakeFirstOrThrow()).resolved_by_user_id;
    expect(await resolverOf(items.open)).toBeNull();
    expect(await resolverOf(items.resolved)).toBe(users.property);
    expect(await resolverOf(items.again)).toBe(users.grid);
    // The demo seed's items came through the services too: each resolved one has its resolver back.
    const seeded = await db.selectFrom('action_items').select(['resolved_at', 'resolved_by_user_id']).where('resolved_at', 'is not', null).execute();
    expect(seeded.length).toBeGreaterThan(3);
    expect(seeded.every((i) => i.resolved_by_user_id !== null)).toBe(true);

    const signOff = async (login: string, itemId: string) =>
      t.api(actionItemEndpoints.signOff, { cookie: await t.login(login), params: { itemId }, body: { resolution: '核实无误' } });
    expect((await signOff('wangge', items.again)).error?.code).toBe('sign_off_by_resolver');
    expect((await signOff('wuye', items.again)).status).toBe(200);
  });
});
