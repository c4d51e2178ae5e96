/**
 * The dashboard, the public board and the exports on the synthetic 10,000-unit compound with 40,000
 * action items (issue 18; testing/big-compound.ts, `cli.js generate-compound`). In-process, through
 * the app's own request handling (hono's app.request), on a copy of a generated database:
 *
 * - dashboard: GET /dashboard for the compound, median of 9 after 2 warm-ups, against the counting
 *   as first written (every action item and rating read, core's computeDashboard over the rows) in
 *   the same run;
 * - board: bytes of every API answer the board page reads (gzip, as the server sends them);
 * - exports: the longest the event loop was held while each export ran (the longest gap between
 *   ticks of a 5 ms timer, worst of 3 runs; an idle stretch first gives the machine's own share),
 *   and ledger.xlsx the way it was written before (every entry read at once, the workbook zipped on
 *   the main thread) in the same run.
 *
 *   node packages/server/dist/cli.js generate-compound --db /tmp/wjhy.db      # once (about 5 minutes)
 *   BENCH_DB=/tmp/wjhy.db npx tsx packages/server/bench/board-scale.bench.ts
 *   BENCH_DB=postgres://…/wjhy npx tsx packages/server/bench/board-scale.bench.ts  # the same on PostgreSQL
 */
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dashboardPeriod, formatAreaCenti, navigatorMissing, toCsv } from '@yishi/core';
import writeXlsxFile from 'write-excel-file/node';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { isPostgresUrl, openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Db } from '../src/db/repositories/places.repository.js';
import type { Deps } from '../src/deps.js';
import { DEMO_PASSWORD } from '../src/seed/demo-foundation.seed.js';
import { listLedgerWithItems } from '../src/db/repositories/ledger.repository.js';
import { listLatestSignOffs } from '../src/db/repositories/board.repository.js';
import { listMeetingsOfCompound } from '../src/db/repositories/meetings.repository.js';
import { listCompoundMinutesVersions } from '../src/db/repositories/minutes.repository.js';
import { listVotesOfCompound } from '../src/db/repositories/votes.repository.js';
import { listNotices } from '../src/services/board.service.js';
import { listRollPeople, listRollWithBuildingsAfter } from '../src/db/repositories/vote-navigator.repository.js';
import { LEDGER_COLUMNS } from '../src/services/ledger.service.js';
import { workbookDate, workbookHeading, workbookText } from '../src/services/workbook-cells.js';
import { LogSmsSender } from '../src/sms/log-sms-sender.js';
import { BIG_COMPOUND_CODE } from '../src/testing/big-compound.js';
import { blockText, longestBlock } from './event-loop-block.js';
import { dashboardFromRows } from '../src/testing/dashboard-reference.js';

const source = process.env.BENCH_DB ?? '/tmp/wjhy.db';
let url = source;
if (!isPostgresUrl(source)) {
  url = `/tmp/board-bench-${process.pid}.db`;
  copyFileSync(source, url);
}
const { db, dialect } = openDatabase(url);
// As the server does when it starts (the generated file may predate the latest indexes).
await migrateToLatest(db);
const deps: Deps = { db, config: testConfig({ databasePath: url }), clock: () => new Date(), sms: new LogSmsSender(() => {}) };
const app = createApp(deps);

const compound = await db
  .selectFrom('compounds')
  .innerJoin('communities', 'communities.id', 'compounds.community_id')
  .select(['compounds.id', 'compounds.community_id'])
  .where('compounds.code', '=', BIG_COMPOUND_CODE)
  .executeTakeFirstOrThrow();
