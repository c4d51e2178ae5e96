/**
 * The whole frozen roll of a vote in label order, for what needs every entry at once: the roll and its
 * check, the evidence package, the open-ballot files. It is read 1,000 entries at a time in key order
 * with the event loop free between pages, then put in label order here: one statement sorting a
 * 10,000-unit roll held the event loop for about 60 ms on SQLite (benchmarks.md, routes-scale). Labels
 * compare by UTF-16 code unit, which for the roll's labels (digits, CJK, Latin) is SQLite's binary
 * order, and the same whichever database and collation the roll is kept in.
 */
import { listElectoratePage } from '../db/repositories/votes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { keysetPages, readAllPages } from './export-pages.js';

const ROLL_PAGE = 1_000;

type Entry = Awaited<ReturnType<typeof listElectoratePage>>[number];

const byLabel = (a: Entry, b: Entry): number =>
  a.label < b.label ? -1 : a.label > b.label ? 1 : a.voter_key < b.voter_key ? -1 : a.voter_key > b.voter_key ? 1 : 0;

export async function readWholeRoll(db: Db, voteId: string): Promise<Entry[]> {
  const pages = keysetPages<Entry, string>(
    (after, limit) => listElectoratePage(db, voteId, after, limit),
    (entry) => entry.voter_key,
    ROLL_PAGE,
  );
  return (await readAllPages(pages)).sort(byLabel);
}
