/**
 * Large exports (the ledger, the vote roll, the visiting list) read their rows a page at a time and
 * let the event loop run between pages, so no request holds the server for the whole file: a CSV is
 * streamed as its pages come (`csvStream`), a workbook is written in a worker (workers/workbook.ts).
 */
import { toCsv, type CsvValue } from '@yishi/core';

/**
 * Rows an export reads at a time: a page of the ledger costs about 7 ms of CPU to read and write
 * (500 rows let the main thread burn 55–75 ms between two ticks of a timer, with the collections).
 */
export const EXPORT_PAGE = 250;

/** Lets the event loop run (other requests, timers) before the export reads on. */
export function letOthersRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The pages of a list read by keyset: `read(after, limit)` answers the rows after the key `after`
 * (undefined for the first page), in key order; `keyOf` is a row's key.
 */
export async function* keysetPages<R, K>(
  read: (after: K | undefined, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
  limit = EXPORT_PAGE,
): AsyncGenerator<R[]> {
  let after: K | undefined;
  for (;;) {
    const rows = await read(after, limit);
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    after = keyOf(rows.at(-1)!);
    await letOthersRun();
  }
}

/** Every row of `pages`, read page by page (the event loop runs between them), in one array. */
export async function readAllPages<R>(pages: AsyncIterable<readonly R[]>): Promise<R[]> {
  const rows: R[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

/** The items of a list already at hand, `size` at a time, the event loop free between pages (for the work each page costs). */
export async function* chunkPages<T>(items: readonly T[], size = EXPORT_PAGE): AsyncGenerator<T[]> {
  for (let from = 0; from < items.length; from += size) {
    if (from > 0) await letOthersRun();
    yield items.slice(from, from + size);
  }
}

/**
 * A CSV file (core's `toCsv`: BOM, formulas neutralised) streamed page by page: the header first,
 * then each page's rows as they are read.
 */
export function csvStream(header: readonly CsvValue[], pages: AsyncIterable<ReadonlyArray<readonly CsvValue[]>>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsv([header])));
        return;
      }
      // A pull that enqueues nothing is not called again: an empty page is skipped here.
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        // Each page without the BOM toCsv puts first.
        if (value.length > 0) return controller.enqueue(encoder.encode(toCsv(value).slice(1)));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
