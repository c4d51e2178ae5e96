/**
 * Co-editing benchmark: Yishi's collaboration server against the reference y-websocket 2.x server
 * (bin/utils) and Hocuspocus 3.x, same machine, same run, same load.
 *
 *   npx tsx bench/collab.bench.ts            (needs packages/core built: npm run build -w @yishi/core)
 *   BENCH_EDITORS=10,50 BENCH_ROUNDS=20 BENCH_IDLE_DOCS=200 npx tsx bench/collab.bench.ts
 *
 * - latency: N editors on one document; one editor writes, we time until every other editor has it
 *   (p50/p99 over all receivers and rounds). Clients run in this process, servers in their own.
 *   The clients are warmed up first; each size runs in BENCH_TRIALS turns (default 3) of
 *   BENCH_ROUNDS rounds, the servers' order reversed every other turn, samples pooled.
 *   BENCH_TRACE=1 makes each server print its own share (receive → send, collab/server-trace.ts).
 * - memory: server heap after a full GC with BENCH_WARM_DOCS (100) idle loaded documents and with
 *   BENCH_IDLE_DOCS (1,000) more (one connected, idle client each): per 1,000 from none, and per
 *   1,000 more once warm (the first includes one-off costs such as code the JIT compiles).
 * - BENCH_PG=<admin URL> (bench/pg-server.sh start): adds `yishi-pg`, Yishi on that PostgreSQL.
 * - restart (Yishi): 50 editors connected; the server is killed and started again on the same port
 *   and database; time until all 50 are synced again (dominated by the client's reconnect backoff).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectEditor, type Editor, type ServerKind } from './collab/clients.js';

const here = dirname(fileURLToPath(import.meta.url));
// Every y-websocket provider in Node adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const EDITORS = (process.env.BENCH_EDITORS ?? '10,50,200').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 20);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
const IDLE_DOCS = Number(process.env.BENCH_IDLE_DOCS ?? 1000);
const WARM_DOCS = Number(process.env.BENCH_WARM_DOCS ?? 100);
// BENCH_PG=<admin URL of a durable PostgreSQL, bench/pg-server.sh start>: adds Yishi on PostgreSQL.
const KINDS = (process.env.BENCH_SERVERS ?? `yishi,${process.env.BENCH_PG ? 'yishi-pg,' : ''}reference,hocuspocus`).split(',') as ServerKind[];
/** latency, memory, restart: which parts to run (all by default). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'latency,memory,restart').split(','));

interface ServerProcess {
  port: number;
  cookie?: string;
  child: ChildProcess;
  ask: <T>(message: object, type: string) => Promise<T>;
}

function startServer(kind: ServerKind, port = 0, dbPath?: string): Promise<ServerProcess> {
  const child = fork(join(here, 'collab/server-child.ts'), [kind, String(port), ...(dbPath ? [dbPath] : [])], {
    // BENCH_CPU_PROF=<dir>: each server child writes a V8 CPU profile there when it stops.
    // BENCH_TRACE=1: each server child prints its own share of the latency (collab/server-trace.ts).
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_TRACE ? ['--import', join(here, 'collab/server-trace.ts')] : []),
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = <T>(message: object, type: string) =>
    new Promise<T>((resolve) => {
      const on = (reply: { type: string }) => {
        if (reply.type !== type) return;
        child.off('message', on);
        resolve(reply as T);
      };
      child.on('message', on);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.on('message', (m: { type: string; port: number; cookie?: string }) => {
      if (m.type === 'ready') resolve({ port: m.port, cookie: m.cookie, child, ask });
    });
  });
}

function stop(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function docNames(server: ServerProcess, count: number): Promise<string[]> {
  return (await server.ask<{ names: string[] }>({ type: 'docs', count }, 'docs')).names;
}

/** Milliseconds from one editor's change to each other editor having it, one sample per receiver. */
async function latency(kind: ServerKind, server: ServerProcess, editors: number, rounds = ROUNDS): Promise<number[]> {
  const [name] = await docNames(server, 1);
  const clients: Editor[] = [];
  for (let i = 0; i < editors; i++) clients.push(await connectEditor(kind, server.port, name!, server.cookie));
  await Promise.all(clients.map((c) => c.synced));
  let samples: number[] = [];
  let firsts: number[] = [];
  for (let round = -WARMUP_ROUNDS; round < rounds; round++) {
    if (round === 0) {
      samples = [];
      firsts = [];
    }
    const writer = clients[(round + WARMUP_ROUNDS) % clients.length]!;
    const key = `r${round}`;
    const arrived = clients
      .filter((c) => c !== writer)
      .map(
        (c) =>
          new Promise<void>((resolve) => {
            const map = c.doc.getMap<number>('bench');
            const check = () => {
              const sentAt = map.get(key);
              if (sentAt === undefined) return;
              const took = performance.now() - sentAt;
              if (samples.length === before) firsts.push(took);
              samples.push(took);
              map.unobserve(check);
              resolve();
            };
            map.observe(check);
          }),
      );
    const before = samples.length;
    writer.doc.getMap<number>('bench').set(key, performance.now());
    await Promise.all(arrived);
  }
  for (const c of clients) c.destroy();
  firsts.sort((a, b) => a - b);
  // Diagnostic: the first receiver of each round sees the server's own delay plus one client's.
  process.stderr.write(`${kind} ${editors} editors: first receiver p50 ${percentile(firsts, 50).toFixed(2)} ms\n`);
  return samples;
}

