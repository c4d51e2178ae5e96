/**
 * The turnout navigator (core/votes/navigator.ts): how far an open vote is from its participation
 * threshold, and whose doors to knock on, per building and unit.
 *
 * Who sees what:
 * - The vote's organisers (VOTE_ORGANISERS) see every building, and the owners' phones on screen:
 *   they keep the roster, which shows them the same phones.
 * - A building head sees the buildings they head, nothing of the others but the compound's gauge
 *   (public turnout, as on the notice board). They see the unit label and the owners' names — what
 *   they need to knock on the right door and ask for the right person, and what their building's
 *   activation list already shows them — but no phone numbers.
 * - Nobody sees a choice, nor when or by which channel a unit voted: only "voted / not yet". The
 *   navigator's roll read asks only whether a ballot of each entry exists.
 * - The visiting list (CSV, Excel, print) is handed to building heads, so it never carries phones,
 *   whoever downloads it.
 */
import {
  DomainError,
  formatAreaCenti,
  formatBuildingName,
  navigatorBuildings,
  navigatorGauge,
  navigatorMissing,
  type Locale,
  type Navigator,
  type NavigatorEntry,
  type NavigatorMissing,
  type NavigatorUnitView,
  formatBeijingMinute,
} from '@yishi/core';
import type { Cell } from 'write-excel-file/node';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import type { Db } from '../db/repositories/places.repository.js';
import { listHomeBuildings, listRollPeople, listRollWithBuildingsAfter } from '../db/repositories/vote-navigator.repository.js';
import { findBuildingOfCompound } from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { WorkerWorkbook } from '../workers/workbook.js';
import { VOTE_ORGANISERS } from './vote-views.service.js';
import { placeOfVote } from './vote-place.service.js';
import { loadVoteSettled, ruleOf } from './votes.service.js';
import { chunkPages, csvStream, keysetPages, letOthersRun } from './export-pages.js';
import { workbookArea, workbookHeading, workbookText } from './workbook-cells.js';

/**
 * The place a navigator request is about: the vote's, narrowed to `buildingId` when one is named —
 * which must be a building of the vote (its compound's, or the building of a building's vote) — so
 * the role check finds a building head only at their own building.
 */
export async function placeOfNavigator(db: Db, voteId: string, buildingId: string | undefined): Promise<PlaceChain | undefined> {
  const place = await placeOfVote(db, voteId);
  if (!place || !buildingId) return place;
  if (place.buildingId) return place.buildingId === buildingId ? place : undefined;
  return (await findBuildingOfCompound(db, buildingId, place.compoundId!)) ? { ...place, buildingId } : undefined;
}

export interface Sight {
  scope: 'all' | 'own';
  /** The buildings reported (null: all). */
  buildings: ReadonlySet<string | null> | null;
  phones: boolean;
}

export function sightOf(actor: Actor, vote: VoteRow, chain: PlaceChain, buildingId: string | undefined): Sight {
  const organiser = mayAct(actor, VOTE_ORGANISERS, chain);
  const own = organiser
    ? null
    : new Set(actor.grants.filter((g) => g.role === 'building_head' && g.compoundId === vote.compound_id && g.buildingId).map((g) => g.buildingId!));
  // The role check already placed a building head at the building named; this is the backstop.
  if (buildingId && own && !own.has(buildingId)) throw new DomainError('forbidden');
  return { scope: organiser ? 'all' : 'own', buildings: buildingId ? new Set([buildingId]) : own, phones: organiser };
}

export const UNKNOWN_BUILDING: Record<Locale, string> = { 'zh-CN': '楼栋不详', en: 'Building unknown' };

/**
 * The frozen roll, each entry in its building, with whether it has voted — nothing more of its ballot.
 * Read a page at a time with the event loop free between pages (a 10,000-unit roll read at once held
 * it for over half a second under load).
 */
