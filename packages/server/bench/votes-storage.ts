/**
 * One column of the votes benchmark (votes.bench.ts): the HTTP ballot rate, the raw insert rate and
 * the tally read back, measured on one storage — a temporary SQLite file or a fresh PostgreSQL
 * database — with the real server in its own process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import type { ElectorateEntry, VoteKind } from '@yishi/core';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, openSqlite, type DialectName } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { tallyFromDb } from '../src/services/votes.service.js';
import { createPostgresDatabase } from '../src/testing/pg-database.js';
import { insertSyntheticVote, syntheticBallot } from '../src/testing/synthetic-vote.js';

/** The server's PostgreSQL pool size (db/connect.ts): the concurrency its commits can have. */
const POOL_WRITERS = 10;

export interface Storage {
  label: 'SQLite' | 'PostgreSQL';
  /** What YISHI_DB takes. */
  url: string;
  drop: () => Promise<void>;
}

export interface StorageFigures {
  label: string;
  durability: string;
  httpPerSecond: number;
  accepted: number;
  refused: number;
  p50: number;
  p99: number;
  rawOneWriter: number;
  /** PostgreSQL only: POOL_WRITERS connections inserting at once. */
  rawPoolWriters: number | null;
  /** The storage's ceiling: the larger raw figure. */
  rawLimit: number;
  tallyFromDbMs: number;
  tallyPassed: boolean;
}