interface MemoryResult {
  /** (heap with every document − heap with none) per 1,000 documents: includes one-off costs such
   * as code the JIT compiles while the first documents load. */
  per1000Idle: number;
  /** (heap with every document − heap after WARM_DOCS documents) per 1,000: the cost of one more
   * document once the server is warm. */
  per1000Marginal: number;
}

async function memory(kind: ServerKind, server: ServerProcess): Promise<MemoryResult> {
  const names = await docNames(server, WARM_DOCS + IDLE_DOCS);
  const heap = async () => (await server.ask<{ heapUsed: number }>({ type: 'memory' }, 'memory')).heapUsed;
  // BENCH_HEAP_SNAPSHOT=<dir>: heap snapshots of each server when warm and with all idle documents.
  const snapshot = async (label: string) => {
    if (!process.env.BENCH_HEAP_SNAPSHOT) return;
    const path = (
      await server.ask<{ path: string }>({ type: 'heapsnapshot', path: join(process.env.BENCH_HEAP_SNAPSHOT, `${kind}-${label}.heapsnapshot`) }, 'heapsnapshot')
    ).path;
    process.stderr.write(`heap snapshot: ${path}\n`);
  };
  const base = await heap();
  const clients: Editor[] = [];
  const connectAll = async (some: string[]) => {
    for (const name of some) clients.push(await connectEditor(kind, server.port, name, server.cookie));
    await Promise.all(clients.map((c) => c.synced));
  };
  await connectAll(names.slice(0, WARM_DOCS));
  const warm = await heap();
  await snapshot('warm');
  await connectAll(names.slice(WARM_DOCS));
  const all = await heap();
  await snapshot('all');
  for (const c of clients) c.destroy();
  return { per1000Idle: ((all - base) / names.length) * 1000, per1000Marginal: ((all - warm) / IDLE_DOCS) * 1000 };
}

async function restartYishi(): Promise<number> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'yishi-bench-restart-')), 'bench.db');
  let server = await startServer('yishi', 0, dbPath);
  const port = server.port;
  const [name] = await docNames(server, 1);
  const clients: Editor[] = [];
  for (let i = 0; i < 50; i++) clients.push(await connectEditor('yishi', port, name!, server.cookie));
  await Promise.all(clients.map((c) => c.synced));
  clients[0]!.doc.getMap('bench').set('before', 1);
  await new Promise((r) => setTimeout(r, 200));
  const resynced = clients.map((c) => c.resynced());
  await stop(server, 'SIGKILL');
  const started = performance.now();
  server = await startServer('yishi', port, dbPath);
  await Promise.all(resynced);
  const took = performance.now() - started;
  for (const c of clients) c.destroy();
  await stop(server);
  return took;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

