/**
 * Sort keys for the roster's labels, so that the databases order buildings and flats as people count
 * them (2栋 before 10栋, 101 before 1001, 3单元 before 12单元) with a plain comparison of text: each run
 * of digits is written with leading zeros to a fixed width, so comparing the keys character by
 * character compares those numbers as numbers. The keys are compared in byte order on both storages
 * (SQLite's default; the columns are `collate "C"` on PostgreSQL), which for UTF-8 is code-point order:
 * digits before letters before Chinese characters.
 *
 * Written by the roster's inserts (db/repositories/roster.repository.ts); the migration that added the
 * columns (20270111090000_roster_sort_keys) holds a frozen copy of these functions.
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
