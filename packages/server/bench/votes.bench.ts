/**
 * Voting benchmark, on SQLite and — with BENCH_PG set — on PostgreSQL in the same run. From the
 * repository root:
 *
 *   npx tsx packages/server/bench/votes.bench.ts [--seconds 5] [--clients 32]
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/votes.bench.ts
 *
 * BENCH_PG is the URL of an admin database on a PostgreSQL server with durable settings
 * (bench/pg-server.sh starts one: fsync and synchronous_commit on); a fresh database is created on
 * it for the run and dropped after. For each storage:
 *
 * 1. Accepted ballots per second over HTTP: the real server in its own process (main.ts; SQLite with
 *    WAL and synchronous=FULL, or PostgreSQL with synchronous_commit on, so every 201 is a durable
 *    commit) with the demo compound, one open art. 278 vote, `clients` concurrent owners (HTTP
 *    clients in this process) casting and re-casting ballots for the given number of seconds.
 * 2. The raw insert rate of the same database in the same run: one INSERT per autocommit (durable)
 *    transaction, no HTTP, no validation — the ceiling the API is compared to. SQLite has one writer;
 *    PostgreSQL is measured with one connection and with as many as the server's pool (10), where
 *    concurrent commits share a disk flush: the larger figure is its ceiling.
 * 3. Tally time for a vote with 100,000 units: in memory (tallyVote, once), and from the database
 *    (reading the frozen electorate and 70,000 ballots, then tallying), as closing a vote does.
 */
import { tallyVote } from '@yishi/core';
import { bigVote, measureStorage, postgresStorage, sqliteStorage, type StorageFigures } from './votes-storage.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SECONDS = arg('seconds', 5);
const CLIENTS = arg('clients', 32);
const PG_ADMIN = process.env.BENCH_PG || null;

const columns: StorageFigures[] = [];
columns.push(await measureStorage(await sqliteStorage(), { seconds: SECONDS, clients: CLIENTS }));
if (PG_ADMIN) columns.push(await measureStorage(await postgresStorage(PG_ADMIN), { seconds: SECONDS, clients: CLIENTS }));

const big = bigVote();
const memStart = performance.now();
const memResult = tallyVote({ ...big.input, electorate: big.electorate, ballots: big.ballots });
const memMs = performance.now() - memStart;

const n = (value: number) => Math.round(value).toLocaleString('en');
const rows: Array<[string, (c: StorageFigures) => string]> = [
  ['durability', (c) => c.durability],
  [`ballots accepted over HTTP, ${CLIENTS} concurrent owners`, (c) => `${n(c.httpPerSecond)} /s`],
  ['  accepted / refused', (c) => `${n(c.accepted)} / ${n(c.refused)}`],
  ['  latency p50 / p99', (c) => `${c.p50.toFixed(1)} / ${c.p99.toFixed(1)} ms`],
  ['raw durable inserts, same database, 1 writer', (c) => `${n(c.rawOneWriter)} /s`],
  ['raw durable inserts, 10 writers', (c) => (c.rawPoolWriters === null ? '(one writer only)' : `${n(c.rawPoolWriters)} /s`)],
  ['HTTP as a fraction of the storage limit', (c) => `${((c.httpPerSecond / c.rawLimit) * 100).toFixed(1)} %`],
  [`tally of ${n(big.electorate.length)} units read from the database`, (c) => `${n(c.tallyFromDbMs)} ms (passed ${c.tallyPassed})`],
];

console.log(`Yishi votes benchmark — ${new Date().toISOString()}, node ${process.version}, ${SECONDS}s per phase`);
console.log(
  `command: ${PG_ADMIN ? 'BENCH_PG=<admin url> ' : ''}npx tsx packages/server/bench/votes.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
);
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
const columnWidth = Math.max(...rows.flatMap(([, value]) => columns.map((c) => value(c).length))) + 2;
console.log(['measure'.padEnd(width), ...columns.map((c) => c.label.padEnd(columnWidth))].join('').trimEnd());
for (const [label, value] of rows) console.log([label.padEnd(width), ...columns.map((c) => value(c).padEnd(columnWidth))].join('').trimEnd());
for (const c of columns)
  if (/=off/.test(c.durability))
    console.log(`WARNING: ${c.label} runs with ${c.durability}: its commits are not durable, its figures flatter it (use bench/pg-server.sh)`);
console.log(
  `tally of ${n(big.electorate.length)} units, ${n(big.ballots.length)} ballots, in memory: ${memMs.toFixed(0)} ms (heads ${memResult.electorate.heads}, passed ${memResult.passed})`,
);
