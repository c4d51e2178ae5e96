/**
 * The compound roster (花名册) as community offices keep it in a spreadsheet: one row per unit with
 * its building, entrance, room, registered area and owners, and optionally the building's grid and
 * the unit's residents (tenants who live there without owning it).
 *
 * Both ways a roster arrives go through one function: `parseRosterRows` takes the sheet's rows as
 * text (an .xlsx read on the server, or CSV/TSV text through `csvRows`) and validates every row,
 * returning either clean rows or every problem with the spreadsheet's own row number and column
 * letter, so the office can fix the whole file in one pass. Applying it is the server's job
 * (all-or-nothing).
 *
 * What offices really send, and we accept: title rows above the header (the header is the first of
 * the first 10 rows with the required columns), headings with units (`建筑面积（㎡）`), areas with
 * units (`101.66㎡`), tab-separated "Unicode text" from Excel, full-width digits.
 */
import Papa from 'papaparse';
import type { ErrorCode } from '../i18n/error-messages.js';
import { parseAreaCenti } from '../places/area.js';
import type { AreaSource } from '../places/places.js';
import { unescapeCsvCell } from '../util/csv.js';

// The roster's API shapes and endpoints (exported here: core's index names this file).
export * from './roster.schema.js';
export * from './roster.contract.js';

export interface RosterPerson {
  name: string;
  phone: string | null;
}

export interface RosterRow {
  /** The spreadsheet's row number (title rows and the header count). */
  line: number;
  building: string;
  entrance: string;
  room: string;
  areaCenti: number;
  areaSource: AreaSource;
  developerHeld: boolean;
  owners: RosterPerson[];
  /** People who live in the unit without owning it (居民/租户). */
  residents: RosterPerson[];
  /** The building's grid by name; null when the cell is empty (the building keeps its grid). */
  grid: string | null;
}

export interface RosterProblem {
  /** The spreadsheet's row number. */
  line: number;
  /** The spreadsheet's column letter (A, B, … AA); '' for a problem with the file or the header. */
  column: string;
  /** The column's heading as written in the file; '' when there is no such column. */
  heading: string;
  code: ErrorCode;
  /** Always `row`, and for a cell `col` (letter) and `column` (heading), then the code's own. */
  params: Record<string, string | number>;
}

export type RosterField =
  'building' | 'entrance' | 'room' | 'area' | 'areaSource' | 'owners' | 'phones' | 'developerHeld' | 'grid' | 'residents' | 'residentPhones';

/** Where a field is in the file. */
export interface RosterColumn {
  index: number;
  letter: string;
  heading: string;
}
export type RosterColumns = Partial<Record<RosterField, RosterColumn>>;

export type RosterParseResult = { ok: true; rows: RosterRow[]; columns: RosterColumns; headerLine: number } | { ok: false; problems: RosterProblem[] };

/**
 * Column headings we recognise, in the words offices actually use. The first is the canonical one.
 * Matching ignores spaces, case, full/half width, a `*` marking a required column and a trailing
 * unit in brackets (`建筑面积（㎡）`, `面积(平方米)`, `专有部分面积(m2)`).
 */
export const ROSTER_COLUMNS: Record<RosterField, readonly string[]> = {
  building: ['楼栋', '楼号', '栋', '楼栋号', 'building'],
  entrance: ['单元', '单元号', 'entrance'],
  room: ['房号', '室号', '门牌号', '房间号', 'room'],
  area: ['面积', '建筑面积', '专有部分面积', '登记面积', 'area'],
  areaSource: ['面积类型', '面积来源', 'areasource', 'area_source'],
  owners: ['业主', '业主姓名', 'owner', 'owners'],
  phones: ['手机', '手机号', '手机号码', '联系电话', '电话', '业主手机', '业主电话', 'phone', 'phones'],
  developerHeld: ['开发商持有', '未售', 'developerheld', 'developer_held'],
  grid: ['网格', '所属网格', '网格名称', 'grid'],
  residents: ['居民', '租户', '住户', '居民姓名', '租户姓名', '住户姓名', 'resident', 'residents'],
  residentPhones: [
    '居民手机',
    '租户手机',
    '住户手机',
    '居民电话',
    '租户电话',
    '住户电话',
    '居民手机号',
    '租户手机号',
    'residentphone',
    'residentphones',
    'resident_phone',
    'resident_phones',
  ],
};

const FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[];
const REQUIRED: readonly RosterField[] = ['building', 'room', 'area'];
/** The header is looked for in this many rows from the top (title rows come first). */
export const ROSTER_HEADER_SEARCH_ROWS = 10;

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

/** The header a blank template starts with, and the roster export's columns (export → import round-trips). */
export const ROSTER_TEMPLATE_HEADER = ['楼栋', '单元', '房号', '面积', '面积类型', '业主', '手机', '开发商持有', '网格', '居民', '居民手机'];

function headingKey(text: string): string {
  return text
    .normalize('NFKC') // （）→(), ㎡ and m² → m2, full-width letters → ASCII
    .replace(/^\uFEFF/, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase()
    .replace(/\([^()]*\)$/, '')
    .replace(/\/?(?:m2|平方米|平米)$/, '');
}

const FIELD_OF_KEY = new Map<string, RosterField>(FIELDS.flatMap((field) => ROSTER_COLUMNS[field].map((name) => [headingKey(name), field] as const)));

/** 0 → A, 25 → Z, 26 → AA: the spreadsheet's column letters. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function splitList(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Phones go with names by position, so an empty place is kept: "、13800000002" is no phone for the
 * first name and 13800000002 for the second. Trailing empty places are dropped.
 */
function splitPositions(text: string): string[] {
  if (text.trim() === '') return [];
  const parts = text.split(/[、,，;；/]/).map((part) => part.trim());
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** "138 0000 0001", "138-0000-0001" and full-width digits read as 13800000001. */
function normalisePhone(text: string): string {
  return text.normalize('NFKC').replace(/[\s-]/g, '');
}

/**
 * An area as offices type it: "101.66", "101.66㎡", "101.66 平方米", "101.66m²", "１０１．６６".
 * Still exact: the unit is cut off the text and the rest parsed as a decimal, never as a float.
 */
export function parseAreaWithUnit(text: string): number | null {
  const number = text
    .normalize('NFKC')
    .trim()
    .replace(/\s*(?:m2|平方米|平米)$/i, '');
  return parseAreaCenti(number);
}

/** Strips the "栋" / "单元" suffixes people type inconsistently, so "1栋" and "1" are one building. */
export function normaliseBuilding(text: string): string {
  return text.trim().replace(/(号楼|栋|幢|号)$/u, '');
}
export function normaliseEntrance(text: string): string {
  return text.trim().replace(/单元$/u, '');
}

/**
 * CSV or tab-separated text (Excel's "Unicode text") as rows of cells. The delimiter is detected;
 * empty lines are kept so that row numbers stay the spreadsheet's. The apostrophe our export puts
 * before a formula-like cell is taken off, so an exported roster imports unchanged.
 */
export function csvRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  return parsed.data.map((row) => row.map(unescapeCsvCell));
}

/** A problem with one cell, located by its field's column. */
export function rosterProblem(
  columns: RosterColumns,
  line: number,
  field: RosterField,
  code: ErrorCode,
  params: Record<string, string | number> = {},
): RosterProblem {
  const column = columns[field];
  const letter = column?.letter ?? '';
  const heading = column?.heading ?? ROSTER_COLUMNS[field][0] ?? field;
  return { line, column: letter, heading, code, params: { row: line, col: letter, column: heading, ...params } };
}

function fileProblem(line: number, code: ErrorCode, params: Record<string, string | number> = {}): RosterProblem {
  return { line, column: '', heading: '', code, params: { row: line, ...params } };
}

function isBlank(cells: readonly string[] | undefined): boolean {
  return !cells || cells.every((cell) => (cell ?? '').trim() === '');
}

function matchHeader(cells: readonly string[]): RosterColumns {
  const columns: RosterColumns = {};
  cells.forEach((cell, index) => {
    const field = FIELD_OF_KEY.get(headingKey(cell ?? ''));
    if (field && !columns[field]) columns[field] = { index, letter: columnLetter(index), heading: (cell ?? '').trim() };
  });
  return columns;
}

/** Finds the header row: the first of the top rows that has every required column. */
function findHeader(rows: readonly string[][]): { index: number; columns: RosterColumns } | { problems: RosterProblem[] } {
  let best: { index: number; columns: RosterColumns; found: number } | null = null;
  const limit = Math.min(rows.length, ROSTER_HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const columns = matchHeader(rows[index] ?? []);
    if (REQUIRED.every((field) => columns[field])) return { index, columns };
    const found = Object.keys(columns).length;
    if (found > 0 && (!best || found > best.found)) best = { index, columns, found };
  }
  if (!best) return { problems: [fileProblem(1, 'roster_no_header', { rows: ROSTER_HEADER_SEARCH_ROWS })] };
  const { index, columns } = best;
  const line = index + 1;
  return {
    problems: REQUIRED.filter((field) => !columns[field]).map((field) =>
      fileProblem(line, 'roster_missing_column', { column: ROSTER_COLUMNS[field][0] ?? field }),
    ),
  };
}

/** CSV (or tab-separated) text: `csvRows`, then `parseRosterRows`. */
export function parseRoster(csvText: string): RosterParseResult {
  return parseRosterRows(csvRows(csvText));
}

/** A roster being read, a few rows at a time, so that a server can read 40,000 rows between other work. */
export interface RosterParser {
  /** Rows below the header, and how many of them have been read. */
  readonly total: number;
  readonly done: number;
  /** Reads up to `maxRows` more rows; true when every row has been read. */
  step(maxRows: number): boolean;
  /** The outcome, once `step` has answered true. */
  result(): RosterParseResult;
}

/** Validates a roster given as the sheet's rows of text, the first row being the sheet's row 1. */
export function parseRosterRows(sheet: readonly string[][]): RosterParseResult {
  const parser = rosterParser(sheet);
  while (!parser.step(Number.POSITIVE_INFINITY));
  return parser.result();
}

/** The same, a step at a time (see RosterParser). */
export function rosterParser(sheet: readonly string[][]): RosterParser {
  const finished = (outcome: RosterParseResult): RosterParser => ({ total: 0, done: 0, step: () => true, result: () => outcome });
  if (sheet.every((cells) => isBlank(cells))) return finished({ ok: false, problems: [fileProblem(1, 'roster_file_empty')] });
  const header = findHeader(sheet);
  if ('problems' in header) return finished({ ok: false, problems: header.problems });
  const { columns } = header;
  const headerLine = header.index + 1;

  const problems: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  const seenUnits = new Map<string, number>();
  const seenPhones = new Map<string, { name: string; line: number }>();
  const gridOfBuilding = new Map<string, { grid: string; line: number }>();
  let needsOwnerColumn = false;

  const readRow = (i: number): void => {
    const cells = sheet[i] ?? [];
    if (isBlank(cells)) return;
    const line = i + 1;
    const cell = (field: RosterField): string => {
      const column = columns[field];
      return column === undefined ? '' : String(cells[column.index] ?? '').trim();
    };
    const problem = (field: RosterField, code: ErrorCode, params: Record<string, string | number> = {}): void => {
      problems.push(rosterProblem(columns, line, field, code, params));
    };

    const building = normaliseBuilding(cell('building'));
    const entrance = normaliseEntrance(cell('entrance'));
    const room = cell('room');
    if (building === '') problem('building', 'roster_required');
    if (room === '') problem('room', 'roster_required');
    for (const [field, value] of [
      ['building', building],
      ['entrance', entrance],
      ['room', room],
    ] as const) {
      if (value.length > 20) problem(field, 'roster_too_long', { max: 20 });
    }

    const areaText = cell('area');
    const areaCenti = areaText === '' ? null : parseAreaWithUnit(areaText);
    if (areaText === '') problem('area', 'roster_required');
    else if (areaCenti === null || areaCenti > 100_000_00) problem('area', 'roster_bad_area', { value: areaText });

    const sourceText = cell('areaSource');
    const areaSource: AreaSource | undefined = sourceText === '' ? 'registered' : AREA_SOURCE_WORDS[sourceText.toLowerCase()];
    if (!areaSource) problem('areaSource', 'roster_bad_area_source', { value: sourceText });

    const heldText = cell('developerHeld').toLowerCase();
    let developerHeld = false;
    if (YES.has(heldText)) developerHeld = true;
    else if (!NO.has(heldText)) problem('developerHeld', 'roster_bad_flag', { value: cell('developerHeld') });

    const people = (namesField: RosterField, phonesField: RosterField): RosterPerson[] => {
      const names = splitList(cell(namesField));
      const phones = splitPositions(cell(phonesField)).map(normalisePhone);
      for (const name of names) if (name.length > 30) problem(namesField, 'roster_too_long', { max: 30 });
      phones.forEach((phone, index) => {
        if (phone === '') return;
        if (!PHONE.test(phone)) problem(phonesField, 'roster_bad_phone', { value: phone });
        else if (index >= names.length) problem(phonesField, 'roster_phone_without_name', { value: phone });
      });
      const listed = names.map((name, index) => ({ name, phone: phones[index] || null }));
      for (const person of listed) {
        if (!person.phone || !PHONE.test(person.phone)) continue;
        const earlier = seenPhones.get(person.phone);
        if (earlier && earlier.name !== person.name) {
          problem(phonesField, 'roster_phone_name_conflict', { phone: person.phone, name: earlier.name, otherRow: earlier.line });
        } else if (!earlier) seenPhones.set(person.phone, { name: person.name, line });
      }
      return listed;
    };
    const owners = people('owners', 'phones');
    const residents = people('residents', 'residentPhones');
    if (developerHeld && owners.length > 0) problem('owners', 'roster_owner_conflict');
    if (!developerHeld && owners.length === 0) {
      if (columns.owners) problem('owners', 'roster_no_owner');
      else needsOwnerColumn = true;
    }

    const gridText = cell('grid');
    if (gridText.length > 30) problem('grid', 'roster_too_long', { max: 30 });
    else if (gridText !== '' && building !== '') {
      const earlier = gridOfBuilding.get(building);
      if (earlier && earlier.grid !== gridText) problem('grid', 'roster_grid_conflict', { grid: earlier.grid, otherRow: earlier.line });
      else if (!earlier) gridOfBuilding.set(building, { grid: gridText, line });
    }

    const key = `${building}|${entrance}|${room}`;
    const earlierLine = seenUnits.get(key);
    if (building !== '' && room !== '' && earlierLine !== undefined) {
      problem('room', 'roster_duplicate_unit', { otherRow: earlierLine });
    } else seenUnits.set(key, line);

    if (areaCenti !== null && areaSource) {
      rows.push({ line, building, entrance, room, areaCenti, areaSource, developerHeld, owners, residents, grid: gridText === '' ? null : gridText });
    }
  };

  const first = header.index + 1;
  let next = first;
  const total = Math.max(0, sheet.length - first);
  return {
    total,
    get done() {
      return next - first;
    },
    step(maxRows) {
      const end = Math.min(sheet.length, next + maxRows);
      for (; next < end; next++) readRow(next);
      return next >= sheet.length;
    },
    result() {
      if (next < sheet.length) throw new Error('rosterParser: result() before the last step');
      // Without an owners column every sold unit would be a problem: name the column once instead.
      if (needsOwnerColumn) problems.unshift(fileProblem(headerLine, 'roster_missing_column', { column: ROSTER_COLUMNS.owners[0] ?? '业主' }));
      if (problems.length > 0) return { ok: false, problems };
      if (rows.length === 0) return { ok: false, problems: [fileProblem(headerLine, 'roster_empty')] };
      return { ok: true, rows, columns, headerLine };
    },
  };
}
