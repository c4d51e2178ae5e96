/** Worker: an uploaded spreadsheet's bytes → its rows of text (see http/spreadsheet.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { spreadsheetRows } from '../http/spreadsheet.js';
import { answerFromWorker } from './run-worker.js';

const { bytes, contentType } = workerData as { bytes: Uint8Array; contentType: string };
await answerFromWorker(
  (answer) => parentPort!.postMessage(answer),
  () => spreadsheetRows(bytes, contentType),
);
