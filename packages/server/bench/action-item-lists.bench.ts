/**
 * The paged action-item lists and ledger of the generated 10,000-unit compound (testing/big-compound.ts):
 * median time of the first page and of the last page at limit 200, through the app's HTTP stack, and
 * their ratio (keyset paging: the last page should cost no more than the first).
 *
 *   YISHI_DB=/tmp/wjhy.db npx tsx packages/server/src/cli.ts generate-compound   # once
 *   npx tsx packages/server/bench/action-item-lists.bench.ts /tmp/wjhy.db        # a copy is read
 */
import { copyFileSync } from 'node:fs';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import type { Deps } from '../src/deps.js';
import { LogSmsSender } from '../src/sms/log-sms-sender.js';
import { BIG_COMPOUND_CODE } from '../src/testing/big-compound.js';

const source = process.argv[2];
if (!source) throw new Error('usage: action-item-lists.bench.ts GENERATED.db');
const path = `${source}.bench-copy`;
copyFileSync(source, path);
const { db } = openDatabase(path);
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
  let lastUrl = base;
  let pages = 1;
  for (let next = (await get(base)).next; next; pages++) {
    lastUrl = `${base}&after=${next}`;
    next = (await get(lastUrl)).next;
  }
  const first = await median(base);
  const last = await median(lastUrl);
  console.log(`${name}: ${pages} pages; first ${first.toFixed(1)} ms, last ${last.toFixed(1)} ms (median of 9); last / first ${(last / first).toFixed(2)}`);
}
await db.destroy();
