/**
 * Co-editing ACROSS two Yishi instances: two real server processes on one PostgreSQL database,
 * relaying live documents to each other through Redis pub/sub (docs/operations.md, "Several
 * machines"), against ONE instance on its own database without Redis, same machine, same run.
 *
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx bench/collab-cluster.bench.ts
 *   BENCH_PG=$(bench/pg-server.sh start) BENCH_EDITORS=10,50 BENCH_ROUNDS=20 npx tsx bench/collab-cluster.bench.ts
 *
 * - Two fresh databases on the BENCH_PG server (durable PostgreSQL, bench/pg-server.sh), a private
 *   redis-server, instances A and B on the first database with YISHI_REDIS_URL (A starts first and
 *   seeds the demo), and instance S on the second, without Redis. All are dropped/stopped at the end,
 *   on failure and on Ctrl-C too.
 * - For each N in BENCH_EDITORS (10,50,200): N stock y-websocket editors (cookie of `jiedao`) on one
 *   new four-party meeting's agenda, half on A and half on B (alternately); and N on S. Warm-up
 *   rounds, then BENCH_ROUNDS (30) rounds in each of BENCH_TRIALS (3) turns, the two set-ups' order
 *   reversed every other turn, samples pooled: one editor writes a small change (alternately one on A
 *   and one on B), and we time until every other editor has it. Receivers on the writer's instance
 *   and on the other instance are reported apart.
 * - Clients run in this process; every server in its own process. Load average sampled every 2 s.
 * - BENCH_TRACE=1: each instance also times every edit inside it (cluster/trace.ts), and a second table
 *   shows where the time goes: store, own sockets, Redis hop, the other instance, the clients.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRedis, type TestRedis } from '../packages/server/src/testing/redis-server.js';
import { connectEditor, type Editor } from './collab/clients.js';
import { printBreakdown, readTrace, type RoundRecord } from './cluster/breakdown.js';
import { ApiClient, newAgenda, newPgDatabase, spawnInstance, type Database, type Instance } from './cluster/instances.js';

// Every y-websocket provider in Node adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const ADMIN_URL = process.env.BENCH_PG;
const EDITORS = (process.env.BENCH_EDITORS ?? '10,50,200').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 20);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
/** BENCH_WRITERS=a: every writer on instance A (a diagnostic); by default writers alternate A, B. */
const WRITERS_ON_A_ONLY = process.env.BENCH_WRITERS === 'a';
if (!ADMIN_URL) {
  console.error('BENCH_PG is required: BENCH_PG=$(bench/pg-server.sh start) npx tsx bench/collab-cluster.bench.ts');
  process.exit(2);
}
/** BENCH_TRACE=1: each instance times the edits inside it (cluster/trace.ts); prints where the time goes. */
const TRACE_DIR = process.env.BENCH_TRACE ? mkdtempSync(join(tmpdir(), 'yishi-cluster-trace-')) : null;

// ---- teardown, whatever happens ---------------------------------------------------------------

const databases: Database[] = [];
const instances: Instance[] = [];
const live: Editor[] = [];
let redis: TestRedis | null = null;
let tornDown: Promise<void> | null = null;