export async function rollOf(db: Db, vote: VoteRow, locale: Locale): Promise<NavigatorEntry[]> {
  // A residents' poll lists persons: each is placed in the first building they own in, else live in.
  const homes = new Map<string, { buildingId: string; buildingName: string }>();
  if (vote.electorate_kind === 'residents') {
    for (const home of await listHomeBuildings(db, vote.id, vote.compound_id, vote.building_id)) {
      const known = homes.get(home.voterKey);
      if (!known) homes.set(home.voterKey, home);
    }
  }
  const entries: NavigatorEntry[] = [];
  const pages = keysetPages(
    (after: string | undefined, limit) => listRollWithBuildingsAfter(db, vote.id, after, limit),
    (r) => r.voterKey,
  );
  for await (const page of pages) {
    for (const r of page) {
      const home = homes.get(r.voterKey);
      const buildingId = r.buildingId ?? home?.buildingId ?? null;
      const buildingName = r.buildingName ?? home?.buildingName ?? null;
      entries.push({
        voterKey: r.voterKey,
        label: r.label,
        ownerPersonIds: JSON.parse(r.ownerPersonIds) as string[],
        areaCenti: r.areaCenti,
        developerHeld: r.developerHeld === 1,
        buildingId,
        buildingName: buildingName === null ? UNKNOWN_BUILDING[locale] : formatBuildingName(buildingName),
        voted: Number(r.voted) === 1,
      });
    }
  }
  return entries;
}

export async function openRoll(deps: Deps, voteId: string) {
  const vote = await loadVoteSettled(deps, voteId);
  if (vote.status === 'draft') throw new DomainError('navigator_no_roll');
  return vote;
}

export async function getNavigator(deps: Deps, actor: Actor, voteId: string, chain: PlaceChain, locale: Locale): Promise<Navigator> {
  const vote = await openRoll(deps, voteId);
  const sight = sightOf(actor, vote, chain, undefined);
  const entries = await rollOf(deps.db, vote, locale);
  const kind = vote.electorate_kind;
  return {
    vote: {
      id: vote.id,
      compoundId: vote.compound_id,
      title: vote.title,
      status: vote.status,
      closesAt: vote.closes_at,
      secret: vote.secret === 1,
      electorateKind: kind,
    },
    scope: sight.scope,
    gauge: navigatorGauge(ruleOf(vote), kind, entries),
    buildings: navigatorBuildings(kind, entries, sight.buildings),
    asOf: deps.clock().toISOString(),
  };
}

interface MissingList extends NavigatorMissing {
  vote: VoteRow;
  asOf: string;
}

async function missingOf(deps: Deps, actor: Actor, voteId: string, chain: PlaceChain, buildingId: string | undefined, locale: Locale): Promise<MissingList> {
  const vote = await openRoll(deps, voteId);
  const sight = sightOf(actor, vote, chain, buildingId);
  const entries = await rollOf(deps.db, vote, locale);
  await letOthersRun();
  const groups = navigatorMissing(vote.electorate_kind, entries, sight.buildings);
  const keys = groups.flatMap((g) => g.units.map((u) => u.voterKey));
  const people = await rollPeople(deps.db, vote, sight, keys);
  return {
    vote,
    asOf: deps.clock().toISOString(),
    phones: sight.phones,
    buildings: groups.map((g) => ({ ...g, units: g.units.map((u) => ({ ...u, people: people.get(u.voterKey) ?? [] })) })),
  };
}

/** The people to ask for at the doors of `keys` (phones only for those who may see them), read a page of keys at a time. */
export async function rollPeople(db: Db, vote: VoteRow, sight: Sight, keys: readonly string[]) {
  const only = sight.buildings ? [...sight.buildings].filter((id): id is string => id !== null) : null;
  const people = new Map<string, Array<{ name: string; phone: string | null }>>();
  for await (const page of chunkPages(keys)) {
    for (const p of await listRollPeople(db, vote.id, vote.electorate_kind === 'residents', only, page)) {
      people.set(p.voterKey, [...(people.get(p.voterKey) ?? []), { name: p.name, phone: sight.phones ? p.phone : null }]);
    }
  }
  return people;
}

const COLUMNS: Record<Locale, string[]> = {
  'zh-CN': ['楼栋', '房屋', '面积（平方米）', '业主', '说明', '已走访（打勾）', '走访情况'],
  en: ['Building', 'Unit', 'Area (m²)', 'Owners', 'Note', 'Visited (tick)', 'Outcome of the visit'],
};
const TICK_BOX = '☐';

