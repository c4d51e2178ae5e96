/**
 * Votes at scale (issue 18), on SQLite and — with BENCH_PG set — on PostgreSQL in the same run. From
 * the repository root (core built first: `npm run build -w @yishi/core`):
 *
 *   npx tsx packages/server/bench/votes-scale.bench.ts [--units 10000]
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/votes-scale.bench.ts
 *
 * For each storage, a fresh demo database (SQLite file in WAL mode with synchronous=FULL, or a new
 * database on the PostgreSQL server BENCH_PG names):
 *
 * 1. A 10,000-unit compound (the demo's 翠苑 with a roster of `units` more flats imported through the
 *    API): opening a vote on it (three votes, the median), the voting page's API as an owner (GET
 *    /api/votes/:voteId through the app's HTTP stack, medians of 21 after 3 warm-up requests; also
 *    right after a ballot, when the turnout is counted again) and closing a vote with 7,000 ballots.
 *    See votes-scale-compound.ts for the references each is compared to.
 * 2. The tally of a 100,000-unit vote with 70,000 ballots read from the database, against the read as
 *    it was before (every column, sorted, every JSON parsed) and the raw SELECT of the same rows; and
 *    the whole close of that vote (votes-scale-tally.ts).
 *
 * Every figure is printed with its ratio to a reference measured in the same process and run.
 */
import { createTestApp } from '../src/testing/test-app.js';
import { measureCompound, type CompoundFigures } from './votes-scale-compound.js';
import { BIG_VOTE_ID, measureBigTally, type TallyFigures } from './votes-scale-tally.js';
import { insertBigVote } from './votes-storage.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const UNITS = arg('units', 10_000);
const PG_ADMIN = process.env.BENCH_PG || null;

interface Column {
  label: string;
  compound: CompoundFigures;
  tally: TallyFigures;
}

async function column(label: string): Promise<Column> {
  const t = await createTestApp();
  try {
    const compound = await measureCompound(t, UNITS);
    await insertBigVote(t.deps.db, t.dialect, await t.compoundId('CY'), BIG_VOTE_ID);
    const tally = await measureBigTally(t.deps);
    return { label, compound, tally };
  } finally {
    await t.close();
  }
}

const columns: Column[] = [];
delete process.env.YISHI_TEST_PG;
columns.push(await column('SQLite'));
if (PG_ADMIN) {
  process.env.YISHI_TEST_PG = PG_ADMIN;
  columns.push(await column('PostgreSQL'));
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const rows: Array<[string, (c: Column) => string]> = [
  ['units on the roll', (c) => c.compound.units.toLocaleString('en')],
  ['open a vote (roll frozen, owners told)', (c) => ms(c.compound.openMs)],
  ['  the same with notifications off (roll frozen alone)', (c) => ms(c.compound.openQuietMs)],
  [
    '  reference: read the units and owners it is built from',
    (c) => `${ms(c.compound.openSourceMs)} (ratio ${ratio(c.compound.openMs, c.compound.openSourceMs)})`,
  ],
  ['voting page API, GET /votes/:id as an owner', (c) => ms(c.compound.viewMs)],
  ['  right after a ballot (turnout counted again)', (c) => ms(c.compound.viewAfterBallotMs)],
  ['  reference: the same API on a demo vote', (c) => `${ms(c.compound.viewDemoMs)} (ratio ${ratio(c.compound.viewMs, c.compound.viewDemoMs)})`],
  [
    '  reference: turnout alone as before (roll reloaded)',
    (c) => `${ms(c.compound.turnoutBeforeMs)} (ratio ${ratio(c.compound.viewMs, c.compound.turnoutBeforeMs)})`,
  ],
  ['close a vote early, 70 % of the roll voted', (c) => ms(c.compound.closeMs)],
  [
    '  reference: raw SELECT of the rows its tally reads',
    (c) => `${ms(c.compound.closeFloorMs)} (ratio ${ratio(c.compound.closeMs, c.compound.closeFloorMs)})`,
  ],
  ['tally of 100,000 units from the database', (c) => `${ms(c.tally.tallyMs)} (same result: ${c.tally.same})`],
  ['  reference: as before (all columns, sorted, JSON)', (c) => `${ms(c.tally.beforeMs)} (ratio ${ratio(c.tally.tallyMs, c.tally.beforeMs)})`],
  ['  reference: the roll read as 100,000 rows (no packed copy)', (c) => `${ms(c.tally.rollRowsMs)} (ratio ${ratio(c.tally.tallyMs, c.tally.rollRowsMs)})`],
  ['  reference: core tallyVote alone, same input in memory', (c) => `${ms(c.tally.inMemoryMs)} (ratio ${ratio(c.tally.tallyMs, c.tally.inMemoryMs)})`],
  ['  reference: raw SELECT of the roll and ballot rows', (c) => `${ms(c.tally.rawMs)} (ratio ${ratio(c.tally.tallyMs, c.tally.rawMs)})`],
  ['close of that vote (three steps)', (c) => ms(c.tally.closeMs)],
];

const load = (await import('node:os')).loadavg().map((l) => l.toFixed(1));
console.log(`Yishi votes at scale — ${new Date().toISOString()}, node ${process.version}, load average ${load.join(' ')}`);
console.log(
  `command: ${PG_ADMIN ? 'BENCH_PG=<admin url> ' : ''}npx tsx packages/server/bench/votes-scale.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
);
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
console.log(`${''.padEnd(width)}${columns.map((c) => c.label.padEnd(34)).join('')}`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}${columns.map((c) => value(c).padEnd(34)).join('')}`);
