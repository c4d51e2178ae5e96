/**
 * Ballots over HTTP against a ceiling (issue 18), on SQLite and — with BENCH_PG set — on PostgreSQL
 * in the same run. From the repository root (core built first: `npm run build -w @yishi/core`):
 *
 *   npx tsx packages/server/bench/votes.bench.ts [--seconds 8] [--warmup 3] [--rounds 2] [--clients 32]
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/votes.bench.ts
 *
 * Two servers, each in its own process, on the same kind of fresh storage:
 * - Yishi (src/main.ts with the demo compound; SQLite in WAL mode with synchronous=FULL, or a new
 *   database on the durable PostgreSQL that BENCH_PG names): `clients` owners of one flat each, logged
 *   in, cast and re-cast ballots on one open vote — every 201 a durable commit with the receipt, the
 *   ballot log entry and, for a re-cast, the history row;
 * - the ceiling (votes-ceiling-server.ts): hono + @hono/node-server + better-sqlite3 (or pg) doing a
 *   session lookup and one durable upsert of the unit's ballot.
 * This process only generates the load, with autocannon: one connection per owner, each sending its
 * owner's cookie. Each server is warmed up first; then `rounds` rounds alternate between them (Yishi,
 * ceiling, Yishi, …) so that a change in the machine's load falls on both. Printed per storage: accepted
 * ballots per second for each, the ratio, latencies, and the server's CPU time per accepted ballot
 * (from /proc, the server process only).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { createPostgresDatabase } from '../src/testing/pg-database.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SECONDS = arg('seconds', 8);
const WARMUP = arg('warmup', 3);
const ROUNDS = arg('rounds', 2);
const CLIENTS = arg('clients', 32);
const PG_ADMIN = process.env.BENCH_PG || null;
const PASSWORD = 'yishi2026';

interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Starts a server script in its own process and waits for its `serving http://…` line. */
async function spawnServer(script: string, env: Record<string, string>): Promise<Server> {
  // BENCH_PROF=<dir>: the servers write V8 CPU profiles there when they stop.
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time the process has used so far, in ms (user + system, from /proc/<pid>/stat; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Target {
  name: 'Yishi' | 'ceiling';
  server: Server;
  path: string;
  cookies: string[];
  /** How many ballots the server has stored so far (each version counted), read from its database. */
  written: () => Promise<number>;
}

interface Round {
  accepted: number;
  other: number;
  seconds: number;
  cpuMs: number;
  p50: number;
  p99: number;
}

/**
 * Each connection is one owner: it takes the next cookie on its first request and alternates its choice, so that
 * every ballot changes the last one (the same choices sent again are a repeat, answered with the counted ballot and
 * nothing written: that would measure reads, not ballots).
 */
async function load(target: Target, seconds: number): Promise<Round> {
  let next = 0;
  const cpuBefore = cpuMs(target.server.pid);
  const body = (choice: string) => JSON.stringify({ choices: [choice] });
  const result = await autocannon({
    url: `${target.server.url}${target.path}`,
    connections: target.cookies.length,
    duration: seconds,
    method: 'POST',
    body: body('yes'),
    // autocannon resets a request's context after each request, so a connection's owner and turn live here.
    setupClient: (client) => {
      const cookie = target.cookies[next++ % target.cookies.length]!;
      let turn = 0;
      client.setHeadersAndBody({ 'content-type': 'application/json', cookie }, body('yes'));
      client.on('response', () => {
        turn += 1;
        client.setBody(body(turn % 2 === 0 ? 'yes' : 'no'));
      });
    },
  });
  return {
    accepted: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    cpuMs: cpuMs(target.server.pid) - cpuBefore,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** Yishi on a fresh demo database: `clients` single-flat owners with accounts and sessions, one open vote. */
async function startYishi(databaseUrl: string): Promise<Target> {
  const server = await spawnServer('packages/server/src/main.ts', {
    PORT: '0',
    HOST: '127.0.0.1',
    YISHI_DB: databaseUrl,
    YISHI_WEB_DIST: '',
    YISHI_SEED_DEMO: '1',
  });
  const { db } = openDatabase(databaseUrl);
  try {
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const login = async (name: string) => {
      const res = await post('/api/auth/login', { login: name, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const compoundId = (await db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
    const owners = await db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .leftJoin('users', 'users.person_id', 'ownerships.person_id')
      .select('ownerships.person_id as personId')
      .where('units.compound_id', '=', compoundId)
      .where('users.id', 'is', null)
      .groupBy('ownerships.person_id')
      .having((eb) => eb.fn.countAll(), '=', 1)
      .orderBy('ownerships.person_id')
      .limit(CLIENTS)
      .execute();
    if (owners.length < CLIENTS) throw new Error(`only ${owners.length} single-flat owners without an account`);
    const passwordHash = await hash(PASSWORD);
    const createdAt = new Date().toISOString();
    await db
      .insertInto('users')
      .values(
        owners.map((o, i) => ({
          id: `bench-${i}`,
          person_id: o.personId,
          username: `bench${i}`,
          phone: null,
          display_name: `业主${i}`,
          password_hash: passwordHash,
          locale: 'zh-CN',
          disabled: 0,
          created_at: createdAt,
        })),
      )
      .execute();
    const cookies = await Promise.all(owners.map((_, i) => login(`bench${i}`)));
    const staff = await login('zhanzhang');
    // A majority vote without the statutory timeline: it opens at once.
    const rule = { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' };
    const vote = { title: '基准测试', kind: 'yes_no', rule, closesAt: new Date(Date.now() + 3_600_000).toISOString() };
    const created = await post(`/api/compounds/${compoundId}/votes`, vote, staff);
    if (created.status !== 201) throw new Error(`create vote: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const opened = await post(`/api/votes/${id}/open`, {}, staff);
    if (opened.status !== 200) throw new Error(`open vote: ${opened.status} ${await opened.text()}`);
    const written = async () => {
      const reader = openDatabase(databaseUrl).db;
      try {
        const row = await reader
          .selectFrom('ballot_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('vote_id', '=', id)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await reader.destroy();
      }
    };
    return { name: 'Yishi', server, path: `/api/votes/${id}/ballots`, cookies, written };
  } finally {
    await db.destroy();
  }
}

async function startCeiling(databaseUrl: string): Promise<Target> {
  const server = await spawnServer('packages/server/bench/votes-ceiling-server.ts', { CEILING_DB: databaseUrl, CEILING_SESSIONS: String(CLIENTS) });
  const cookies = Array.from({ length: CLIENTS }, (_, i) => `yishi_session=ceiling-session-${i}`);
  const written = async () => {
    const reader = openDatabase(databaseUrl).db;
    try {
      const result = await sql<{ n: number | string | null }>`SELECT SUM(version) AS n FROM c_ballots`.execute(reader);
      return Number(result.rows[0]?.n ?? 0);
    } finally {
      await reader.destroy();
    }
  };
  return { name: 'ceiling', server, path: '/api/votes/ceiling-vote/ballots', cookies, written };
}

interface Figures {
  /** Ballots the server stored over the whole measure (warm-up included), and the 2xx answers it gave. */
  written: number;
  answered: number;
  perSecond: number;
  other: number;
  cpuPerBallot: number;
  p50: number;
  p99: number;
}

function summarise(rounds: Round[], written: number, answered: number): Figures {
  const accepted = rounds.reduce((sum, r) => sum + r.accepted, 0);
  return {
    written,
    answered,
    perSecond: accepted / rounds.reduce((sum, r) => sum + r.seconds, 0),
    other: rounds.reduce((sum, r) => sum + r.other, 0),
    cpuPerBallot: rounds.reduce((sum, r) => sum + r.cpuMs, 0) / accepted,
    p50: Math.max(...rounds.map((r) => r.p50)),
    p99: Math.max(...rounds.map((r) => r.p99)),
  };
}

async function measure(label: string, yishiDb: string, ceilingDb: string): Promise<{ label: string; yishi: Figures; ceiling: Figures }> {
  const yishi = await startYishi(yishiDb);
  const ceiling = await startCeiling(ceilingDb);
  try {
    const warmup = { Yishi: await load(yishi, WARMUP), ceiling: await load(ceiling, WARMUP) };
    const rounds = { Yishi: [] as Round[], ceiling: [] as Round[] };
    for (let i = 0; i < ROUNDS; i += 1) for (const target of [yishi, ceiling]) rounds[target.name].push(await load(target, SECONDS));
    const answered = (name: Target['name']) => [warmup[name], ...rounds[name]].reduce((sum, r) => sum + r.accepted, 0);
    return {
      label,
      yishi: summarise(rounds.Yishi, await yishi.written(), answered('Yishi')),
      ceiling: summarise(rounds.ceiling, await ceiling.written(), answered('ceiling')),
    };
  } finally {
    await yishi.server.stop();
    await ceiling.server.stop();
  }
}

const load1 = loadavg()[0]!;
const columns: Array<Awaited<ReturnType<typeof measure>>> = [];
{
  const dir = mkdtempSync(join(tmpdir(), 'yishi-votes-bench-'));
  try {
    columns.push(await measure('SQLite', join(dir, 'yishi.db'), join(dir, 'ceiling.db')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (PG_ADMIN) {
  const yishiDb = await createPostgresDatabase(PG_ADMIN, 'yishi_bench');
  const ceilingDb = await createPostgresDatabase(PG_ADMIN, 'yishi_bench_ceiling');
  try {
    columns.push(await measure('PostgreSQL', yishiDb.url, ceilingDb.url));
  } finally {
    await yishiDb.drop();
    await ceilingDb.drop();
  }
}

const n = (value: number) => Math.round(value).toLocaleString('en');
const rows: Array<[string, (c: (typeof columns)[number]) => string]> = [
  [`Yishi: ballots accepted over HTTP, ${CLIENTS} owners`, (c) => `${n(c.yishi.perSecond)} /s`],
  ['ceiling: session lookup + durable upsert', (c) => `${n(c.ceiling.perSecond)} /s`],
  ['Yishi / ceiling', (c) => (c.yishi.perSecond / c.ceiling.perSecond).toFixed(2)],
  ['server CPU per accepted ballot, Yishi / ceiling', (c) => `${c.yishi.cpuPerBallot.toFixed(2)} / ${c.ceiling.cpuPerBallot.toFixed(2)} ms`],
  ['latency p50 (worst round), Yishi / ceiling', (c) => `${c.yishi.p50} / ${c.ceiling.p50} ms`],
  ['latency p99 (worst round), Yishi / ceiling', (c) => `${c.yishi.p99} / ${c.ceiling.p99} ms`],
  ['answers other than 2xx, Yishi / ceiling', (c) => `${c.yishi.other} / ${c.ceiling.other}`],
  ['ballots stored / 2xx answers, Yishi', (c) => `${n(c.yishi.written)} / ${n(c.yishi.answered)}`],
  ['ballots stored / 2xx answers, ceiling', (c) => `${n(c.ceiling.written)} / ${n(c.ceiling.answered)}`],
];
console.log(
  `Yishi ballots benchmark — ${new Date().toISOString()}, node ${process.version}, warm-up ${WARMUP}s, ${ROUNDS} rounds of ${SECONDS}s each, load average ${load1.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `command: ${PG_ADMIN ? 'BENCH_PG=<admin url> ' : ''}npx tsx packages/server/bench/votes.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
);
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
const columnWidth = Math.max(...rows.flatMap(([, value]) => columns.map((c) => value(c).length))) + 2;
console.log(['measure'.padEnd(width), ...columns.map((c) => c.label.padEnd(columnWidth))].join('').trimEnd());
for (const [label, value] of rows) console.log([label.padEnd(width), ...columns.map((c) => value(c).padEnd(columnWidth))].join('').trimEnd());
