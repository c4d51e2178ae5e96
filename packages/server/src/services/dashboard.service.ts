/**
 * The governance dashboard: loads the meetings of the compounds in scope and counts of their
 * questions and action items (aggregated in SQL) and lets core compute the figures (core/dashboard),
 * so the screen, the spreadsheet and the public satisfaction summary agree to the decimal.
 */
import {
  DomainError,
  MEETING_KINDS,
  chinaDate,
  computeDashboard,
  dashboardPeriod,
  dashboardRows,
  heldStart,
  meetingKind,
  publicationDeadline,
  timeLeft,
  addTallies,
  workdaysFromDays,
  type ActionItemTallies,
  type DashboardInput,
  type DashboardMeetingRow,
  type DashboardQuery,
  type DashboardView,
  type Rate,
  type SatisfactionSummary,
} from '@yishi/core';
import type { Cell } from 'write-excel-file/node';
import {
  countListedAndOverdue,
  countQuestionsOfCompounds,
  countSignOffListingDays,
  countSignOffs,
  listCompoundsInScope,
  listMeetingsOfCompounds,
  listMeetingsWithoutMinutes,
} from '../db/repositories/dashboard.repository.js';
import { listFirstPublications } from '../db/repositories/minutes.repository.js';
import { resolvePlaceChain, type Db } from '../db/repositories/places.repository.js';
import type { PlaceChain } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { workbookInWorker } from '../workers/workbook.js';
import { letOthersRun } from './export-pages.js';
import { workbookDate, workbookHeading, workbookNumber, workbookPercent, workbookText } from './workbook-cells.js';

/** The subdistrict or community a dashboard request is about (where its access is checked). */
export function placeOfScope(db: Db, query: Pick<DashboardQuery, 'scope' | 'id'>): Promise<PlaceChain | undefined> {
  return resolvePlaceChain(db, query.scope, query.id);
}

type ScopedCompound = Awaited<ReturnType<typeof listCompoundsInScope>>[number];

/**
 * What the figures of the compounds need for the period: the meetings and their first publications
 * as rows (a few per month), the questions counted per meeting and status, and the action items as
 * tallies per compound from SQL aggregates (core/dashboard-tallies.ts), never a row per item.
 */
async function loadCounts(db: Db, compoundIds: readonly string[], period: { from: string; to: string }, now: Date) {
  const today = chinaDate(now);
  const itemPeriod = { ...period, asOf: today < period.to ? today : period.to };
  // Each aggregate takes up to tens of milliseconds on a 40,000-item compound; on SQLite a statement
  // holds the event loop, so it runs between the statements (all six at once held it for over 100 ms).
  const meetings = await listMeetingsOfCompounds(db, compoundIds);
  const questions = await countQuestionsOfCompounds(db, compoundIds);
  await letOthersRun();
  const listed = await countListedAndOverdue(db, compoundIds, itemPeriod);
  await letOthersRun();
  const signOffs = await countSignOffs(db, compoundIds, itemPeriod);
  await letOthersRun();
  const listingDays = await countSignOffListingDays(db, compoundIds, itemPeriod);
  await letOthersRun();
  const minutes = await listFirstPublications(db, compoundIds);
  const tallies = new Map(
    compoundIds.map((id): [string, ActionItemTallies] => {
      const own = signOffs.filter((g) => g.compoundId === id);
      const counts = listed.find((c) => c.compoundId === id);
      return [
        id,
        {
          listed: counts?.listed ?? 0,
          overdue: counts?.overdue ?? 0,
          signedOff: own.map(({ signedOn, onTime, rating, count }) => ({ signedOn, onTime, rating, count })),
          workdaysToSignOff: workdaysFromDays(
            own.filter((g) => g.forward).map((g) => ({ date: g.signedOn, count: g.count })),
            listingDays.filter((d) => d.compoundId === id),
          ),
        },
      ];
    }),
  );
  return {
    // A meeting counts on the day it was held, not the day its notice said (core/meetings/held-times.ts).
    meetings: meetings.map((m): DashboardMeetingRow => ({
      id: m.id,
      compoundId: m.compound_id,
      kind: m.kind,
      status: m.status,
      startsAt: heldStart({ startsAt: m.starts_at, startedAt: m.started_at }),
    })),
    questions: questions.map((q) => ({ meetingId: q.meeting_id, status: q.status, count: q.count })),
    tallies,
    minutes: minutes.map((m) => ({ meetingId: m.meetingId, firstPublishedAt: m.firstPublishedAt })),
  };
}

