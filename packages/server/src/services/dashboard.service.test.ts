/**
 * The dashboard's SQL aggregates against the counting as first written: core's computeDashboard over
 * every action item's row and every rating, the path the dashboard took before (kept here as the
 * reference). Hundreds of generated items with sign-offs around China midnight, ties in ratings and
 * sign-offs before their listing; then the number of statements and of rows the dashboard reads,
 * which must not grow with the items.
 */
import { chinaDate, type DashboardQuery, type Rating } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardFromRows } from '../testing/dashboard-reference.js';
import { countingDb } from '../testing/statement-counter.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { getDashboard, getSatisfactionSummary } from './dashboard.service.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
let t: TestApp;
let compoundIds: string[];
let query: DashboardQuery;

/** A deterministic spread of items: statuses, listing and sign-off instants (some at 16:00–24:00 UTC), due dates, ratings. */
async function addItems(count: number, salt: number, days = 380): Promise<void> {
  const user = await t.deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  let seed = salt;
  const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
  const at = (day: number, minute: number) => new Date(Date.parse('2025-11-01T00:00:00Z') + day * 86_400_000 + minute * 60_000).toISOString();
  const statuses = ['open', 'in_progress', 'resolved', 'signed_off', 'signed_off'] as const;
  const ratings: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
  const items: object[] = [];
  const given: object[] = [];
  for (let i = 0; i < count; i++) {
    const id = `gen-${salt}-${i}`;
    const listedDay = days === 380 ? next(days) : 300 + next(days);
    const listedAt = at(listedDay, next(1440));
    const status = statuses[next(statuses.length)]!;
    // A few are signed off "before" their listing day (bad data must still count as before: 0 working days).
    const signedAt = status === 'signed_off' ? at(listedDay + next(Math.min(days, 40)) - 2, next(1440)) : null;
    items.push({
      id,
      compound_id: compoundIds[next(compoundIds.length)]!,
      title: `generated ${i}`,
      source_kind: 'manual',
      source_id: id,
      triage: 'community',
      status,
      deadline_workdays: 5,
      listed_at: listedAt,
      due_date: chinaDate(new Date(Date.parse(listedAt) + next(20) * 86_400_000)),
      sign_off_number: signedAt ? `GEN-${salt}-${i}` : null,
      signed_off_at: signedAt,
      created_at: listedAt,
      updated_at: listedAt,
    });
    // Some have two ratings, some at the same instant (the later id is the latest then).
    for (let r = next(3); signedAt && r > 0; r--) {
      given.push({
        id: `${id}-r${r}-${next(1000)}`,
        action_item_id: id,
        user_id: user.id,
        sign_off_number: `GEN-${salt}-${i}-${r}`,
        rating: ratings[next(3)]!,
        created_at: signedAt,
      });
    }
  }
  for (let i = 0; i < items.length; i += 50)
    await t.deps.db
      .insertInto('action_items')
      .values(items.slice(i, i + 50) as never)
      .execute();
  for (let i = 0; i < given.length; i += 50)
    await t.deps.db
      .insertInto('action_item_ratings')
      .values(given.slice(i, i + 50) as never)
      .execute();
}

/** The figures as the dashboard first computed them: every row of every action item and rating. */
const reference = (ids: readonly string[], from: string, to: string) => dashboardFromRows(t.deps.db, ids, from, to, NOW);

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW });
  const community = await t.deps.db.selectFrom('communities').select(['id', 'subdistrict_id']).where('name', '=', '宜阳社区').executeTakeFirstOrThrow();
  compoundIds = (await t.deps.db.selectFrom('compounds').select('id').execute()).map((c) => c.id);
  query = { scope: 'subdistrict', id: community.subdistrict_id, from: '2026-01-01', to: '2026-11-20' };
  await addItems(400, 11);
}, 180_000);
afterAll(() => t.close());

describe('dashboard aggregates', () => {
  it('gives the figures of the row-by-row counting, in total, per compound and per month, for several periods', async () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-11-20'],
      ['2025-11-01', '2026-11-30'],
      ['2026-03-15', '2026-06-30'],
    ] as const) {
      const view = await getDashboard(t.deps, { ...query, from, to });
      const expected = await reference(compoundIds, from, to);
      expect(expected.figures.actionItems.signedOff).toBeGreaterThan(20);
      expect(view.figures).toEqual(expected.figures);
      expect(view.months).toEqual(expected.months);
      for (const c of view.byCompound) expect(c.figures).toEqual((await reference([c.compoundId], from, to)).figures);
    }
  });

  it('gives the public satisfaction summary of the last 12 months as counted row by row', async () => {
    const id = compoundIds[0]!;
    const summary = await getSatisfactionSummary(t.deps, id);
    const expected = (await reference([id], summary.period.from, summary.period.to)).figures;
    expect(summary.satisfaction).toEqual(expected.satisfaction);
    expect(summary.actionItems.avgWorkdaysToSignOff).toBe(expected.actionItems.avgWorkdaysToSignOff);
  });

  it('reads a number of statements and rows that does not grow with the action items', async () => {
    const measure = async () => {
      const { db, seen } = countingDb(t.deps.db);
      await getDashboard({ ...t.deps, db }, query);
      return { statements: seen.statements, rows: seen.rows };
    };
    const before = await measure();
    // 1,000 more items listed over three days and signed off on the days around them add a row per
    // group (compound, day, on time or not, rating), not a row per item.
    await addItems(1000, 23, 3);
    const after = await measure();
    expect(after.statements).toBe(before.statements);
    expect(after.rows - before.rows).toBeLessThan(120);
  });
});