function teardown(): Promise<void> {
  tornDown ??= (async () => {
    for (const e of live.splice(0)) e.destroy();
    await Promise.allSettled(instances.map((i) => i.stop()));
    await redis?.stop().catch((e: unknown) => console.error('stopping redis:', e));
    for (const d of databases) await d.drop().catch((e: unknown) => console.error('dropping a database:', e));
  })();
  return tornDown;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: tearing down`);
    void teardown().finally(() => {
      if (TRACE_DIR) rmSync(TRACE_DIR, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
// Last resort (an exit we did not plan): no process outlives the benchmark.
process.on('exit', () => {
  for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
  if (redis && redis.process.exitCode === null && redis.process.signalCode === null) redis.process.kill('SIGKILL');
});

// ---- load average ---------------------------------------------------------------------------

const loads: number[] = [];
const sampleLoad = () => loads.push(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]));
sampleLoad();
const loadTimer = setInterval(sampleLoad, 2_000);
loadTimer.unref();

// ---- measuring ------------------------------------------------------------------------------

interface Samples {
  /** Receivers on the writer's instance (all of them with one instance). */
  same: number[];
  /** Receivers on the other instance. */
  other: number[];
  /** Per round: the first receiver on each side (the servers' share plus one client's). */
  firstSame: number[];
  firstOther: number[];
}
const emptySamples = (): Samples => ({ same: [], other: [], firstSame: [], firstOther: [] });

interface Placed {
  editor: Editor;
  /** Index of the instance the editor is connected to. */
  at: number;
}

/** Numbers every edit of the run: the edit's map key carries it as `@<seq>;` for cluster/trace.ts. */
let seq = 0;
const roundRecords: RoundRecord[] = [];
/** Off while warming up: only measured rounds go into roundRecords. */
let recording = false;
/** A round whose edit has not reached every editor by then fails the run (a broken relay, say). */
const ROUND_TIMEOUT_MS = 30_000;

/**
 * N editors on `docName`, spread over `ports` in turn (editor i on ports[i % ports.length]); warm-up
 * rounds, then `roundCount` timed rounds whose writer alternates between the instances.
 */

async function latency(setup: RoundRecord['setup'], ports: number[], cookie: string, docName: string, n: number, roundCount: number): Promise<Samples> {
  const placed: Placed[] = [];
  for (let i = 0; i < n; i++) {
    const at = i % ports.length;
    const editor = await connectEditor('yishi', ports[at]!, docName, cookie);
    live.push(editor);
    placed.push({ editor, at });
  }
  await Promise.race([
    Promise.all(placed.map((p) => p.editor.synced)),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${setup}: ${n} editors not synced after ${ROUND_TIMEOUT_MS} ms`)), ROUND_TIMEOUT_MS).unref(),
    ),
  ]);
  const byInstance = ports.map((_, at) => placed.filter((p) => p.at === at));
  let s = emptySamples();
  for (let round = -WARMUP_ROUNDS; round < roundCount; round++) {
    if (round === 0) s = emptySamples();
    const turn = round + WARMUP_ROUNDS;
    const side = WRITERS_ON_A_ONLY ? 0 : turn % ports.length;
    const group = byInstance[side]!;
    const writer = group[Math.floor(turn / ports.length) % group.length]!;
    const key = `@${seq};`;
    const record: RoundRecord = { seq: seq++, n, setup, writerAt: writer.at, t0: 0, firstSame: null, firstOther: null };
    if (round >= 0 && recording) roundRecords.push(record);
    let firstSame = true;
    let firstOther = true;
    const samples = s;
    const arrived = placed
      .filter((p) => p !== writer)
      .map(
        (p) =>
          new Promise<void>((resolve) => {
            const map = p.editor.doc.getMap<number>('bench');
            const check = () => {
              const sentAt = map.get(key);
              if (sentAt === undefined) return;
              const took = performance.now() - sentAt;
              if (p.at === writer.at) {
                samples.same.push(took);
                if (firstSame) {
                  samples.firstSame.push(took);
                  record.firstSame = performance.timeOrigin + sentAt + took;
                }
                firstSame = false;
              } else {
                samples.other.push(took);
                if (firstOther) {
                  samples.firstOther.push(took);
                  record.firstOther = performance.timeOrigin + sentAt + took;
                }
                firstOther = false;
              }
              map.unobserve(check);
              resolve();
            };
            map.observe(check);
          }),
      );
    const sentAt = performance.now();
    record.t0 = performance.timeOrigin + sentAt;
    writer.editor.doc.getMap<number>('bench').set(key, sentAt);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${setup}, ${n} editors: edit ${key} had not reached every editor after ${ROUND_TIMEOUT_MS} ms`)),
        ROUND_TIMEOUT_MS,
      );
    });
    await Promise.race([Promise.all(arrived), timedOut]).finally(() => clearTimeout(timer));
  }
  for (const p of placed) {
    p.editor.destroy();
    live.splice(live.indexOf(p.editor), 1);
  }
  // Let the servers take the departures in before the next measurement starts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return s;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const fmt2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

function pool(into: Samples, from: Samples): void {
  into.same.push(...from.same);
  into.other.push(...from.other);
  into.firstSame.push(...from.firstSame);
  into.firstOther.push(...from.firstOther);
}

// ---- the run --------------------------------------------------------------------------------

interface Result {
  single: Samples;
  cluster: Samples;
}
const results = new Map<number, Result>();
let failed = false;
const began = Date.now();

try {
  const clusterDb = await newPgDatabase(ADMIN_URL, 'two');
  databases.push(clusterDb);
  const singleDb = await newPgDatabase(ADMIN_URL, 'one');
  databases.push(singleDb);
  redis = await startTestRedis();
  // One after the other: the first migrates and seeds the demo, the second finds it done.
  const traceFile = (label: string) => (TRACE_DIR ? join(TRACE_DIR, `${label}.json`) : undefined);
  const a = await spawnInstance('A', clusterDb.url, redis.url, traceFile('A'));
  instances.push(a);
  const b = await spawnInstance('B', clusterDb.url, redis.url, traceFile('B'));
  instances.push(b);
  const single = await spawnInstance('S', singleDb.url, null, traceFile('S'));
  instances.push(single);
  process.stderr.write(`instances: A ${a.url}, B ${b.url} (Redis ${redis.url}); single ${single.url}\n`);

  // Sessions live in the database: one login serves both A and B.
  const clusterApi = await new ApiClient(a.url).login('jiedao');
  const singleApi = await new ApiClient(single.url).login('jiedao');
  let meetings = 0;
  const setups = {
    cluster: { ports: [a.port, b.port], api: clusterApi },
    single: { ports: [single.port], api: singleApi },
  } as const;
  const run = async (which: keyof typeof setups, n: number, rounds: number) => {
    const { ports, api } = setups[which];
    meetings += 1;
    const doc = await newAgenda(api, `协同编辑基准 ${which} ${n} #${meetings}`, meetings);
    return latency(which, [...ports], api.cookie, doc, n, rounds);
  };

  // Warm the clients' code paths (and both set-ups' servers) up once; discarded.
  await run('cluster', 10, 200);
  await run('single', 10, 200);
  recording = true;

  for (const n of EDITORS) {
    const result: Result = { single: emptySamples(), cluster: emptySamples() };
    for (let trial = 0; trial < TRIALS; trial++) {
      const order: Array<keyof typeof setups> = trial % 2 === 0 ? ['cluster', 'single'] : ['single', 'cluster'];
      for (const which of order) pool(result[which], await run(which, n, ROUNDS));
    }
    results.set(n, result);
    process.stderr.write(
      `${n} editors: one instance p50 ${fmt(percentile(result.single.same, 50))} ms; two instances, same p50 ${fmt(percentile(result.cluster.same, 50))} ms, other p50 ${fmt(percentile(result.cluster.other, 50))} ms\n`,
    );
  }
} catch (error) {
  failed = true;
  console.error('benchmark failed:', error);
} finally {
  sampleLoad();
  clearInterval(loadTimer);
  await teardown();
}