const results: Record<ServerKind, { latency: Record<number, { p50: number; p99: number }>; mem?: MemoryResult }> = {
  yishi: { latency: {} },
  'yishi-pg': { latency: {} },
  reference: { latency: {} },
  hocuspocus: { latency: {} },
};
// Servers take turns at each size (rather than one server doing every size, then the next), so a
// change in the machine's load during the run hits them alike; and every measurement starts after
// warm-up rounds, so the first server measured does not pay for warming up the clients' JIT.
if (PARTS.has('latency')) {
  // Warm the clients' code paths up once (discarded), against each server kind.
  for (const kind of KINDS) {
    const server = await startServer(kind);
    await latency(kind, server, 10, 200);
    await stop(server);
  }
}
// Each size is measured in TRIALS turns, the servers' order reversed every other turn, and the
// samples of all turns pooled: a machine shared with other work drifts, and this spreads the drift.
for (const n of PARTS.has('latency') ? EDITORS : []) {
  const pooled = new Map<ServerKind, number[]>(KINDS.map((kind) => [kind, []]));
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const kind of trial % 2 === 0 ? KINDS : [...KINDS].reverse()) {
      const server = await startServer(kind);
      pooled.get(kind)!.push(...(await latency(kind, server, n)));
      await stop(server);
    }
  }
  for (const kind of KINDS) {
    const samples = pooled.get(kind)!.sort((a, b) => a - b);
    results[kind].latency[n] = { p50: percentile(samples, 50), p99: percentile(samples, 99) };
    process.stderr.write(`${kind} ${n} editors: p50 ${fmt(results[kind].latency[n]!.p50)} ms\n`);
  }
}
for (const kind of PARTS.has('memory') ? KINDS : []) {
  const server = await startServer(kind);
  results[kind].mem = await memory(kind, server);
  await stop(server);
}
const restartMs = PARTS.has('restart') ? await restartYishi() : Number.NaN;

console.log(`\nCo-editing benchmark (${TRIALS} × ${ROUNDS} rounds, ${IDLE_DOCS} idle documents), node ${process.version}\n`);
console.log('| server | editors | p50 ms | p99 ms | p50 ratio to Yishi | p99 ratio to Yishi |');
console.log('|---|---|---|---|---|---|');
for (const n of PARTS.has('latency') ? EDITORS : []) {
  const y = results.yishi.latency[n]!;
  for (const kind of KINDS) {
    const r = results[kind].latency[n]!;
    console.log(`| ${kind} | ${n} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${(r.p50 / y.p50).toFixed(2)} | ${(r.p99 / y.p99).toFixed(2)} |`);
  }
}
if (PARTS.has('memory')) {
  console.log(
    `\n| server | heap per 1,000 idle documents, from none (${WARM_DOCS + IDLE_DOCS} docs) | ratio to Yishi | heap per 1,000 more idle documents, once ${WARM_DOCS} are loaded | ratio to Yishi |`,
  );
  console.log('|---|---|---|---|---|');
}
for (const kind of PARTS.has('memory') ? KINDS : []) {
  const m = results[kind].mem!;
  const y = results.yishi.mem!;
  console.log(
    `| ${kind} | ${kb(m.per1000Idle)} | ${(m.per1000Idle / y.per1000Idle).toFixed(2)} | ${kb(m.per1000Marginal)} | ${(m.per1000Marginal / y.per1000Marginal).toFixed(2)} |`,
  );
}
if (PARTS.has('restart')) console.log(`\nYishi restart (SIGKILL, start again): 50 editors synced again after ${restartMs.toFixed(0)} ms`);
process.exit(0);
