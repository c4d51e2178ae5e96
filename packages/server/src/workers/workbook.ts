/**
 * An Excel workbook written in a worker thread (workbook.worker.ts): the caller builds the cells a
 * page of rows at a time (with `workbook-cells.ts`, as for any export) and hands each page over;
 * the worker keeps them and zips the file at the end. The server's event loop only ever holds one
 * page, never the whole sheet nor the zipping (a 40,000-row ledger took it for 1.45 s).
 *
 *   const book = new WorkerWorkbook([{ sheet: '整改台账', columns }]);
 *   for await (const page of pages) book.add(0, page.map(toCells));
 *   const bytes = await book.finish();
 */
import type { Cell, CellObject } from 'write-excel-file/node';
import { answerOf, startWorker, workerModule } from './run-worker.js';

export interface WorkbookSheet {
  sheet: string;
  columns?: Array<{ width: number }>;
}

/** A cell as it crosses to the worker: a cell object's type (a constructor) by its name. */
export type PostedCell = Exclude<Cell, CellObject> | (Omit<CellObject, 'type'> & { type?: 'String' | 'Number' | 'Date' | 'Boolean' });

export type WorkbookMessage = { sheet: number; rows: PostedCell[][] } | { done: true };

const WORKBOOK_WORKER = workerModule(import.meta.url, 'workbook.worker');

function posted(cell: Cell): PostedCell {
  if (cell === null || typeof cell !== 'object' || cell instanceof Date || !('type' in cell) || !cell.type) return cell as PostedCell;
  return { ...cell, type: (cell.type as { name: string }).name as 'String' | 'Number' | 'Date' | 'Boolean' };
}

export class WorkerWorkbook {
  private readonly worker;
  private readonly answer: Promise<Uint8Array<ArrayBuffer>>;

  constructor(sheets: readonly WorkbookSheet[]) {
    this.worker = startWorker(WORKBOOK_WORKER, { sheets });
    this.answer = answerOf<Uint8Array<ArrayBuffer>>(this.worker, WORKBOOK_WORKER);
    // Failing before `finish` is awaited must not be an unhandled rejection; `finish` reports it.
    this.answer.catch(() => {});
  }

  /** Rows of cells for sheet `sheet` (its index), appended after those given before. */
  add(sheet: number, rows: readonly Cell[][]): void {
    this.worker.postMessage({ sheet, rows: rows.map((row) => row.map(posted)) } satisfies WorkbookMessage);
  }

  /** The workbook's bytes, once the worker has zipped it. */
  finish(): Promise<Uint8Array<ArrayBuffer>> {
    this.worker.postMessage({ done: true } satisfies WorkbookMessage);
    return this.answer;
  }

  /** Stops the worker without a file (the caller failed while reading its rows). */
  abandon(): void {
    void this.worker.terminate();
  }
}

/** A workbook written in a worker from sheets whose rows are all at hand (small ones: the dashboard's). */
export function workbookInWorker(sheets: ReadonlyArray<WorkbookSheet & { data: Cell[][] }>): Promise<Uint8Array<ArrayBuffer>> {
  const book = new WorkerWorkbook(sheets.map(({ sheet, columns }) => ({ sheet, ...(columns ? { columns } : {}) })));
  sheets.forEach((s, i) => book.add(i, s.data));
  return book.finish();
}