if (results.size > 0) {
  const minutes = ((Date.now() - began) / 60_000).toFixed(1);
  const mean = loads.reduce((x, y) => x + y, 0) / loads.length;
  console.log(`\nCo-editing across two instances (PostgreSQL + Redis) vs one instance (PostgreSQL), ${TRIALS} × ${ROUNDS} rounds, node ${process.version}`);
  console.log(
    `Load average (1 min) during the run: ${fmt2(Math.min(...loads))}–${fmt2(Math.max(...loads))}, mean ${fmt2(mean)} (${loads.length} samples over ${minutes} min)\n`,
  );
  console.log('| editors | receivers | p50 ms | p99 ms | p50 ratio to one instance | p99 ratio to one instance |');
  console.log('|---|---|---|---|---|---|');
  for (const [n, r] of results) {
    const base = { p50: percentile(r.single.same, 50), p99: percentile(r.single.same, 99) };
    const row = (label: string, samples: number[]) => {
      const p50 = percentile(samples, 50);
      const p99 = percentile(samples, 99);
      console.log(`| ${n} | ${label} | ${fmt(p50)} | ${fmt(p99)} | ${fmt2(p50 / base.p50)} | ${fmt2(p99 / base.p99)} |`);
    };
    row('one instance, no Redis', r.single.same);
    row('two instances: on the writer’s instance', r.cluster.same);
    row('two instances: on the other instance', r.cluster.other);
  }
  console.log('\nFirst receiver of each round (the servers’ share plus one client’s), p50 / p99 ms:\n');
  console.log('| editors | one instance | two: writer’s instance | two: other instance | other − writer’s, p50 |');
  console.log('|---|---|---|---|---|');
  for (const [n, r] of results) {
    const both = (v: number[]) => `${fmt2(percentile(v, 50))} / ${fmt2(percentile(v, 99))}`;
    console.log(
      `| ${n} | ${both(r.single.firstSame)} | ${both(r.cluster.firstSame)} | ${both(r.cluster.firstOther)} | ${fmt2(percentile(r.cluster.firstOther, 50) - percentile(r.cluster.firstSame, 50))} |`,
    );
  }
  if (TRACE_DIR) {
    const traces = { a: readTrace(join(TRACE_DIR, 'A.json')), b: readTrace(join(TRACE_DIR, 'B.json')), single: readTrace(join(TRACE_DIR, 'S.json')) };
    printBreakdown(roundRecords, traces, [...results.keys()]);
  }
}
if (TRACE_DIR) rmSync(TRACE_DIR, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
