/**
 * The list APIs paged in issue 18 on a 10,000-unit compound (testing/big-compound.ts, SQLite): the
 * roll (GET /votes/:id/roll), the roster (GET /compounds/:id/units) and the navigator's missing units
 * (GET /votes/:id/navigator/missing), 70 % of the roll voted. From the repository root, core built:
 *
 *   npx tsx packages/server/bench/lists-scale.bench.ts [--units 10000]
 *
 * For each list: the first page (default limit) and a page deep in the list (the last one), bytes and
 * the median of 15 requests through the app's HTTP stack after 3 warm-ups; the reference in the same
 * run is the whole list as one answer was before paging — for the roll the service that still builds
 * it whole (for roll.csv), for the others every page at limit 200 read one after another (bytes and
 * time summed), which is what a client reading everything now pays. For the navigator's missing units
 * also each page as it was computed before it read only its buildings (the whole roll read, the list
 * computed, the page's people read: the service's own functions, without the HTTP stack), in
 * alternation with the first page through HTTP. `--only <name>` measures one list (roll, units,
 * navigator); YISHI_TEST_PG=<admin url> runs it on PostgreSQL.
 */
import { generateBigCompound } from '../src/testing/big-compound.js';
import { createTestApp, type TestApp } from '../src/testing/test-app.js';
import { getRoll } from '../src/services/vote-views.service.js';
import { navigatorMissing } from '@yishi/core';
import { findVote } from '../src/db/repositories/votes.repository.js';
import { rollOf, rollPeople } from '../src/services/vote-navigator.service.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const UNITS = arg('units', 10_000);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(t: TestApp, path: string, cookie: string): Promise<{ ms: number; bytes: number; body: { next?: string | null } }> {
  const started = performance.now();
  const res = await t.call('GET', path, { cookie });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) as { next?: string | null } };
}

async function medianOf(t: TestApp, path: string, cookie: string) {
  for (let i = 0; i < 3; i++) await timed(t, path, cookie);
  const runs = [];
  for (let i = 0; i < 15; i++) runs.push(await timed(t, path, cookie));
  return { ms: median(runs.map((r) => r.ms)), bytes: runs[0]!.bytes, next: runs[0]!.body.next ?? null };
}

/** Every page at limit 200, one after another: the whole list as a client now reads it. */
async function wholeByPages(t: TestApp, base: string, cookie: string) {
  let ms = 0;
  let bytes = 0;
  let pages = 0;
  let lastPath: string;
  let after: string | null | undefined;
  do {
    const sep = base.includes('?') ? '&' : '?';
    lastPath = `${base}${sep}limit=200${after ? `&after=${after}` : ''}`;
    const r = await timed(t, lastPath, cookie);
    ms += r.ms;
    bytes += r.bytes;
    pages += 1;
    after = r.body.next;
  } while (after);
  return { ms, bytes, pages, lastPath };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const t = await createTestApp();
  const started = performance.now();
  const big = await generateBigCompound(t.deps, { units: UNITS, actionItems: 200 });
  console.log(`generated ${big.counts.units} units in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const roll = await t.deps.db.selectFrom('vote_electorate').select('unit_id').where('vote_id', '=', big.voteId).execute();
  const now = new Date().toISOString();
  const ballots = roll.slice(0, Math.floor(roll.length * 0.7)).map((e, i) => ({
    id: `${big.voteId}-b${i}`,
    vote_id: big.voteId,
    unit_id: e.unit_id,
    person_id: null,
    choices_json: JSON.stringify(['yes']),
    channel: 'online' as const,
    cast_by_user_id: null,
    entered_by_user_id: null,
    slip_number: '',
    receipt_code: `R-${big.voteId}-${i}`,
    version: 1,
    cast_at: now,
  }));
  for (let i = 0; i < ballots.length; i += 500)
    await t.deps.db
      .insertInto('ballots')
      .values(ballots.slice(i, i + 500))
      .execute();
  const staff = await t.login('shequ');

  const lists = [
    { name: 'roll', base: `/api/votes/${big.voteId}/roll` },
    { name: 'units', base: `/api/compounds/${big.compoundId}/units` },
    { name: 'navigator missing', base: `/api/votes/${big.voteId}/navigator/missing` },
  ].filter((l) => !ONLY || l.name.startsWith(ONLY));
  console.log(
    `\n${UNITS} units, ${ballots.length} ballots; load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('| list | first page | ms | last page (limit 200) | ms | whole list as before | ms | first page / whole (bytes, time) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const list of lists) {
    const first = await medianOf(t, list.base, staff);
    const whole = await wholeByPages(t, list.base, staff);
    const last = await medianOf(t, whole.lastPath, staff);
    let reference = { ms: whole.ms, bytes: whole.bytes, how: `${whole.pages} pages summed` };
    if (list.name === 'roll') {
      const runs = [];
      let bytes = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const entries = await getRoll(t.deps, big.voteId);
        bytes = Buffer.byteLength(JSON.stringify(entries));
        runs.push(performance.now() - s);
      }
      reference = { ms: median(runs), bytes, how: 'getRoll, one answer' };
    }
    if (list.name === 'navigator missing') {
      // The first page as computed before (whole roll, whole list, the page's people), alternating with the page through HTTP.
      const vote = (await findVote(t.deps.db, big.voteId))!;
      const sight = { scope: 'all', buildings: null, phones: true } as const;
      const before: number[] = [];
      const now: number[] = [];
      for (let i = 0; i < 18; i++) {
        let s = performance.now();
        const units = navigatorMissing('owners', await rollOf(t.deps.db, vote, 'zh-CN'), null).flatMap((g) => g.units);
        await rollPeople(
          t.deps.db,
          vote,
          sight,
          units.slice(0, 100).map((u) => u.voterKey),
        );
        if (i >= 3) before.push(performance.now() - s);
        s = performance.now();
        await timed(t, list.base, staff);
        if (i >= 3) now.push(performance.now() - s);
      }
      console.log(
        `navigator missing, first page: ${median(now).toFixed(1)} ms through HTTP against ${median(before).toFixed(1)} ms as computed before (ratio ${(median(now) / median(before)).toFixed(3)})`,
      );
    }
    console.log(
      `| ${list.name} | ${kb(first.bytes)} | ${first.ms.toFixed(1)} | ${kb(last.bytes)} | ${last.ms.toFixed(1)} | ${kb(reference.bytes)} (${reference.how}) | ${reference.ms.toFixed(1)} | ${(first.bytes / reference.bytes).toFixed(3)}, ${(first.ms / reference.ms).toFixed(3)} |`,
    );
  }
  await t.close();
}

await main();
