/**
 * The action-item lists and the ledger page through a generated compound (testing/big-compound.ts,
 * small here; tests/heavy/big-compound-lists.test.ts runs the 10,000-unit one): every item exactly
 * once although many share their sort keys (listed at the same instant, due the same day), in the
 * list's order, and a bad cursor or limit is refused in words.
 */
import { actionItemEndpoints, encodeCursor, ledgerEndpoints, type ActionItemStaffView, type LedgerRow } from '@yishi/core';
import { CompiledQuery, createQueryId, type QueryId, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_COMPOUND_OWNER, generateBigCompound, type BigCompound } from '../testing/big-compound.js';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { pageActionItemsByUrgency } from '../db/repositories/action-items.repository.js';
import { todayIn } from '../services/action-items.view.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let made: BigCompound;
let staff: string;
const ITEMS = 600;

beforeAll(async () => {
  t = await createTestApp();
  made = await generateBigCompound(t.deps, { units: 300, actionItems: ITEMS, batch: 100 });
  staff = await t.login('jiedao');
}, 300_000);
afterAll(() => t?.close());

const url = listUrl;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const rank = (i: { status: string; overdue: boolean }) => (i.overdue ? 0 : i.status === 'signed_off' ? 3 : i.status === 'resolved' ? 2 : 1);

