/**
 * The whole frozen roll of a vote in roll order — the order people count, 2栋 before 10栋 and 101
 * before 1001 (the entries' sort keys, db/natural-key.ts) — for what needs every entry at once: the
 * roll and its check, the evidence package, the open-ballot files. It is read 1,000 entries at a time
 * in voter-key order with the event loop free between pages, then put in roll order here: one
 * statement sorting a 10,000-unit roll held the event loop for about 60 ms on SQLite (benchmarks.md,
 * routes-scale). The keys compare by UTF-16 code unit, which for them (digits, Latin, CJK) is the byte
 * order both databases compare the column in (`collate "C"` on PostgreSQL), so the roll's pages
 * (vote-roll.repository.ts) and this agree.
 */
import { listElectoratePage } from '../db/repositories/votes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { keysetPages, readAllPages } from './export-pages.js';

const ROLL_PAGE = 1_000;

type Entry = Awaited<ReturnType<typeof listElectoratePage>>[number];

/** Roll order: the sort key, the voter key breaking ties. */
export const byRollOrder = (a: Pick<Entry, 'sort_key' | 'voter_key'>, b: Pick<Entry, 'sort_key' | 'voter_key'>): number =>
  a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.voter_key < b.voter_key ? -1 : a.voter_key > b.voter_key ? 1 : 0;

export async function readWholeRoll(db: Db, voteId: string): Promise<Entry[]> {
  const pages = keysetPages<Entry, string>(
    (after, limit) => listElectoratePage(db, voteId, after, limit),
    (entry) => entry.voter_key,
    ROLL_PAGE,
  );
  return (await readAllPages(pages)).sort(byRollOrder);
}