type Counts = Awaited<ReturnType<typeof loadCounts>>;

/** The counts of some of the compounds (one, or all of them for the totals) as core's input. */
function countsOf(counts: Counts, compoundIds: readonly string[]): Pick<DashboardInput, 'meetings' | 'questions' | 'actionItems' | 'minutes'> {
  const wanted = new Set(compoundIds);
  const meetings = counts.meetings.filter((m) => wanted.has(m.compoundId));
  const ids = new Set(meetings.map((m) => m.id));
  return {
    meetings,
    questions: counts.questions.filter((q) => ids.has(q.meetingId)),
    actionItems: addTallies(compoundIds.map((id) => counts.tallies.get(id)!)),
    minutes: counts.minutes.filter((m) => ids.has(m.meetingId)),
  };
}

export async function getDashboard(deps: Deps, request: DashboardQuery): Promise<DashboardView> {
  const now = deps.clock();
  const period = dashboardPeriod(request.from, request.to, now);
  const all = await listCompoundsInScope(deps.db, request.scope, request.id);
  const compounds = request.compoundId ? all.filter((c) => c.id === request.compoundId) : all;
  if (request.compoundId && compounds.length === 0) throw new DomainError('compound_not_found');
  const ids = compounds.map((c) => c.id);
  const counts = await loadCounts(deps.db, ids, period, now);
  const total = computeDashboard({ ...period, now, ...countsOf(counts, ids) });
  return {
    scope: { kind: request.scope, id: request.id },
    period,
    compoundId: request.compoundId ?? null,
    compounds: all.map((c) => ({ id: c.id, name: c.name, code: c.code, communityName: c.communityName })),
    figures: total.figures,
    months: total.months,
    byCompound: compounds.map((c) => ({ compoundId: c.id, name: c.name, figures: computeDashboard({ ...period, now, ...countsOf(counts, [c.id]) }).figures })),
    pendingMinutes: await listPendingMinutes(deps, compounds),
    generatedAt: now.toISOString(),
  };
}

/**
 * Held meetings whose minutes are not published yet, overdue first: the dashboard flags them and
 * links each to its minutes page, where the convener sees the same time left.
 */
async function listPendingMinutes(deps: Deps, compounds: readonly ScopedCompound[]): Promise<DashboardView['pendingMinutes']> {
  if (compounds.length === 0) return [];
  const names = new Map(compounds.map((c) => [c.id, c.name]));
  const rows = await listMeetingsWithoutMinutes(
    deps.db,
    compounds.map((c) => c.id),
  );
  const now = deps.clock();
  return rows
    .map((m) => {
      const heldAt = heldStart({ startsAt: m.starts_at, startedAt: m.started_at });
      const deadline = publicationDeadline(m.kind, heldAt);
      return {
        meetingId: m.id,
        compoundName: names.get(m.compound_id) ?? '',
        kind: m.kind,
        title: m.title,
        startsAt: heldAt,
        deadline,
        timeLeft: deadline ? timeLeft(deadline, now) : null,
      };
    })
    .sort((a, b) => Number(b.timeLeft?.overdue ?? false) - Number(a.timeLeft?.overdue ?? false));
}

/** Meetings held per month: one column per kind, as its spec names its counter. */
const MONTH_COUNTERS = MEETING_KINDS.map((kind) => meetingKind(kind).dashboard);
const MONTH_HEADER = ['月份', ...MONTH_COUNTERS.map((c) => c.series['zh-CN']), '提出问题', '现场答复', '列入清单', '销号', '按期销号'];

