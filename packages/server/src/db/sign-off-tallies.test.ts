/**
 * The sign-off counts the database keeps with triggers (migration 20270104080000): after every kind
 * of change to action items and ratings — a sign-off, a reopen, a new due date, a new latest rating
 * (and one tied in time with the last), several ratings in one statement, a rating or an item removed — they equal the counts made in
 * JavaScript from every row, with core's China dates. On SQLite and PostgreSQL.
 */
import { chinaDate } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW });
}, 60_000);
afterAll(() => t.close());

/** The counts as the tables hold them (rows of 0 left out), and as counted from the rows. */
async function both() {
  const db = t.deps.db;
  const kept = (await db.selectFrom('sign_off_tallies').selectAll().where('count', '>', 0).execute())
    .map((r) => `${r.compound_id}|${r.signed_on}|${Number(r.on_time)}|${Number(r.forward)}|${r.rating}|${Number(r.count)}`)
    .sort();
  const keptListing = (await db.selectFrom('sign_off_listing_tallies').selectAll().where('count', '>', 0).execute())
    .map((r) => `${r.compound_id}|${r.signed_on}|${r.listed_on}|${Number(r.count)}`)
    .sort();
  const items = await db.selectFrom('action_items').select(['id', 'compound_id', 'status', 'listed_at', 'signed_off_at', 'due_date']).execute();
  const ratings = await db.selectFrom('action_item_ratings').select(['id', 'action_item_id', 'rating', 'created_at']).execute();
  const latest = new Map<string, { rating: string; at: string; id: string }>();
  for (const r of ratings) {
    const now = latest.get(r.action_item_id);
    if (!now || r.created_at > now.at || (r.created_at === now.at && r.id > now.id))
      latest.set(r.action_item_id, { rating: r.rating, at: r.created_at, id: r.id });
  }
  const counts = new Map<string, number>();
  const listing = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const item of items) {
    if (item.status !== 'signed_off' || !item.signed_off_at) continue;
    const signedOn = chinaDate(new Date(item.signed_off_at));
    const listedOn = chinaDate(new Date(item.listed_at));
    const forward = listedOn <= signedOn;
    add(counts, `${item.compound_id}|${signedOn}|${signedOn <= item.due_date ? 1 : 0}|${forward ? 1 : 0}|${latest.get(item.id)?.rating ?? ''}`);
    if (forward) add(listing, `${item.compound_id}|${signedOn}|${listedOn}`);
  }
  return {
    kept,
    keptListing,
    counted: [...counts].map(([k, n]) => `${k}|${n}`).sort(),
    countedListing: [...listing].map(([k, n]) => `${k}|${n}`).sort(),
  };
}

async function expectTrue(): Promise<void> {
  const { kept, keptListing, counted, countedListing } = await both();
  expect(kept).toEqual(counted);
  expect(keptListing).toEqual(countedListing);
}

describe('sign-off counts kept by the database', () => {
  it('hold for the demo compound as seeded, and after every kind of change to items and ratings', async () => {
    const db = t.deps.db;
    const { counted } = await both();
    // The demo has sign-offs, some rated: the counts are not trivially empty.
    expect(counted.length).toBeGreaterThan(0);
    await expectTrue();

    const signedOff = await db.selectFrom('action_items').selectAll().where('status', '=', 'signed_off').orderBy('id').execute();
    const open = await db.selectFrom('action_items').selectAll().where('status', '!=', 'signed_off').orderBy('id').execute();
    expect(signedOff.length).toBeGreaterThan(1);
    expect(open.length).toBeGreaterThan(1);
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const [first, second] = signedOff as [(typeof signedOff)[number], (typeof signedOff)[number]];

    // Signed off (late, on a China day that is the next UTC day), then another whose listing comes after its sign-off.
    await db
      .updateTable('action_items')
      .set({ status: 'signed_off', signed_off_at: '2026-11-19T17:30:00.000Z', sign_off_number: 'T-1' })
      .where('id', '=', open[0]!.id)
      .execute();
    await db
      .updateTable('action_items')
      .set({ status: 'signed_off', signed_off_at: '2026-01-01T00:00:00.000Z', sign_off_number: 'T-2' })
      .where('id', '=', open[1]!.id)
      .execute();
    await expectTrue();

    // A new due date, then a reopen.
    await db.updateTable('action_items').set({ due_date: '2020-01-01' }).where('id', '=', first.id).execute();
    await expectTrue();
    await db.updateTable('action_items').set({ status: 'open', signed_off_at: null, sign_off_number: null }).where('id', '=', second.id).execute();
    await expectTrue();

    // A latest rating, one tied with it in time (the greater id wins), an older one that changes nothing, then one removed.
    const rate = (id: string, rating: string, at: string) =>
      db
        .insertInto('action_item_ratings')
        .values({ id, action_item_id: first.id, user_id: user.id, sign_off_number: id, rating: rating as never, comment: '', reopened: 0, created_at: at })
        .execute();
    await rate('rating-b', 'dissatisfied', '2026-11-19T10:00:00.000Z');
    await expectTrue();
    await rate('rating-c', 'satisfied', '2026-11-19T10:00:00.000Z');
    await expectTrue();
    await rate('rating-a', 'basically_satisfied', '2025-01-01T10:00:00.000Z');
    await expectTrue();
    await db.deleteFrom('action_item_ratings').where('id', '=', 'rating-c').execute();
    await expectTrue();
    // Two ratings of one item in one statement (PostgreSQL runs AFTER row triggers at the statement's end).
    const row = (id: string, rating: string, at: string) => ({
      id,
      action_item_id: first.id,
      user_id: user.id,
      sign_off_number: id,
      rating: rating as never,
      comment: '',
      reopened: 0,
      created_at: at,
    });
    await db
      .insertInto('action_item_ratings')
      .values([row('rating-e', 'satisfied', '2026-11-19T11:00:00.000Z'), row('rating-d', 'dissatisfied', '2026-11-19T12:00:00.000Z')])
      .execute();
    await expectTrue();
    await db.deleteFrom('action_item_ratings').where('id', 'in', ['rating-d', 'rating-e']).execute();
    await expectTrue();

    // An item added already signed off, then removed.
    const { id: _id, ...rest } = first;
    await db
      .insertInto('action_items')
      .values({ ...rest, id: 'tally-item', source_id: 'tally-item', sign_off_number: 'T-3', signed_off_at: '2026-11-18T01:00:00.000Z' })
      .execute();
    await expectTrue();
    await db.deleteFrom('action_items').where('id', '=', 'tally-item').execute();
    await expectTrue();
  });
});
