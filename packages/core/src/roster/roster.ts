/**
 * The compound roster (花名册) as community offices keep it in a spreadsheet: one row per unit with
 * its building, entrance, room, registered area and owners. `parseRoster` reads the CSV text and
 * validates every row, returning either clean rows or every problem with its line and column, so the
 * office can fix the whole file in one pass. Applying it is the server's job (all-or-nothing).
 */
import Papa from 'papaparse';
import type { ErrorCode } from '../i18n/error-messages.js';
import { parseAreaCenti } from '../places/area.js';
import type { AreaSource } from '../places/places.js';

export interface RosterOwner {
  name: string;
  phone: string | null;
}

export interface RosterRow {
  line: number;
  building: string;
  entrance: string;
  room: string;
  areaCenti: number;
  areaSource: AreaSource;
  developerHeld: boolean;
  owners: RosterOwner[];
}

export interface RosterProblem {
  line: number;
  column: string;
  code: ErrorCode;
  params: Record<string, string | number>;
}

/** What importing a roster did (or, on a dry run, would do): the API's answer and the page's preview. */
export interface RosterImportSummary {
  rows: number;
  buildingsCreated: number;
  unitsCreated: number;
  unitsUpdated: number;
  unitsUnchanged: number;
  personsCreated: number;
  unitsNotInFile: number;
  applied: boolean;
}

export type RosterParseResult =
  | { ok: true; rows: RosterRow[] }
  | { ok: false; problems: RosterProblem[] };

type Field = 'building' | 'entrance' | 'room' | 'area' | 'areaSource' | 'owners' | 'phones' | 'developerHeld';

/** Column headings we recognise, in the words offices actually use. The first is the canonical one. */
export const ROSTER_COLUMNS: Record<Field, readonly string[]> = {
  building: ['楼栋', '楼号', '栋', 'building'],
  entrance: ['单元', 'entrance'],
  room: ['房号', '室号', '门牌号', 'room'],
  area: ['面积', '建筑面积', '专有部分面积', '面积(平方米)', '建筑面积(平方米)', 'area'],
  areaSource: ['面积类型', 'areasource', 'area_source'],
  owners: ['业主', '业主姓名', 'owner', 'owners'],
  phones: ['手机', '手机号', '联系电话', '电话', 'phone'],
  developerHeld: ['开发商持有', '未售', 'developerheld', 'developer_held'],
};

const REQUIRED: readonly Field[] = ['building', 'room', 'area'];

const AREA_SOURCE_WORDS: Record<string, AreaSource> = {
  登记: 'registered',
  不动产登记: 'registered',
  registered: 'registered',
  测绘: 'surveyed',
  surveyed: 'surveyed',
  合同: 'contract',
  contract: 'contract',
};

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

const PHONE = /^1\d{10}$/;
const SEPARATORS = /[、,，;；/]+/;

/** The header line a blank template starts with. */
export const ROSTER_TEMPLATE_HEADER = ['楼栋', '单元', '房号', '面积', '面积类型', '业主', '手机', '开发商持有'];

