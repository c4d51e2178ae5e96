/**
 * Every GET route of the API on the synthetic 10,000-unit compound (issue 18: no 500 anywhere, no
 * answer over 500 KB, no request holding the event loop for more than 100 ms), as the heavy test's
 * crawl calls them (tests/heavy/route-crawl.ts: the compound's own rows as path parameters, as staff,
 * its owner or anonymously), each route called in-process three times. Printed per route: status,
 * size, statements, the longest statement (on SQLite a statement runs on the main thread: its time is
 * an event-loop block) and the longest event-loop block of the request (event-loop-block.ts: wall and
 * the main thread's CPU in that gap), the slowest routes first.
 *
 *   node packages/server/dist/cli.js generate-compound --db /tmp/wjhy.db     # once
 *   BENCH_DB=/tmp/wjhy.db npx tsx packages/server/bench/routes-scale.bench.ts [--top 25]
 *
 * The file is copied first (and migrated, as the server does when it starts); a postgres:// BENCH_DB
 * is used in place (its statements do not block the event loop; their times are still printed).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { LogEvent } from 'kysely';
import { crawlGetRoutes } from '../../../tests/heavy/route-crawl.js';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { isPostgresUrl, openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Deps } from '../src/deps.js';
import { DEMO_PASSWORD } from '../src/seed/demo-foundation.seed.js';
import { closePdfRenderer, loadPdfModule } from '../src/services/minutes-pdf.service.js';
import { LogSmsSender } from '../src/sms/log-sms-sender.js';
import { BIG_COMPOUND_CODE, BIG_COMPOUND_OWNER } from '../src/testing/big-compound.js';
import type { TestApp } from '../src/testing/test-app.js';
import { blockText, longestBlock } from './event-loop-block.js';

const source = process.env.BENCH_DB ?? '/tmp/wjhy.db';
const topArg = process.argv.indexOf('--top');
const TOP = topArg >= 0 ? Number(process.argv[topArg + 1]) : 25;
const url = isPostgresUrl(source) ? source : `/tmp/routes-bench-${process.pid}.db`;
if (url !== source) copyFileSync(source, url);

interface Call {
  statements: number;
  longestStatement: number;
  sql: string;
}
let current: Call | null = null;
const log = (event: LogEvent) => {
  if (!current || event.level !== 'query') return;
  current.statements += 1;
  if (event.queryDurationMillis > current.longestStatement) {
    current.longestStatement = event.queryDurationMillis;
    current.sql = event.query.sql;
  }
};

const { db, dialect } = openDatabase(url, { log });
await migrateToLatest(db);
const deps: Deps = { db, config: testConfig({ databasePath: url }), clock: () => new Date(), sms: new LogSmsSender(() => {}) };
const app = createApp(deps);
// As the server's entry point does before it listens (main.ts): the PDF renderer's modules.
await loadPdfModule();

interface Measured {
  url: string;
  status: number;
  bytes: number;
  statements: number;
  longestStatement: number;
  sql: string;
  block: { wall: number; cpu: number };
}
/**
 * One measurement per route, in the crawl's order: the crawl calls a route's URL again with the next
 * cookie while it is refused, and records the last answer, so a call to the same URL as the one before
 * replaces that measurement.
 */
const perRoute: Measured[] = [];

/** The crawl's caller: each request three times, counted and timed; the crawl sees the last answer. */
const call: TestApp['call'] = async (method, path, options = {}) => {
  const headers: Record<string, string> = { ...options.headers, 'accept-encoding': 'gzip' };
  if (options.cookie) headers.cookie = options.cookie;
  const request = () => Promise.resolve(app.request(path, { method, headers }));
  let answer: Response | undefined;
  const calls: Call[] = [];
  const block = await longestBlock(async () => {
    current = { statements: 0, longestStatement: 0, sql: '' };
    calls.push(current);
    answer = await request();
    await answer.clone().arrayBuffer();
    current = null;
  });
  const body = await answer!.clone().arrayBuffer();
  const worst = calls.reduce((a, b) => (b.longestStatement > a.longestStatement ? b : a));
  const last = perRoute.at(-1);
  if (last?.url === path) perRoute.pop();
  perRoute.push({
    url: path,
    status: answer!.status,
    bytes: body.byteLength,
    statements: calls[0]!.statements,
    longestStatement: worst.longestStatement,
    sql: worst.sql,
    block,
  });
  return answer!;
};

async function login(name: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const compound = await db.selectFrom('compounds').select('id').where('code', '=', BIG_COMPOUND_CODE).executeTakeFirstOrThrow();
const vote = await db.selectFrom('votes').select('id').where('compound_id', '=', compound.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
const cookies = [await login('shequ'), await login('jiedao'), await login(BIG_COMPOUND_OWNER.login, BIG_COMPOUND_OWNER.password)];
const started = loadavg();
const crawled = await crawlGetRoutes({ deps, call } as unknown as TestApp, { compoundId: compound.id, voteId: vote.id, cookies });
if (perRoute.length !== crawled.length) throw new Error(`measured ${perRoute.length} routes, the crawl answered ${crawled.length}`);
const rows = crawled.map((c, i) => ({ route: c.route, status: c.status, m: perRoute[i]! }));
rows.sort((a, b) => Math.max(b.m.block.cpu, b.m.longestStatement) - Math.max(a.m.block.cpu, a.m.longestStatement));
console.log(
  `${dialect}: every GET route on compound ${BIG_COMPOUND_CODE} (${crawled.length} routes), ${new Date().toISOString()}, load average ${started.map((l) => l.toFixed(1)).join(' ')} → ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('route | status | gzip KiB | statements | longest statement ms | longest block');
for (const row of rows.slice(0, TOP))
  console.log(
    `${row.route} | ${row.status} | ${(row.m.bytes / 1024).toFixed(1)} | ${row.m.statements} | ${row.m.longestStatement.toFixed(1)} | ${blockText(row.m.block)}` +
      (row.m.longestStatement >= 50 ? `\n    longest: ${row.m.sql.replace(/\s+/g, ' ').slice(0, 140)}` : ''),
  );
const errors = rows.filter((r) => r.status >= 500);
const worstStatement = rows.reduce((a, b) => (b.m.longestStatement > a.m.longestStatement ? b : a));
const worstBlock = rows.reduce((a, b) => (b.m.block.cpu > a.m.block.cpu ? b : a));
console.log(`answers 5xx: ${errors.length}${errors.length ? ` (${errors.map((e) => e.route).join(', ')})` : ''}`);
console.log(`largest answer (gzip): ${(Math.max(...rows.map((r) => r.m.bytes)) / 1024).toFixed(1)} KiB`);
console.log(
  `longest statement: ${worstStatement.m.longestStatement.toFixed(1)} ms (${worstStatement.route}: ${worstStatement.m.sql.replace(/\s+/g, ' ').slice(0, 120)})`,
);
console.log(`longest event-loop block (CPU): ${worstBlock.m.block.cpu.toFixed(0)} ms (${worstBlock.route}, wall ${worstBlock.m.block.wall.toFixed(0)} ms)`);
await db.destroy();
// The PDF routes started the shared Chromium renderer, which would otherwise close after two idle minutes.
await closePdfRenderer();
if (url !== source) rmSync(url, { force: true });
