/**
 * Freezing a 10,000-unit owners' roll (issue 18), the way opening does it now — one INSERT … SELECT
 * (repo.insertOwnersRoll) answering its rows, and the packed copy made from them — against the way it did before:
 * the units and owners read into the server, the rows built in JavaScript (buildElectorate) and sent
 * back 4,000 to a statement, the packed copy built from them. Alternating, medians of 9, each inside
 * a transaction rolled back; on SQLite and — with BENCH_PG — PostgreSQL in the same run. Also the
 * CPU the database backends spent per variant on PostgreSQL (from /proc, so the load of other
 * processes does not count in it). From the repository root, core built:
 *
 *   npx tsx packages/server/bench/votes-scale-open.bench.ts
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/votes-scale-open.bench.ts
 */
import { loadavg } from 'node:os';
import { createVoteSchema } from '@yishi/core';
import * as repo from '../src/db/repositories/votes.repository.js';
import { loadActor } from '../src/services/auth.service.js';
import { freezePackedRoll } from '../src/services/vote-tally.js';
import { buildElectorate, createVote } from '../src/services/votes.service.js';
import { bigRoster } from '../src/testing/big-roster.js';
import { createTestApp } from '../src/testing/test-app.js';
import { backendCpu } from './votes-scale-cpu.js';

class Rollback extends Error {}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function column(label: string) {
  const t = await createTestApp();
  try {
    const cy = await t.compoundId('CY');
    const staff = await t.login('cuiyuan');
    const res = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: bigRoster(10_000) });
    if (res.status !== 200) throw new Error(`roster import: ${res.status}`);
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'cuiyuan').executeTakeFirstOrThrow();
    const organiser = (await loadActor(t.deps, user.id))!;
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const input = createVoteSchema.parse({ title: '是否增设充电桩', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt });
    const vote = (await repo.findVote(t.deps.db, (await createVote(t.deps, organiser, cy, input)).id))!;
    const rolledBack = (work: (trx: typeof t.deps.db) => Promise<void>) =>
      t.deps.db
        .transaction()
        .execute(async (trx) => {
          await work(trx);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    const variants = {
      before: () =>
        rolledBack(async (trx) => {
          const rows = await buildElectorate(trx, vote);
          await repo.insertElectorate(trx, rows);
          await freezePackedRoll(trx, vote.id, rows);
        }),
      now: () =>
        rolledBack(async (trx) => {
          const rows = await repo.insertOwnersRoll(trx, vote.id, cy, null);
          await freezePackedRoll(trx, vote.id, rows);
        }),
    };
    const times = { before: [] as number[], now: [] as number[] };
    const cpu = { before: [] as number[], now: [] as number[] };
    for (let i = 0; i < 10; i += 1)
      for (const name of ['before', 'now'] as const) {
        const cpu0 = await backendCpu(t);
        const start = performance.now();
        await variants[name]();
        // The first round warms up.
        if (i === 0) continue;
        times[name].push(performance.now() - start);
        cpu[name].push((await backendCpu(t)) - cpu0);
      }
    return {
      label,
      before: median(times.before),
      now: median(times.now),
      cpuBefore: median(cpu.before),
      cpuNow: median(cpu.now),
      postgres: t.dialect === 'postgres',
    };
  } finally {
    await t.close();
  }
}

const PG_ADMIN = process.env.BENCH_PG || null;
delete process.env.YISHI_TEST_PG;
const columns = [await column('SQLite')];
if (PG_ADMIN) {
  process.env.YISHI_TEST_PG = PG_ADMIN;
  columns.push(await column('PostgreSQL'));
}
console.log(
  `Freezing a 10,000-unit roll — ${new Date().toISOString()}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const c of columns) {
  const cpuText = c.postgres ? `; database backend CPU ${c.cpuBefore} → ${c.cpuNow} ms` : '';
  console.log(`${c.label}: before ${c.before.toFixed(0)} ms, now ${c.now.toFixed(0)} ms (ratio ${(c.now / c.before).toFixed(2)})${cpuText}`);
}