/** A figure of `dashboardRows` as a cell: a rate as a number with a % format, a count as a number, "—" as text. */
function figureCell(row: { value: string | number; rate?: Rate }): Cell {
  if (row.rate) return workbookPercent(row.rate.permille === null ? null : row.rate.permille / 1000) ?? workbookText(row.rate.text);
  return typeof row.value === 'number' ? workbookNumber(row.value) : workbookText(row.value);
}

/** A China date (YYYY-MM-DD, or YYYY-MM for a month) as a date cell. */
function dateCell(day: string, format: 'yyyy-mm-dd' | 'yyyy-mm'): Cell {
  return workbookDate(new Date(`${day.length === 7 ? `${day}-01` : day}T00:00:00Z`), format);
}

/**
 * The dashboard as an Excel workbook in Chinese (totals, per compound, per month), with its period:
 * dates and months are date cells, counts numbers, rates numbers with a % format. Zipped in a worker
 * thread (a subdistrict's workbook has a row per compound).
 */
export async function getDashboardWorkbook(deps: Deps, request: DashboardQuery): Promise<{ bytes: Uint8Array<ArrayBuffer>; period: DashboardView['period'] }> {
  const d = await getDashboard(deps, request);
  const rows = dashboardRows(d.figures);
  const scopeName = d.compoundId ? (d.compounds.find((c) => c.id === d.compoundId)?.name ?? '') : '全部小区';
  const totals: Cell[][] = [
    [workbookHeading('统计期间自'), dateCell(d.period.from, 'yyyy-mm-dd')],
    [workbookHeading('统计期间至'), dateCell(d.period.to, 'yyyy-mm-dd')],
    [workbookHeading('范围'), workbookText(scopeName)],
    [workbookHeading('指标'), workbookHeading('数值')],
    ...rows.map((r) => [workbookText(r.label['zh-CN']), figureCell(r)]),
  ];
  const perCompound: Cell[][] = [
    [workbookHeading('小区'), ...rows.map((r) => workbookHeading(r.label['zh-CN']))],
    ...d.byCompound.map((c) => [workbookText(c.name), ...dashboardRows(c.figures).map(figureCell)]),
  ];
  const perMonth: Cell[][] = [
    MONTH_HEADER.map(workbookHeading),
    ...d.months.map((m) => [
      dateCell(m.month, 'yyyy-mm'),
      ...[...MONTH_COUNTERS.map((c) => m[c.counter]), m.questionsRaised, m.answeredOnTheSpot, m.listed, m.signedOff, m.signedOffOnTime].map(workbookNumber),
    ]),
  ];
  const bytes = await workbookInWorker([
    { data: totals, sheet: '汇总', columns: [{ width: 34 }, { width: 24 }] },
    { data: perCompound, sheet: '分小区', columns: [{ width: 16 }, ...rows.map(() => ({ width: 14 }))] },
    { data: perMonth, sheet: '分月', columns: MONTH_HEADER.map(() => ({ width: 12 })) },
  ]);
  return { bytes, period: d.period };
}

/** The public satisfaction summary of one compound: the last 12 months of ratings and sign-offs. */
export async function getSatisfactionSummary(deps: Deps, compoundId: string): Promise<SatisfactionSummary> {
  const now = deps.clock();
  const to = chinaDate(now);
  const from = chinaDate(new Date(now.getTime() - 364 * 86_400_000));
  const counts = await loadCounts(deps.db, [compoundId], { from, to }, now);
  const { figures } = computeDashboard({ from, to, now, ...countsOf(counts, [compoundId]) });
  return {
    period: { from, to },
    satisfaction: figures.satisfaction,
    actionItems: {
      signedOff: figures.actionItems.signedOff,
      signedOffOnTime: figures.actionItems.signedOffOnTime,
      onTimeRate: figures.actionItems.onTimeRate,
      overdue: figures.actionItems.overdue,
      avgWorkdaysToSignOff: figures.actionItems.avgWorkdaysToSignOff,
    },
    questions: figures.questions,
    meetings: figures.meetings,
  };
}