/** Why this door matters, in the words a building head reads on paper. */
function noteOf(unit: NavigatorUnitView, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (unit.headCounted) return zh ? '业主已通过其他房屋参与：此户投票只增加面积' : 'The owner takes part through another unit: a ballot here adds area only';
  if (unit.developerHeld) return zh ? '开发商持有（未售或未交付）：所有此类房屋合计 1 人' : 'Held by the developer: all such units count as one head together';
  if (unit.headUnits > 1)
    return zh ? `同一业主共 ${unit.headUnits} 套：任一套投票即计入 1 人` : `One owner of ${unit.headUnits} units: a ballot for any of them brings in one head`;
  return '';
}

function peopleOf(unit: NavigatorUnitView, locale: Locale): string {
  if (unit.people.length === 0) return unit.developerHeld ? (locale === 'zh-CN' ? '开发商' : 'Developer') : '';
  return unit.people.map((p) => p.name).join('、');
}

export interface VisitingListFile {
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
  /** What the list covers, for the file name: a building's name, or null for all the caller may see. */
  building: string | null;
}

/** The visiting list as CSV: the units not yet voted, grouped by building, a box to tick; never phones. Written a page of units at a time. */
export async function visitingListCsv(deps: Deps, actor: Actor, voteId: string, chain: PlaceChain, buildingId: string | undefined, locale: Locale) {
  const list = await missingOf(deps, actor, voteId, chain, buildingId, locale);
  const units = list.buildings.flatMap((b) => b.units.map((u) => ({ building: b.name, u })));
  async function* rows() {
    for await (const page of chunkPages(units)) {
      yield page.map(({ building, u }) => [building, u.label, formatAreaCenti(u.areaCenti), peopleOf(u, locale), noteOf(u, locale), TICK_BOX, '']);
    }
  }
  return { body: csvStream(COLUMNS[locale], rows()), building: buildingId ? (list.buildings[0]?.name ?? null) : null } satisfies VisitingListFile;
}

/** Excel forbids these in a sheet name and allows 31 characters. */
function sheetName(name: string, taken: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || '-';
  for (let n = 2; taken.has(base); n += 1) base = `${base.slice(0, 26)} ${n}`;
  taken.add(base);
  return base;
}

/**
 * The visiting list as an Excel workbook: one sheet per building (each printed for its building
 * head), headed by the vote and the time the list was read; text cells, never formulas. Zipped in
 * a worker thread (workers/workbook.ts): thousands of units would hold the event loop.
 */
export async function visitingListWorkbook(deps: Deps, actor: Actor, voteId: string, chain: PlaceChain, buildingId: string | undefined, locale: Locale) {
  const list = await missingOf(deps, actor, voteId, chain, buildingId, locale);
  const zh = locale === 'zh-CN';
  const groups = list.buildings.length > 0 ? list.buildings : [{ id: null, name: zh ? '走访清单' : 'Visiting list', units: [] }];
  const taken = new Set<string>();
  const columns = [8, 18, 12, 20, 40, 12, 24].map((width) => ({ width }));
  const book = new WorkerWorkbook(groups.map((b) => ({ sheet: sheetName(b.name, taken), columns })));
  try {
    for (const [index, b] of groups.entries()) {
      const title = zh
        ? `${list.vote.title} · ${b.name}未投票 ${b.units.length} 户 · 截至 ${formatBeijingMinute(list.asOf)}`
        : `${list.vote.title} · ${b.name}: ${b.units.length} not yet voted · as of ${formatBeijingMinute(list.asOf)}`;
      book.add(index, [[workbookHeading(title)], COLUMNS[locale].map(workbookHeading)]);
      // Handed to the worker a page of units at a time (a building of 100 units is one), the event loop free between pages.
      await letOthersRun();
      for await (const page of chunkPages(b.units)) {
        book.add(
          index,
          page.map((u): Cell[] => [
            workbookText(b.name),
            workbookText(u.label),
            workbookArea(u.areaCenti),
            workbookText(peopleOf(u, locale)),
            workbookText(noteOf(u, locale)),
            workbookText(TICK_BOX),
            null,
          ]),
        );
      }
    }
  } catch (error) {
    book.abandon();
    throw error;
  }
  return { body: await book.finish(), building: buildingId ? (list.buildings[0]?.name ?? null) : null } satisfies VisitingListFile;
}
