/**
 * Sort keys for the roster's labels, so that the databases order buildings and flats as people count
 * them (2栋 before 10栋, 101 before 1001, 3单元 before 12单元) with a plain comparison of text: each run
 * of digits is written with leading zeros to a fixed width, so comparing the keys character by
 * character compares those numbers as numbers. The keys are compared in byte order on both storages
 * (SQLite's default; the columns are `collate "C"` on PostgreSQL), which for UTF-8 is code-point order:
 * digits before letters before Chinese characters.
 *
 * Written by the roster's inserts (db/repositories/roster.repository.ts) and by freezing a vote's roll
 * (db/repositories/votes.repository.ts: an owners' entry takes its unit's key, a resident's the key of
 * its label); the migrations that added the columns (20270111090000_roster_sort_keys,
 * 20270112090000_roll_sort_keys) hold frozen copies of these functions. Grids are few and sorted where
 * they are read (gridSortKey, below).
 */

/** Digits each number is padded to: numbers up to ten digits compare as numbers. */
export const NUMBER_WIDTH = 10;

/** Between a unit's parts: below every character a part's key can hold (spaces and control characters are taken out). */
export const PART_SEPARATOR = ' ';

/**
 * A label's sort key: full-width characters folded to ASCII (１０ → 10), letters to lower case, spaces
 * and control characters taken out, and every run of digits written as a number of NUMBER_WIDTH digits
 * ("10栋" → "0000000010栋"). Labels that differ only in leading zeros ("01", "1") get the same key.
 */
export function naturalKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cc}]/gu, '')
    .replace(/[0-9]+/g, (run) => run.replace(/^0+(?=[0-9])/, '').padStart(NUMBER_WIDTH, '0'));
}

/** A unit's place in the roster: its building's key, then its entrance's, then its room's. */
export function unitSortKey(building: string, entrance: string, room: string): string {
  return [naturalKey(building), naturalKey(entrance), naturalKey(room)].join(PART_SEPARATOR);
}

/** Chinese numerals' digits; 两 is left out (it is a word more often than a number in a name). */
const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A run of Chinese numerals as a number: 十二 → 12, 二十 → 20, 一百零五 → 105; a run without 十, 百 or 千
 * is read digit by digit, as years and room numbers are (二〇二六 → 2026).
 */
function chineseNumber(run: string): number {
  if (![...run].some((c) => c in CHINESE_UNITS)) return Number([...run].map((c) => CHINESE_DIGITS[c]).join(''));
  let total = 0;
  let digit = 0;
  for (const c of run) {
    const unit = CHINESE_UNITS[c];
    if (unit === undefined) digit = CHINESE_DIGITS[c]!;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/**
 * A grid's sort key: its name's Chinese numerals read as numbers first (第二网格 → 第2网格, 第十二网格 →
 * 第12网格), then naturalKey — grids are named 第一网格, 第二网格 … as often as 1网格, and either way come
 * in number order (text order, and pinyin order too, put 第二 before 第一). Only grids: buildings and
 * flats are numbered in digits (the roster's 楼栋 column), and their keys are written already.
 */
export function gridSortKey(name: string): string {
  return naturalKey(name.replace(/[零〇一二三四五六七八九十百千]+/g, (run) => String(chineseNumber(run))));
}
