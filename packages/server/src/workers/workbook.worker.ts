/**
 * Worker: writes an Excel workbook (write-excel-file) from rows of cells it receives sheet by sheet
 * (see workbook.ts), then answers the file's bytes, so zipping tens of thousands of rows never holds
 * the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import writeXlsxFile, { type Cell, type CellObject } from 'write-excel-file/node';
import { answerFromWorker } from './run-worker.js';
import type { PostedCell, WorkbookMessage, WorkbookSheet } from './workbook.js';

const TYPES = { String, Number, Date, Boolean } as const;
const { sheets } = workerData as { sheets: WorkbookSheet[] };
const data: Cell[][][] = sheets.map(() => []);

type PostedObject = Extract<PostedCell, { value?: unknown }>;

function cellOf(posted: PostedCell): Cell {
  if (posted === null || typeof posted !== 'object' || !('type' in posted)) return posted as Cell;
  const { type, ...rest } = posted as PostedObject;
  return (type ? { ...rest, type: TYPES[type] } : rest) as CellObject;
}

parentPort!.on('message', (message: WorkbookMessage) => {
  if ('rows' in message) {
    const rows = data[message.sheet]!;
    for (const row of message.rows) rows.push(row.map(cellOf));
    return;
  }
  void answerFromWorker(
    (answer) => parentPort!.postMessage(answer, answer.ok ? [answer.value.buffer] : []),
    async () => {
      const buffer = await writeXlsxFile(sheets.map((s, i) => ({ ...s, data: data[i]! }))).toBuffer();
      return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)) as Uint8Array<ArrayBuffer>;
    },
  );
});