describe('keyset-paged action-item lists on a generated compound', () => {
  it('the staff list: every item once, most urgent first, with counts of the whole list', async () => {
    const path = `/compounds/${made.compoundId}/action-items`;
    const read = await pageThrough<ActionItemStaffView>((after) => t.call('GET', url(path, { after, limit: 7 }), { cookie: staff }));
    expect(read.statuses.every((s) => s === 200)).toBe(true);
    expect(read.items).toHaveLength(ITEMS);
    expect(repeated(read.items.map((i) => i.id))).toEqual([]);
    expect(read.pages).toBe(Math.ceil(ITEMS / 7));
    const ranks = read.items.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Within the signed off, the latest sign-off first; before them, the earliest due date first.
    const signed = read.items.filter((i) => i.status === 'signed_off').map((i) => i.signedOffAt!);
    expect(signed).toEqual([...signed].sort().reverse());
    const open = read.items.filter((i) => rank(i) === 1).map((i) => i.dueDate);
    expect(open).toEqual([...open].sort());
    const first = await t.ok(actionItemEndpoints.list, { cookie: staff, params: { compoundId: made.compoundId } });
    expect(first.items).toHaveLength(50);
    expect(first.counts).toEqual({
      total: ITEMS,
      signedOff: read.items.filter((i) => i.status === 'signed_off').length,
      overdue: read.items.filter((i) => i.overdue).length,
    });
    expect(first.counts.signedOff).toBe(made.counts.signedOff);
  });

  it('reads the urgency order a segment at a time: the same order as sorting every item, and a page costs the same deep in the list', async () => {
    // Many items share a due date (and sign-offs an instant): ties at page boundaries, broken by the id.
    const today = todayIn(t.deps);
    const all = await t.deps.db.selectFrom('action_items').selectAll().where('compound_id', '=', made.compoundId).execute();
    const rankOf = (r: (typeof all)[number]) => (['open', 'in_progress'].includes(r.status) ? (r.due_date < today ? 0 : 1) : r.status === 'resolved' ? 2 : 3);
    const keyOf = (r: (typeof all)[number]) => (r.status === 'signed_off' ? r.signed_off_at! : r.due_date);
    const reference = [...all]
      .sort((a, b) => rankOf(a) - rankOf(b) || (rankOf(a) === 3 ? cmp(keyOf(b), keyOf(a)) : cmp(keyOf(a), keyOf(b))) || cmp(a.id, b.id))
      .map((r) => r.id);
    expect(new Set(all.map(keyOf)).size).toBeLessThan(all.length);
    // Statements executed and rows answered (a result each: nested queries are part of one statement), and the statements themselves.
    const seen = { statements: 0, rows: 0 };
    const nodes = new Map<QueryId, RootOperationNode>();
    const executed: RootOperationNode[] = [];
    const db = t.deps.db.withPlugin({
      transformQuery: ({ node, queryId }) => {
        nodes.set(queryId, node);
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        seen.statements += 1;
        seen.rows += result.rows.length;
        executed.push(nodes.get(queryId)!);
        return result;
      },
    });
    const perPage: Array<{ statements: number; rows: number }> = [];
    const read: string[] = [];
    let after: string | undefined;
    do {
      const before = { statements: seen.statements, rows: seen.rows };
      const page = await pageActionItemsByUrgency(db, { compoundId: made.compoundId }, today, { limit: 9, ...(after ? { after } : {}) });
      perPage.push({ statements: seen.statements - before.statements, rows: seen.rows - before.rows });
      read.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(read).toEqual(reference);
    // One statement per segment a page reaches (overdue, still open, awaiting sign-off, signed off), and
    // never more rows than the page and the one that tells a next page exists: no page reads the list.
    expect(Math.max(...perPage.map((p) => p.statements))).toBeLessThanOrEqual(4);
    expect(Math.max(...perPage.map((p) => p.rows))).toBeLessThanOrEqual(10);
    expect(perPage.at(-2)!.statements).toBe(1);
    if (t.dialect === 'sqlite') {
      // Each statement reads index ranges in order: SQLite sorts nothing but the limited parts it merges.
      for (const node of executed) {
        const compiled = t.deps.db.getExecutor().compileQuery(node, createQueryId());
        const plan = await t.deps.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        const lines = plan.rows.map((r) => r.detail);
        expect(
          lines.some((l) => /^SCAN action_items/.test(l)),
          lines.join(' | '),
        ).toBe(false);
        lines.forEach((l, i) => {
          if (/TEMP B-TREE/.test(l)) expect(lines[i - 1], lines.join(' | ')).toMatch(/^SCAN part\d$/);
        });
      }
    }
  });

  it('filters page too, and their counts are of the filtered list', async () => {
    const path = `/compounds/${made.compoundId}/action-items`;
    const filters: Array<{ status?: 'signed_off'; overdue?: '1' | '0'; q?: string; triage?: 'red' }> = [
      { status: 'signed_off' },
      { overdue: '1' },
      { overdue: '0' },
      { q: '电梯' },
      { triage: 'red' },
    ];
    for (const query of filters) {
      const read = await pageThrough<ActionItemStaffView>((after) => t.call('GET', url(path, { ...query, after, limit: 11 }), { cookie: staff }));
      const counts = (await t.ok(actionItemEndpoints.list, { cookie: staff, params: { compoundId: made.compoundId }, query })).counts;
      expect(read.items.length, JSON.stringify(query)).toBe(counts.total);
      expect(repeated(read.items.map((i) => i.id))).toEqual([]);
      if (query.status) expect(read.items.every((i) => i.status === query.status)).toBe(true);
      if (query.overdue) expect(read.items.every((i) => i.overdue === (query.overdue === '1'))).toBe(true);
      if (query.q) expect(read.items.every((i) => i.title.includes(query.q!))).toBe(true);
    }
  });

  it('the public board and the ledger page through everything once; the ledger in its sequence', async () => {
    const board = await pageThrough<{ id: string }>((after) => t.call('GET', url(`/public/compounds/${made.compoundId}/action-items`, { after, limit: 13 })));
    expect(board.items).toHaveLength(ITEMS);
    expect(repeated(board.items.map((i) => i.id))).toEqual([]);
    const ledger = await pageThrough<LedgerRow>((after) => t.call('GET', url(`/compounds/${made.compoundId}/ledger`, { after, limit: 50 }), { cookie: staff }));
    expect(ledger.items.map((e) => e.seq)).toEqual(Array.from({ length: ITEMS + made.counts.signedOff }, (_, i) => i + 1));
    expect((await t.ok(ledgerEndpoints.entries, { cookie: staff, params: { compoundId: made.compoundId } })).items).toHaveLength(100);
  });

  it("a resident's own concerns, newest first, in pages of items listed at the same instant", async () => {
    const owner = await t.login(BIG_COMPOUND_OWNER.login, BIG_COMPOUND_OWNER.password);
    const read = await pageThrough<{ id: string; listedAt: string }>((after) =>
      t.call('GET', url(`/compounds/${made.compoundId}/concerns/mine`, { after, limit: 3 }), { cookie: owner }),
    );
    expect(read.items).toHaveLength(made.counts.ownerConcerns);
    expect(repeated(read.items.map((i) => i.id))).toEqual([]);
    const times = read.items.map((i) => i.listedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('refuses a cursor it did not hand out and a limit out of range, in the caller’s language', async () => {
    const path = `/compounds/${made.compoundId}/action-items`;
    const bad = await t.call('GET', url(path, { after: 'bm90LWEtY3Vyc29y' }), { cookie: staff });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('翻页位置');
    // A cursor of the ledger (one key) is not one of this list (three).
    const foreign = await t.call('GET', url(path, { after: encodeCursor([5]) }), { cookie: staff, headers: { 'accept-language': 'en' } });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('page_cursor_invalid');
    // A ledger cursor must hold a number (PostgreSQL would fail comparing the sequence with text).
    const typed = await t.call('GET', url(`/compounds/${made.compoundId}/ledger`, { after: encodeCursor(['x']) }), { cookie: staff });
    expect(typed.status).toBe(400);
    for (const limit of [0, 201, 'x']) {
      const res = await t.call('GET', url(`/compounds/${made.compoundId}/ledger`, { limit }), { cookie: staff, headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('1 to 200');
    }
  });
});