const vote = await db.selectFrom('votes').select('id').where('compound_id', '=', compound.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
const items = await db
  .selectFrom('action_items')
  .select((eb) => eb.fn.countAll().as('n'))
  .where('compound_id', '=', compound.id)
  .executeTakeFirstOrThrow();

async function login(name: string): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
const staff = await login('shequ');

async function get(path: string, cookie?: string): Promise<{ status: number; bytes: number }> {
  const res = await app.request(path, { headers: { 'accept-encoding': 'gzip', ...(cookie ? { cookie } : {}) } });
  const body = await res.arrayBuffer();
  return { status: res.status, bytes: body.byteLength };
}

async function median(run: () => Promise<unknown>, warm = 2, times = 9): Promise<number> {
  for (let i = 0; i < warm; i++) await run();
  const spans: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    spans.push(performance.now() - start);
  }
  return spans.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/**
 * The dashboard as first computed (testing/dashboard-reference.ts): the rows read and counted once
 * (it counted them twice, for the total and for the compound: this reference is the lighter one).
 */
function dashboardAsBefore(database: Db, compoundId: string) {
  const now = new Date();
  const period = dashboardPeriod(undefined, undefined, now);
  return dashboardFromRows(database, [compoundId], period.from, period.to, now);
}

/**
 * ledger.xlsx as first written: every entry read at once, its details parsed, twelve cells a row
 * built and the workbook zipped on the main thread (the words of the codes left out: the same work).
 */
async function ledgerXlsxAsBefore(): Promise<number> {
  const entries = await listLedgerWithItems(db, compound.id);
  const rows = entries.map((e) => {
    const p = JSON.parse(e.payload) as { dueDate?: string; resolution?: string; comment?: string; signedOffBy?: { name?: string } };
    return [
      { value: Number(e.seq), type: Number },
      ...[
        e.kind,
        e.signOffNumber ?? '',
        e.title,
        e.sourceKind,
        e.responsibleUnit ?? '',
        p.resolution ?? p.comment ?? '',
        p.signedOffBy?.name ?? '',
        e.status,
        e.hash,
      ].map(workbookText),
      p.dueDate ? workbookDate(new Date(`${p.dueDate}T00:00:00Z`), 'yyyy-mm-dd') : null,
      workbookDate(new Date(e.createdAt), 'yyyy-mm-dd hh:mm'),
    ];
  });
  const buffer = await writeXlsxFile([LEDGER_COLUMNS.map(workbookHeading), ...rows], { sheet: '整改台账' }).toBuffer();
  return buffer.byteLength;
}

/**
 * visiting-list.csv as first written: the whole roll read at once with its buildings and whether
 * each entry voted, the missing units worked out (core's navigatorMissing), every person of the roll read in
 * one statement and the file written as one string.
 */
async function visitingListCsvAsBefore(): Promise<number> {
  // The roll in one read (today's statement without its page limit; it tells voted or not itself, as the ballots' presence did).
  const rows = await listRollWithBuildingsAfter(db, vote.id, undefined, 1_000_000);
  const entries = rows.map((r) => ({
    voterKey: r.voterKey,
    label: r.label,
    ownerPersonIds: JSON.parse(r.ownerPersonIds) as string[],
    areaCenti: r.areaCenti,
    developerHeld: r.developerHeld === 1,
    buildingId: r.buildingId,
    buildingName: r.buildingName ?? '楼栋不详',
    voted: Number(r.voted) === 1,
  }));
  const groups = navigatorMissing('owners', entries, null);
  const people = new Map<string, string[]>();
  for (const p of await listRollPeople(db, vote.id, false, null)) people.set(p.voterKey, [...(people.get(p.voterKey) ?? []), p.name]);
  const csv = toCsv(
    groups.flatMap((g) => g.units.map((u) => [g.name, u.label, formatAreaCenti(u.areaCenti), (people.get(u.voterKey) ?? []).join('、'), '', '☐', ''])),
  );
  return csv.length;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

console.log(`${dialect}: compound ${BIG_COMPOUND_CODE} with ${Number(items.n).toLocaleString('en-US')} action items; load average ${load()}`);

// ---- dashboard ----
const only = process.env.BENCH_ONLY; // dashboard | board | exports
if (!only || only === 'dashboard') {
  const dashboardPath = `/api/dashboard?scope=community&id=${compound.community_id}&compoundId=${compound.id}`;
  const dashboardStatus = await get(dashboardPath, staff);
  const dashboardMs = await median(() => get(dashboardPath, staff));
  const beforeMs = await median(() => dashboardAsBefore(db, compound.id));
  console.log(`dashboard GET (status ${dashboardStatus.status}, ${dashboardStatus.bytes} B gzip)  median ${dashboardMs.toFixed(1)} ms`);
  console.log(
    `dashboard as before (rows of every item, computed in JS)  median ${beforeMs.toFixed(1)} ms   ratio now/before ${(dashboardMs / beforeMs).toFixed(3)}`,
  );
}

// ---- board ----
if (!only || only === 'board') {
  const boardPaths = [
    ['summary', `/api/public/compounds/${compound.id}/board`],
    ['meetings', `/api/public/compounds/${compound.id}/meetings`],
    ['votes', `/api/public/compounds/${compound.id}/votes`],
    ['vote notices', `/api/public/compounds/${compound.id}/vote-notices`],
    ['minutes', `/api/public/compounds/${compound.id}/minutes`],
    ['proposals', `/api/public/compounds/${compound.id}/proposals`],
    ['action items (first page)', `/api/public/compounds/${compound.id}/action-items`],
    ['satisfaction', `/api/public/compounds/${compound.id}/satisfaction`],
    ['anchors', `/api/public/compounds/${compound.id}/anchors`],
  ] as const;
  let boardTotal = 0;
  for (const [name, path] of boardPaths) {
    const r = await get(path);
    const ms = await median(() => get(path), 1, 5);
    boardTotal += r.bytes;
    console.log(`board ${name.padEnd(26)} status ${r.status}  ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB gzip  median ${ms.toFixed(1)} ms`);
  }
  console.log(`board API answers in total ${(boardTotal / 1024).toFixed(1)} KiB gzip`);
  // The summary's five notices, against the reads they were built from before (every meeting, minutes version and vote of the compound).
  const noticesMs = await median(() => listNotices(db, compound.id, 5), 2, 15);
  const noticesBeforeMs = await median(
    () =>
      Promise.all([
        listMeetingsOfCompound(db, compound.id, ['scheduled', 'cancelled']),
        listCompoundMinutesVersions(db, compound.id),
        listVotesOfCompound(db, compound.id),
        listLatestSignOffs(db, compound.id, 5),
      ]),
    2,
    15,
  );
  console.log(
    `board summary's notices (5)  median ${noticesMs.toFixed(2)} ms; their reads as before ${noticesBeforeMs.toFixed(2)} ms; ratio ${(noticesMs / noticesBeforeMs).toFixed(3)}`,
  );
}

// ---- exports ----
if (!only || only === 'exports') {
  // The machine's own share: the longest delay while the process does nothing for 2 s (a loaded
  // machine delays a timer by itself; an export's figure is only meaningful above this one).
  const idle = await longestBlock(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  console.log(`idle 2 s (the machine's own delay)          ${blockText(idle)}`);
  const exports = [
    ['ledger.xlsx', `/api/compounds/${compound.id}/ledger.xlsx`],
    ['ledger.csv', `/api/compounds/${compound.id}/ledger.csv`],
    ['dashboard.xlsx', `/api/dashboard.xlsx?scope=community&id=${compound.community_id}`],
    ['vote roll.csv', `/api/votes/${vote.id}/roll.csv`],
    ['visiting-list.xlsx', `/api/votes/${vote.id}/navigator/visiting-list.xlsx`],
    ['visiting-list.csv', `/api/votes/${vote.id}/navigator/visiting-list.csv`],
  ] as const;
  for (const [name, path] of exports) {
    const r = await get(path, staff);
    const block = await longestBlock(() => get(path, staff));
    console.log(`export ${name.padEnd(20)} status ${r.status}  ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ${blockText(block)}`);
  }
  const visitingBefore = await longestBlock(visitingListCsvAsBefore);
  const visitingNow = await longestBlock(() => get(exports[5][1], staff));
  console.log(
    `visiting-list.csv as before (the whole roll and its people at once): ${blockText(visitingBefore)}; now ${blockText(visitingNow)}; ratio (CPU) ${(visitingNow.cpu / visitingBefore.cpu).toFixed(3)}`,
  );
  // Once: on the main thread it takes the better part of a minute on a loaded machine.
  const beforeBlock = await longestBlock(ledgerXlsxAsBefore, 1);
  const nowBlock = await longestBlock(() => get(exports[0][1], staff));
  console.log(
    `ledger.xlsx as before (all at once, zipped on the main thread): ${blockText(beforeBlock)}; now ${blockText(nowBlock)}; ratio (CPU) ${(nowBlock.cpu / beforeBlock.cpu).toFixed(3)}`,
  );
}

await db.destroy();
if (url !== source) rmSync(url, { force: true });
