import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { naturalKey } from '../db/natural-key.js';

/**
 * Gives `count` of a vote's roll entries (the first by voter key, none whose label is like any of
 * `keepLike`) one label, '0同名', and its sort key, so a page boundary falls inside a tie; their voter keys.
 * Voter keys are random, so every label the test looks for afterwards must be kept here.
 */
export async function tieRollLabels(db: Kysely<Database>, voteId: string, count: number, keepLike: string | string[]): Promise<string[]> {
  const kept = typeof keepLike === 'string' ? [keepLike] : keepLike;
  const tied = await db
    .selectFrom('vote_electorate')
    .select('voter_key')
    .where('vote_id', '=', voteId)
    .where((eb) => eb.and(kept.map((like) => eb('label', 'not like', like))))
    .orderBy('voter_key')
    .limit(count)
    .execute();
  const keys = tied.map((r) => r.voter_key);
  await db
    .updateTable('vote_electorate')
    .set({ label: '0同名', sort_key: naturalKey('0同名') })
    .where('vote_id', '=', voteId)
    .where('voter_key', 'in', keys)
    .execute();
  return keys;
}

/** Reads a keyset-paged list from its first page to its last, as a client does, for tests of paging. */
export interface PagedRead<T> {
  items: T[];
  pages: number;
  /** The largest response body, in bytes. */
  largestBytes: number;
  /** Every status answered (all 200 when the list pages well). */
  statuses: number[];
}

/**
 * Follows `next` until it is null. `fetchPage(after)` answers the raw Response; a page that is not a
 * 200 ends the read (its status is recorded). `maxPages` stops a list whose cursor never ends.
 */
export async function pageThrough<T>(fetchPage: (after: string | undefined) => Promise<Response>, maxPages = 10_000): Promise<PagedRead<T>> {
  const read: PagedRead<T> = { items: [], pages: 0, largestBytes: 0, statuses: [] };
  let after: string | undefined;
  do {
    const res = await fetchPage(after);
    const text = await res.text();
    read.pages++;
    read.statuses.push(res.status);
    read.largestBytes = Math.max(read.largestBytes, Buffer.byteLength(text));
    if (res.status !== 200) break;
    const page = JSON.parse(text) as { items: T[]; next: string | null };
    read.items.push(...page.items);
    after = page.next ?? undefined;
  } while (after !== undefined && read.pages < maxPages);
  return read;
}

/** The values that occur more than once (a page boundary that showed a row twice). */
export function repeated<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** `/api<path>?<query>`, leaving out undefined values. */
export function listUrl(path: string, query: Record<string, string | number | undefined>): string {
  const pairs: Array<[string, string]> = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]]));
  return `/api${path}?${new URLSearchParams(pairs)}`;
}
