/**
 * csvStream (export-pages.ts) skips a page with no rows: a stream's pull that enqueues nothing is not
 * called again, so a reader waiting on it would wait for ever (a compound with no units yet).
 */
import { expect, it } from 'vitest';
import { csvStream } from './export-pages.js';

async function* pages(...list: string[][][]) {
  for (const page of list) yield page;
}

it('a page with no rows, first, between or last, is skipped and the file ends', async () => {
  const read = async (stream: ReadableStream<Uint8Array>) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  const within = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('waited'), ms));
  const text = await Promise.race([read(csvStream(['a', 'b'], pages([], [['1', '2']], [], [], [['3', '4']], []))), within(2_000)]);
  expect(text).toBe('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
  expect(await Promise.race([read(csvStream(['a'], pages([]))), within(2_000)])).toBe('\uFEFFa\r\n');
});
