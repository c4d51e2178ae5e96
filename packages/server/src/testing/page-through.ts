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
