/**
 * The paged action-item lists and ledger of the generated 10,000-unit compound (testing/big-compound.ts):
 * median time of the first page and of the last page at limit 200, through the app's HTTP stack, and
 * their ratio (keyset paging: the last page should cost no more than the first). Then the staff
 * list's page read alone (the repository's statements, no views) at the first, middle and last page,
 * read a segment at a time as now and as one statement ordering every item by its rank as before.
 *
 *   YISHI_DB=/tmp/wjhy.db npx tsx packages/server/src/cli.ts generate-compound   # once
 *   npx tsx packages/server/bench/action-item-lists.bench.ts /tmp/wjhy.db        # a copy is read
 */
import { copyFileSync } from 'node:fs';
import { decodeCursor } from '@yishi/core';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { pageActionItemsByUrgency } from '../src/db/repositories/action-items.repository.js';
import { todayIn } from '../src/services/action-items.view.js';
import type { Deps } from '../src/deps.js';
import { LogSmsSender } from '../src/sms/log-sms-sender.js';
import { BIG_COMPOUND_CODE } from '../src/testing/big-compound.js';

const source = process.argv[2];
if (!source) throw new Error('usage: action-item-lists.bench.ts GENERATED.db');
const path = `${source}.bench-copy`;
copyFileSync(source, path);
const { db } = openDatabase(path);
// As the server does when it starts (the generated file may predate the latest indexes).
await migrateToLatest(db);
const deps: Deps = { db, config: testConfig({ databasePath: path }), clock: () => new Date(), sms: new LogSmsSender(() => undefined) };
const app = createApp(deps);
const compoundId = (await db.selectFrom('compounds').select('id').where('code', '=', BIG_COMPOUND_CODE).executeTakeFirstOrThrow()).id;
const login = await app.request('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'jiedao', password: 'yishi2026' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

async function get(url: string): Promise<{ ms: number; next: string | null }> {
  const started = performance.now();
  const res = await app.request(url, { headers: { cookie } });
  const body = (await res.json()) as { next: string | null };
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - started, next: body.next };
}
async function median(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) times.push((await get(url)).ms);
  return times.sort((a, b) => a - b)[4]!;
}

for (const [name, base] of [
  ['staff list', `/api/compounds/${compoundId}/action-items?limit=200`],
  ['public action items', `/api/public/compounds/${compoundId}/action-items?limit=200`],
  ['ledger', `/api/compounds/${compoundId}/ledger?limit=200`],
] as const) {
  let lastUrl: string = base;
  let pages = 1;
  for (let next = (await get(base)).next; next; pages++) {
    lastUrl = `${base}&after=${next}`;
    next = (await get(lastUrl)).next;
  }
  const first = await median(base);
  const last = await median(lastUrl);
  console.log(`${name}: ${pages} pages; first ${first.toFixed(1)} ms, last ${last.toFixed(1)} ms (median of 9); last / first ${(last / first).toFixed(2)}`);
}
// ---- the urgency page's statements: now (a segment at a time) against before (every item ranked and sorted) ----
const today = todayIn(deps);
const filter = { compoundId };
const STILL_OPEN = sql`status in ('open', 'in_progress')`;
const rankSql = sql<number>`(case when ${STILL_OPEN} and due_date < ${today} then 0 when ${STILL_OPEN} then 1 when status = 'resolved' then 2 else 3 end)`;
/** The page as first written: one statement ranking and ordering all of the compound's items. */
function pageAsBefore(after: string | undefined) {
  let query = db.selectFrom('action_items').selectAll().select(rankSql.as('urgency_rank')).where('compound_id', '=', compoundId);
  if (after) {
    const [rank, key, id] = decodeCursor(after)!;
    query = query.where(
      Number(rank) === 3
        ? sql<boolean>`(${rankSql} = 3 and (signed_off_at < ${key} or (signed_off_at = ${key} and id > ${id})))`
        : sql<boolean>`(${rankSql} > ${rank} or (${rankSql} = ${rank} and (due_date > ${key} or (due_date = ${key} and id > ${id}))))`,
    );
  }
  return query
    .orderBy(rankSql)
    .orderBy(sql`(case when status <> 'signed_off' then due_date end)`)
    .orderBy(sql`(case when status = 'signed_off' then signed_off_at end)`, 'desc')
    .orderBy('id')
    .limit(201)
    .execute();
}
const cursors: Array<string | undefined> = [undefined];
for (let next = (await pageActionItemsByUrgency(db, filter, today, { limit: 200 })).next; next;) {
  cursors.push(next);
  next = (await pageActionItemsByUrgency(db, filter, today, { limit: 200, after: next })).next;
}
async function medianOf(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[4]!;
}
for (const [name, after] of [
  ['first', cursors[0]],
  ['middle', cursors[Math.floor(cursors.length / 2)]],
  ['last', cursors.at(-1)],
] as const) {
  const same = (await pageActionItemsByUrgency(db, filter, today, { limit: 200, ...(after ? { after } : {}) })).rows.map((r) => r.id).join();
  if (
    same !==
    (await pageAsBefore(after))
      .slice(0, 200)
      .map((r) => r.id)
      .join()
  )
    throw new Error(`${name} page: not the same items as before`);
  const now = await medianOf(() => pageActionItemsByUrgency(db, filter, today, { limit: 200, ...(after ? { after } : {}) }));
  const before = await medianOf(() => pageAsBefore(after));
  console.log(
    `staff page's statements, ${name} page: now ${now.toFixed(1)} ms, before ${before.toFixed(1)} ms (median of 9); now / before ${(now / before).toFixed(2)}`,
  );
}
await db.destroy();
