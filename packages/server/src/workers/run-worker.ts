/**
 * Work that would hold the event loop too long (reading a 40,000-row workbook takes a second) runs
 * in a worker thread: one per job, started for it and gone after. A worker module answers
 * `{ ok: true, value }` or `{ ok: false, code, params }` for a DomainError, which is thrown again
 * here so the caller's error handling is unchanged. From source (tests, `npm run dev`) the worker is
 * the .ts file, loaded through tsx like the server; from dist, the compiled .js.
 */
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode, type ErrorParams } from '@yishi/core';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; params: ErrorParams } | { ok: false; message: string };

/** The worker module next to `from` (an `import.meta.url`), in the same form (.ts or .js). */
export function workerModule(from: string, name: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}

/** Reads an uploaded spreadsheet's bytes into rows of text (spreadsheet.worker.ts). */
export const SPREADSHEET_WORKER = workerModule(import.meta.url, 'spreadsheet.worker');

/** A worker thread running `module` with `data` (from source, through tsx's loader registered in its own thread). */
export function startWorker(module: URL, data: unknown, transferList: ArrayBuffer[] = []): Worker {
  return module.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`, {
        eval: true,
        workerData: data,
        transferList,
      })
    : new Worker(module, { workerData: data, transferList });
}

export function runWorker<T>(module: URL, data: unknown, transferList: ArrayBuffer[] = []): Promise<T> {
  return answerOf<T>(startWorker(module, data, transferList), module);
}

/** The one answer of a worker (see answerFromWorker), after which it is stopped. */
export function answerOf<T>(worker: Worker, module: URL): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (answer: WorkerAnswer<T>) => {
      if (answer.ok) resolve(answer.value);
      else if ('code' in answer) reject(new DomainError(answer.code, answer.params));
      else reject(new Error(answer.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${module.pathname} stopped with code ${code}`));
    });
  });
}

/** In a worker module: runs the job and posts its answer the way runWorker reads it. */
export async function answerFromWorker<T>(post: (answer: WorkerAnswer<T>) => void, job: () => Promise<T> | T): Promise<void> {
  try {
    post({ ok: true, value: await job() });
  } catch (error) {
    if (error instanceof DomainError) post({ ok: false, code: error.code, params: error.params });
    else post({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}
