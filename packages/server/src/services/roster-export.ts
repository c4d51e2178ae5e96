/**
 * The compound's roster as a CSV file (core's `toCsv`: BOM, formulas neutralised): the header and rows
 * the import reads, so an export imported again changes nothing. Units are read a page at a time in
 * roster order (building, entrance, room), each page with its owners, residents and grids, and written
 * and sent before the next is read, the event loop free between pages: at 10,000 units the compound
 * read in one statement held the server for 50–110 ms (benchmarks.md, "Every GET route").
 */
import { chinaDate, formatAreaCenti, groupBy, ROSTER_TEMPLATE_HEADER, type AreaSource } from '@yishi/core';
import { findCompound, listOwnershipsOfUnits, readUnitsPage, type Db } from '../db/repositories/places.repository.js';
import { listGridsOfUnits, listResidenciesOfUnits } from '../db/repositories/roster.repository.js';
import type { Deps } from '../deps.js';
import { csvStream, EXPORT_PAGE, letOthersRun } from './export-pages.js';

const AREA_SOURCE_WORDS: Record<AreaSource, string> = { registered: '登记', surveyed: '测绘', contract: '合同' };

type Unit = Awaited<ReturnType<typeof readUnitsPage>>['rows'][number];

/**
 * The file's name as the office files it: the compound's name and the day in China
 * (都市春天小区花名册-2026-12-07.csv), with its code in the plain-ASCII name older browsers use.
 */
export async function rosterFileName(deps: Deps, compoundId: string): Promise<{ ascii: string; display: string }> {
  const compound = await findCompound(deps.db, compoundId);
  const day = chinaDate(deps.clock());
  return { ascii: `roster-${compound?.code ?? compoundId}-${day}.csv`, display: `${compound?.name ?? ''}花名册-${day}.csv` };
}

export function rosterCsv(deps: Deps, compoundId: string): ReadableStream<Uint8Array> {
  return csvStream(ROSTER_TEMPLATE_HEADER, rosterPages(deps.db, compoundId));
}

async function* rosterPages(db: Db, compoundId: string): AsyncGenerator<string[][]> {
  let after: string | undefined;
  for (;;) {
    const { rows: units, next } = await readUnitsPage(db, compoundId, { after, limit: EXPORT_PAGE });
    yield await rowsOf(db, units);
    if (next === null) return;
    after = next;
    await letOthersRun();
  }
}

/** A page of units as roster rows, with their owners, residents and grids. */
async function rowsOf(db: Db, units: readonly Unit[]): Promise<string[][]> {
  const ids = units.map((u) => u.id);
  const owners = groupBy(await listOwnershipsOfUnits(db, ids), (o) => o.unitId);
  const residents = groupBy(await listResidenciesOfUnits(db, ids), (r) => r.unitId);
  const gridOfUnit = new Map((await listGridsOfUnits(db, ids)).map((u) => [u.id, u.name]));
  return units.map((u) => {
    const ownerList = owners.get(u.id) ?? [];
    const residentList = residents.get(u.id) ?? [];
    return [
      u.building,
      u.entrance,
      u.room,
      formatAreaCenti(u.area_centi),
      AREA_SOURCE_WORDS[u.area_source],
      ownerList.map((o) => o.name).join('、'),
      phones(ownerList),
      u.developer_held ? '是' : '否',
      gridOfUnit.get(u.id) ?? '',
      residentList.map((r) => r.name).join('、'),
      phones(residentList),
    ];
  });
}

/**
 * Phones go with names by position: a person without a phone keeps an empty place only when someone
 * after them has one, so that the positions still match.
 */
function phones(list: ReadonlyArray<{ phone: string | null }>): string {
  const lastWithPhone = list.findLastIndex((p) => p.phone);
  return list
    .slice(0, lastWithPhone + 1)
    .map((p) => p.phone ?? '')
    .join('、');
}