export async function sqliteStorage(): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-votes-bench-'));
  return { label: 'SQLite', url: join(dir, 'bench.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postgresStorage(adminUrl: string): Promise<Storage> {
  const database = await createPostgresDatabase(adminUrl, 'yishi_bench');
  return { label: 'PostgreSQL', url: database.url, drop: database.drop };
}

/** The 100,000-unit vote tallied in memory and from each database. */
export function bigVote() {
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
  const input = { kind: 'yes_no' as VoteKind, electorateKind: 'owners' as const, rule: { kind: 'art278' as const, matter: 5 as const }, options, seats: 1 };
  return { input, electorate, ballots };
}

async function spawnServer(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', YISHI_DB: url, YISHI_WEB_DIST: '', YISHI_SEED_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const serverUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url: serverUrl, stop };
}

export async function measureStorage(storage: Storage, options: { seconds: number; clients: number }): Promise<StorageFigures> {
  try {
    const http = await httpBallots(storage, options);
    const raw = storage.label === 'SQLite' ? { one: rawSqlite(storage.url, options.seconds), pool: null } : await rawPostgres(storage.url, options.seconds);
    const tally = await tallyBigVote(storage, http.compoundId);
    return {
      label: storage.label,
      durability: http.durability,
      httpPerSecond: http.perSecond,
      accepted: http.accepted,
      refused: http.refused,
      p50: http.p50,
      p99: http.p99,
      rawOneWriter: raw.one,
      rawPoolWriters: raw.pool,
      rawLimit: Math.max(raw.one, raw.pool ?? 0),
      tallyFromDbMs: tally.ms,
      tallyPassed: tally.passed,
    };
  } finally {
    await storage.drop();
  }
}

/** Phase 1: owners casting and re-casting ballots over HTTP against the server in its own process. */
async function httpBallots(storage: Storage, options: { seconds: number; clients: number }) {
  const server = await spawnServer(storage.url);
  const { db, dialect } = openDatabase(storage.url);
  try {
    const durability =
      dialect === 'sqlite'
        ? 'WAL, synchronous=FULL'
        : await sql<{
            setting: string;
          }>`SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) AS setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`
            .execute(db)
            .then((r) => r.rows[0]!.setting);
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const login = async (name: string) => {
      const res = await post('/api/auth/login', { login: name, password: 'yishi2026' });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    };

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
      .orderBy('ownerships.person_id')
      .limit(options.clients)
      .execute();
    const passwordHash = await hash('yishi2026');
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
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    const cookies = await Promise.all(owners.map((_, i) => login(`bench${i}`)));

    const staff = await login('zhanzhang');
    const vote = { title: '基准测试', kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: new Date(Date.now() + 3_600_000).toISOString() };
    const created = (await (await post(`/api/compounds/${compoundId}/votes`, vote, staff)).json()) as { id: string };
    await post(`/api/votes/${created.id}/open`, {}, staff);

    let accepted = 0;
    let refused = 0;
    const latencies: number[] = [];
    const deadline = Date.now() + options.seconds * 1000;
    const start = performance.now();
    await Promise.all(
      cookies.map(async (cookie, i) => {
        for (let n = 0; Date.now() < deadline; n++) {
          const t0 = performance.now();
          const res = await post(`/api/votes/${created.id}/ballots`, { choices: [(i + n) % 3 === 0 ? 'no' : 'yes'] }, cookie);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (res.status === 201) accepted += 1;
          else refused += 1;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((x, y) => x - y);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    if (cookies.length < options.clients) console.warn(`only ${cookies.length} owners without an account: ${cookies.length} clients`);
    return { compoundId, durability, perSecond: accepted / seconds, accepted, refused, p50: pct(50), p99: pct(99) };
  } finally {
    await server.stop();
    await db.destroy();
  }
}

const RAW_TABLE =
  'CREATE TABLE bench_raw (id TEXT PRIMARY KEY, vote_id TEXT NOT NULL, unit_id TEXT NOT NULL, choices_json TEXT NOT NULL, cast_at TEXT NOT NULL)';

/** Phase 2 on SQLite: one writer, one durable commit per INSERT. */
function rawSqlite(path: string, seconds: number): number {
  const raw = openSqlite(path);
  try {
    raw.sqlite.exec(RAW_TABLE);
    const insert = raw.sqlite.prepare('INSERT INTO bench_raw VALUES (?, ?, ?, ?, ?)');
    let count = 0;
    const deadline = Date.now() + seconds * 1000;
    const start = performance.now();
    while (Date.now() < deadline) {
      insert.run(`r${count}`, 'v', `u${count}`, '["yes"]', new Date().toISOString());
      count += 1;
    }
    return count / ((performance.now() - start) / 1000);
  } finally {
    raw.sqlite.close();
  }
}

/** Phase 2 on PostgreSQL: autocommit INSERTs (each a durable commit) from 1, then POOL_WRITERS connections. */
async function rawPostgres(url: string, seconds: number): Promise<{ one: number; pool: number }> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(RAW_TABLE);
  await setup.end();
  let next = 0;
  const run = async (writers: number) => {
    const clients = await Promise.all(
      Array.from({ length: writers }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    let count = 0;
    const deadline = Date.now() + seconds * 1000;
    const start = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < deadline) {
          const i = next++;
          await client.query({
            name: 'bench_raw_insert',
            text: 'INSERT INTO bench_raw VALUES ($1, $2, $3, $4, $5)',
            values: [`r${i}`, 'v', `u${i}`, '["yes"]', new Date().toISOString()],
          });
          count += 1;
        }
      }),
    );
    const rate = count / ((performance.now() - start) / 1000);
    await Promise.all(clients.map((c) => c.end()));
    return rate;
  };
  return { one: await run(1), pool: await run(POOL_WRITERS) };
}

/** Phase 3: a 100,000-unit vote with 70,000 ballots written straight into the tables, then tallied as closing does. */
async function tallyBigVote(storage: Storage, compoundId: string): Promise<{ ms: number; passed: boolean }> {
  const { db, dialect } = openDatabase(storage.url);
  try {
    await insertBigVote(db, dialect, compoundId);
    const vote = await db.selectFrom('votes').selectAll().where('id', '=', 'big').executeTakeFirstOrThrow();
    const start = performance.now();
    const result = await tallyFromDb(db, vote);
    return { ms: performance.now() - start, passed: result.passed };
  } finally {
    await db.destroy();
  }
}

/** The 100,000-unit vote and its 70,000 ballots written straight into the tables, open and past its closing time. */
export async function insertBigVote(db: Kysely<Database>, dialect: DialectName, compoundId: string, voteId = 'big'): Promise<void> {
  const { input, electorate, ballots } = bigVote();
  const now = new Date().toISOString();
  // Synthetic units and a synthetic creator that exist only in this vote: no foreign keys.
  const roll = electorate.map((e) => ({
    vote_id: voteId,
    voter_key: e.voterKey,
    unit_id: e.voterKey,
    person_id: null,
    label: e.voterKey,
    owner_person_ids: JSON.stringify(e.ownerPersonIds),
    area_centi: e.areaCenti,
    developer_held: e.developerHeld ? 1 : 0,
  }));
  const rows = ballots.map((b, i) => syntheticBallot(voteId, i, { unitId: b.voterKey, personId: null }, b.choices, now));
  const vote = { ...input, id: voteId, compoundId, title: '十万户', maxChoices: 1, closesAt: now };
  await insertSyntheticVote(db, vote, roll, rows);
  // What autovacuum does soon after such a load on a live server.
  if (dialect === 'postgres') await sql`ANALYZE vote_electorate, ballots`.execute(db);
}