function normaliseHeading(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function splitList(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Strips the "栋" / "单元" suffixes people type inconsistently, so "1栋" and "1" are one building. */
export function normaliseBuilding(text: string): string {
  return text.trim().replace(/(号楼|栋|幢|号)$/u, '');
}
export function normaliseEntrance(text: string): string {
  return text.trim().replace(/单元$/u, '');
}

export function parseRoster(csvText: string): RosterParseResult {
  const parsed = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const lines = parsed.data;
  const problems: RosterProblem[] = [];
  const headerIndex = lines.findIndex((cells) => cells.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) return { ok: false, problems: [{ line: 1, column: '', code: 'roster_empty', params: {} }] };
  const header = (lines[headerIndex] ?? []).map(normaliseHeading);

  const columnOf = new Map<Field, number>();
  const headingOf = new Map<Field, string>();
  for (const [field, names] of Object.entries(ROSTER_COLUMNS) as [Field, readonly string[]][]) {
    const index = header.findIndex((heading) => names.some((name) => normaliseHeading(name) === heading));
    if (index >= 0) {
      columnOf.set(field, index);
      headingOf.set(field, (lines[headerIndex] ?? [])[index]?.trim() ?? names[0] ?? field);
    }
  }
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) {
      problems.push({
        line: headerIndex + 1,
        column: ROSTER_COLUMNS[field][0] ?? field,
        code: 'roster_missing_column',
        params: { column: ROSTER_COLUMNS[field][0] ?? field },
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: RosterRow[] = [];
  const seenUnits = new Map<string, number>();
  const seenPhones = new Map<string, { name: string; line: number }>();

  for (let i = headerIndex + 1; i < lines.length; i++) {
    const cells = lines[i] ?? [];
    if (cells.every((cell) => cell.trim() === '')) continue;
    const line = i + 1;
    const cell = (field: Field): string => {
      const index = columnOf.get(field);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const heading = (field: Field): string => headingOf.get(field) ?? ROSTER_COLUMNS[field][0] ?? field;
    const problem = (field: Field, code: ErrorCode, params: Record<string, string | number> = {}): void => {
      problems.push({ line, column: heading(field), code, params: { column: heading(field), ...params } });
    };

    const building = normaliseBuilding(cell('building'));
    const entrance = normaliseEntrance(cell('entrance'));
    const room = cell('room');
    if (building === '') problem('building', 'roster_required');
    if (room === '') problem('room', 'roster_required');
    for (const [field, value] of [['building', building], ['entrance', entrance], ['room', room]] as const) {
      if (value.length > 20) problem(field, 'roster_too_long', { max: 20 });
    }

    const areaText = cell('area');
    const areaCenti = areaText === '' ? null : parseAreaCenti(areaText);
    if (areaText === '') problem('area', 'roster_required');
    else if (areaCenti === null || areaCenti > 100_000_00) problem('area', 'roster_bad_area', { value: areaText });

    const sourceText = cell('areaSource');
    const areaSource: AreaSource | undefined = sourceText === '' ? 'registered' : AREA_SOURCE_WORDS[sourceText.toLowerCase()];
    if (!areaSource) problem('areaSource', 'roster_bad_area_source', { value: sourceText });

    const heldText = cell('developerHeld').toLowerCase();
    let developerHeld = false;
    if (YES.has(heldText)) developerHeld = true;
    else if (!NO.has(heldText)) problem('developerHeld', 'roster_bad_flag', { value: cell('developerHeld') });

    const names = splitList(cell('owners'));
    const phones = splitList(cell('phones'));
    const owners: RosterOwner[] = names.map((name, index) => ({ name, phone: phones[index] ?? null }));
    for (const name of names) if (name.length > 30) problem('owners', 'roster_too_long', { max: 30 });
    for (const phone of phones) if (!PHONE.test(phone)) problem('phones', 'roster_bad_phone', { value: phone });
    if (developerHeld && names.length > 0) problem('owners', 'roster_owner_conflict');
    if (!developerHeld && names.length === 0) problem('owners', 'roster_no_owner');
    for (const owner of owners) {
      if (!owner.phone || !PHONE.test(owner.phone)) continue;
      const earlier = seenPhones.get(owner.phone);
      if (earlier && earlier.name !== owner.name) {
        problem('phones', 'roster_phone_name_conflict', { phone: owner.phone, name: earlier.name, line: earlier.line });
      } else if (!earlier) seenPhones.set(owner.phone, { name: owner.name, line });
    }

    const key = `${building}|${entrance}|${room}`;
    const earlierLine = seenUnits.get(key);
    if (building !== '' && room !== '' && earlierLine !== undefined) {
      problem('room', 'roster_duplicate_unit', { line: earlierLine });
    } else seenUnits.set(key, line);

    if (areaCenti !== null && areaSource) {
      rows.push({ line, building, entrance, room, areaCenti, areaSource, developerHeld, owners });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ line: headerIndex + 2, column: '', code: 'roster_empty', params: {} }] };
  return { ok: true, rows };
}
