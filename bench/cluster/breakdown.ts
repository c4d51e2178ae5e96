/**
 * BENCH_TRACE=1: where the time of one edit goes, stage by stage, from the writer's client through
 * its instance, Redis and the other instance to the first client there. Lines up the bench's own
 * round records with what ./trace.ts recorded inside each instance (wall-clock ms, sub-ms precision,
 * one machine, so one clock).
 */
import { readFileSync } from 'node:fs';

export interface RoundRecord {
  seq: number;
  n: number;
  setup: 'cluster' | 'single';
  /** 0 = A (or the single instance), 1 = B. */
  writerAt: number;
  /** When the writer made the change. */
  t0: number;
  firstSame: number | null;
  firstOther: number | null;
}

interface Trace {
  received: Record<string, number>;
  sent: Record<string, { first: number; last: number; count: number }>;
}

export function readTrace(path: string): Trace | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Trace;
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

type Stage = [label: string, of: (r: RoundRecord, writer: Trace, other: Trace | null) => number];

const CLUSTER_STAGES: Stage[] = [
  ['writer’s client → its instance has the message', (r, w) => w.received[r.seq]! - r.t0],
  ['writer’s instance: received → first send (stored in PostgreSQL)', (r, w) => w.sent[r.seq]!.first - w.received[r.seq]!],
  ['writer’s instance: first → last send to its own sockets', (r, w) => w.sent[r.seq]!.last - w.sent[r.seq]!.first],
  ['writer’s last send → other instance’s first send (publish, Redis, apply)', (r, w, o) => o!.sent[r.seq]!.first - w.sent[r.seq]!.last],
  ['other instance: first → last send to its sockets', (r, _w, o) => o!.sent[r.seq]!.last - o!.sent[r.seq]!.first],
  ['other instance’s first send → first client there has it', (r, _w, o) => r.firstOther! - o!.sent[r.seq]!.first],
  ['total: writer → first client on the other instance', (r) => r.firstOther! - r.t0],
  ['total: writer → first client on the writer’s instance', (r) => r.firstSame! - r.t0],
];
const SINGLE_STAGES: Stage[] = [
  ['client → instance has the message', (r, w) => w.received[r.seq]! - r.t0],
  ['instance: received → first send (stored in PostgreSQL)', (r, w) => w.sent[r.seq]!.first - w.received[r.seq]!],
  ['instance: first → last send', (r, w) => w.sent[r.seq]!.last - w.sent[r.seq]!.first],
  ['first send → first client has it', (r, w) => r.firstSame! - w.sent[r.seq]!.first],
  ['total: writer → first client', (r) => r.firstSame! - r.t0],
];

function table(title: string, stages: Stage[], records: RoundRecord[], traceOf: (at: number) => Trace | null, sizes: number[]): void {
  console.log(`\n${title}\n`);
  console.log(`| stage (median ms) | ${sizes.map((n) => `${n} editors`).join(' | ')} |`);
  console.log(`|---|${sizes.map(() => '---|').join('')}`);
  for (const [label, of] of stages) {
    const cells = sizes.map((n) => {
      const values = records
        .filter((r) => r.n === n)
        .map((r) => {
          const writer = traceOf(r.writerAt);
          if (!writer) return Number.NaN;
          try {
            return of(r, writer, traceOf(1 - r.writerAt));
          } catch {
            return Number.NaN; // a stage this round has no record of
          }
        });
      const m = median(values);
      return Number.isFinite(m) ? m.toFixed(2) : 'n/a';
    });
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
}

export function printBreakdown(records: RoundRecord[], traces: { a: Trace | null; b: Trace | null; single: Trace | null }, sizes: number[]): void {
  const cluster = records.filter((r) => r.setup === 'cluster');
  const single = records.filter((r) => r.setup === 'single');
  table(
    'Where the time goes, two instances (BENCH_TRACE=1; medians of each stage over the measured rounds):',
    CLUSTER_STAGES,
    cluster,
    (at) => (at === 0 ? traces.a : traces.b),
    sizes,
  );
  table('Where the time goes, one instance:', SINGLE_STAGES, single, () => traces.single, sizes);
}
