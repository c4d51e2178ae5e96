/**
 * Voting benchmark. Run from the repository root:
 *
 *   npx tsx packages/server/bench/votes.bench.ts [--seconds 5] [--clients 32]
 *
 * 1. Accepted ballots per second over HTTP: the real server in its own process (main.ts, SQLite
 *    with WAL and synchronous=FULL, so every 201 is a durable commit) on a temporary file with the
 *    demo compound, one open art. 278 vote, `clients` concurrent owners (HTTP clients in this
 *    process) casting and re-casting ballots for the given number of seconds.
 * 2. The raw insert rate of the same SQLite file in the same run: one INSERT per autocommit
 *    transaction (also synchronous=FULL), no HTTP, no validation — the ceiling the API is compared to.
 * 3. Tally time for a vote with 100,000 units: in memory (tallyVote), and from the database
 *    (reading the frozen electorate and 70,000 ballots, then tallying), as closing a vote does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { tallyVote, type ElectorateEntry } from '@yishi/core';
import { openSqlite } from '../src/db/connect.js';
import { tallyFromDb } from '../src/services/votes.service.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SECONDS = arg('seconds', 5);
const CLIENTS = arg('clients', 32);

const dir = mkdtempSync(join(tmpdir(), 'yishi-votes-bench-'));
const dbPath = join(dir, 'bench.db');
const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', YISHI_DB: dbPath, YISHI_WEB_DIST: '', YISHI_SEED_DEMO: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const server = {
  url: await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  }),
};
const shared = openSqlite(dbPath);
const { db } = shared;

async function post(path: string, body: unknown, cookie = ''): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
}
async function login(name: string): Promise<string> {
  const res = await post('/api/auth/login', { login: name, password: 'yishi2026' });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

// Accounts for single-unit owners of 都市春天.
const compoundId = (await db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
const owners = await db
  .selectFrom('ownerships')
  .innerJoin('units', 'units.id', 'ownerships.unit_id')
  .leftJoin('users', 'users.person_id', 'ownerships.person_id')
  .select(['ownerships.person_id as personId'])
  .where('units.compound_id', '=', compoundId)
  .where('users.id', 'is', null)
  .groupBy('ownerships.person_id')
  .having((eb) => eb.fn.countAll(), '=', 1)
  .limit(CLIENTS)
  .execute();
const passwordHash = await hash('yishi2026');
await db
  .insertInto('users')
  .values(owners.map((o, i) => ({ id: `bench-${i}`, person_id: o.personId, username: `bench${i}`, phone: null, display_name: `业主${i}`, password_hash: passwordHash, locale: 'zh-CN', disabled: 0, created_at: new Date().toISOString() })))
  .execute();
const cookies = await Promise.all(owners.map((_, i) => login(`bench${i}`)));

const staff = await login('zhanzhang');
const created = (await (await post(`/api/compounds/${compoundId}/votes`, { title: '基准测试', kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: new Date(Date.now() + 3_600_000).toISOString() }, staff)).json()) as { id: string };
await post(`/api/votes/${created.id}/open`, {}, staff);

// 1. HTTP ballots.
let accepted = 0;
let failed = 0;
const latencies: number[] = [];
const deadline = Date.now() + SECONDS * 1000;
const httpStart = performance.now();
await Promise.all(
  cookies.map(async (cookie, i) => {
    let n = 0;
    while (Date.now() < deadline) {
      const t0 = performance.now();
      const res = await post(`/api/votes/${created.id}/ballots`, { choices: [(i + n++) % 3 === 0 ? 'no' : 'yes'] }, cookie);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.status === 201) accepted += 1;
      else failed += 1;
    }
  }),
);
const httpSeconds = (performance.now() - httpStart) / 1000;
latencies.sort((x, y) => x - y);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
const exited = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
await exited;
await shared.db.destroy();

// 2. Raw inserts into the same file, one durable commit each.
const raw = openSqlite(dbPath);
raw.sqlite.exec('CREATE TABLE bench_raw (id TEXT PRIMARY KEY, vote_id TEXT NOT NULL, unit_id TEXT NOT NULL, choices_json TEXT NOT NULL, cast_at TEXT NOT NULL)');
const insert = raw.sqlite.prepare('INSERT INTO bench_raw VALUES (?, ?, ?, ?, ?)');
let rawCount = 0;
const rawDeadline = Date.now() + SECONDS * 1000;
const rawStart = performance.now();
while (Date.now() < rawDeadline) {
  insert.run(`r${rawCount}`, 'v', `u${rawCount}`, '["yes"]', new Date().toISOString());
  rawCount += 1;
}
const rawSeconds = (performance.now() - rawStart) / 1000;

// 3. Tally of 100,000 units.
const UNITS = 100_000;
const electorate: ElectorateEntry[] = Array.from({ length: UNITS }, (_, i) => ({
  voterKey: `u${i}`,
  ownerPersonIds: [`p${i % 97_000}`], // some owners hold several units
  areaCenti: 6_000 + ((i * 7919) % 9_000),
  developerHeld: i >= UNITS - 500,
}));
const ballots = electorate.slice(0, 70_000).map((e, i) => ({ voterKey: e.voterKey, choices: [i % 4 === 0 ? 'no' : 'yes'] }));
const options = [
  { id: 'yes', label: '同意' },
  { id: 'no', label: '反对' },
  { id: 'abstain', label: '弃权' },
];
const memStart = performance.now();
const memResult = tallyVote({ kind: 'yes_no', electorateKind: 'owners', rule: { kind: 'art278', matter: 5 }, options, seats: 1, electorate, ballots });
const memMs = performance.now() - memStart;

raw.sqlite.pragma('foreign_keys = OFF'); // synthetic units that exist only in this vote
const now = new Date().toISOString();
raw.sqlite
  .prepare(
    "INSERT INTO votes (id, compound_id, title, description, kind, electorate_kind, options_json, max_choices, rule_json, secret, status, closes_at, source_kind, created_by_user_id, created_at, updated_at) VALUES ('big', ?, '十万户', '', 'yes_no', 'owners', ?, 1, ?, 1, 'open', ?, 'direct', 'x', ?, ?)",
  )
  .run(compoundId, JSON.stringify(options), JSON.stringify({ kind: 'art278', matter: 5 }), now, now, now);
const addEntry = raw.sqlite.prepare("INSERT INTO vote_electorate (vote_id, voter_key, unit_id, person_id, label, owner_person_ids, area_centi, developer_held) VALUES ('big', ?, ?, NULL, ?, ?, ?, ?)");
const addBallot = raw.sqlite.prepare("INSERT INTO ballots (id, vote_id, unit_id, choices_json, channel, receipt_code, version, cast_at, slip_number) VALUES (?, 'big', ?, ?, 'online', ?, 1, ?, '')");
raw.sqlite.transaction(() => {
  for (const e of electorate) addEntry.run(e.voterKey, e.voterKey, e.voterKey, JSON.stringify(e.ownerPersonIds), e.areaCenti, e.developerHeld ? 1 : 0);
  for (const b of ballots) addBallot.run(`b${b.voterKey}`, b.voterKey, JSON.stringify(b.choices), `R-${b.voterKey}`, now);
})();
const vote = await raw.db.selectFrom('votes').selectAll().where('id', '=', 'big').executeTakeFirstOrThrow();
const dbStart = performance.now();
const dbResult = await tallyFromDb(raw.db, vote);
const dbMs = performance.now() - dbStart;
await raw.db.destroy();
rmSync(dir, { recursive: true, force: true });

console.log(`Yishi votes benchmark — ${new Date().toISOString()}, node ${process.version}, ${SECONDS}s per phase`);
console.log('command: npx tsx packages/server/bench/votes.bench.ts' + (process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''));
console.log(`HTTP ballots (${cookies.length} concurrent owners, durable commits): ${(accepted / httpSeconds).toFixed(0)} accepted/s (${accepted} accepted, ${failed} refused), latency p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
console.log(`raw SQLite inserts, same file, one durable commit each: ${(rawCount / rawSeconds).toFixed(0)} inserts/s`);
console.log(`HTTP / raw: ${((accepted / httpSeconds / (rawCount / rawSeconds)) * 100).toFixed(1)}%`);
console.log(`tally of ${UNITS.toLocaleString('en')} units, 70,000 ballots, in memory: ${memMs.toFixed(0)} ms (heads ${memResult.electorate.heads}, passed ${memResult.passed})`);
console.log(`tally of ${UNITS.toLocaleString('en')} units read from SQLite (as closing does): ${dbMs.toFixed(0)} ms (passed ${dbResult.passed})`);
