/**
 * The PDF queue without Chromium: a fake browser whose pages finish when the test says so, so what
 * waits, what is refused and what is launched is decided by the test, never by timing.
 */
import { DomainError } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { PdfRenderer, type PdfBrowser, type PdfJob } from './pdf-renderer.js';

/** A browser whose renders wait until `finish(html)`; `started` lists the jobs it has begun. */
function fakeChromium() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const browsers: Array<{ alive: boolean }> = [];
  const launch = async (): Promise<PdfBrowser> => {
    const state = { alive: true };
    browsers.push(state);
    return {
      connected: () => state.alive,
      close: async () => {
        state.alive = false;
      },
      render: (job: PdfJob) =>
        new Promise((resolve) => {
          started.push(job.html);
          finishers.set(job.html, () => resolve(new TextEncoder().encode(`%PDF-${job.html}`) as Uint8Array<ArrayBuffer>));
        }),
    };
  };
  /** Waits until the job has begun rendering, then lets it finish. */
  const finish = async (html: string) => {
    await expect.poll(() => finishers.has(html)).toBe(true);
    finishers.get(html)!();
    finishers.delete(html);
  };
  return { launch, started, finish, browsers };
}

const job = (html: string): PdfJob => ({ html, footerLabel: null });

describe('the shared PDF renderer', () => {
  it('renders every PDF in one browser, launched once', async () => {
    const chromium = fakeChromium();
    const renderer = new PdfRenderer({ launch: chromium.launch, concurrency: 2, maxQueued: 8, retryAfterSeconds: 10, idleMs: 0 });
    const all = ['a', 'b', 'c', 'd'].map((html) => renderer.render(job(html)));
    for (const html of ['a', 'b', 'c', 'd']) await chromium.finish(html);
    const pdfs = await Promise.all(all);
    expect(pdfs.map((pdf) => new TextDecoder().decode(pdf))).toEqual(['%PDF-a', '%PDF-b', '%PDF-c', '%PDF-d']);
    expect(renderer.stats()).toMatchObject({ launches: 1, renders: 4, active: 0, queued: 0 });
    expect(chromium.browsers).toHaveLength(1);
  });

  it('renders at most `concurrency` at once; the rest wait their turn', async () => {
    const chromium = fakeChromium();
    const renderer = new PdfRenderer({ launch: chromium.launch, concurrency: 1, maxQueued: 5, retryAfterSeconds: 10, idleMs: 0 });
    const first = renderer.render(job('first'));
    const second = renderer.render(job('second'));
    await expect.poll(() => chromium.started).toEqual(['first']);
    expect(renderer.stats()).toMatchObject({ active: 1, queued: 1 });
    await chromium.finish('first');
    await first;
    await chromium.finish('second');
    await second;
    expect(chromium.started).toEqual(['first', 'second']);
  });

  it('refuses at once, with the seconds to wait, when the queue is full; takes work again once it drains', async () => {
    const chromium = fakeChromium();
    const renderer = new PdfRenderer({ launch: chromium.launch, concurrency: 1, maxQueued: 1, retryAfterSeconds: 7, idleMs: 0 });
    const running = renderer.render(job('running'));
    const waiting = renderer.render(job('waiting'));
    const refused = await renderer.render(job('refused')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'pdf_busy', params: { seconds: 7 } });
    expect(renderer.stats()).toMatchObject({ active: 1, queued: 1 });
    await chromium.finish('running');
    await chromium.finish('waiting');
    await Promise.all([running, waiting]);
    const again = renderer.render(job('again'));
    await chromium.finish('again');
    await again;
    expect(chromium.started).toEqual(['running', 'waiting', 'again']);
  });

  it('launches another browser when the first has crashed, and reports a failed launch to the request', async () => {
    const chromium = fakeChromium();
    const renderer = new PdfRenderer({ launch: chromium.launch, concurrency: 1, maxQueued: 1, retryAfterSeconds: 10, idleMs: 0 });
    const one = renderer.render(job('one'));
    await chromium.finish('one');
    await one;
    chromium.browsers[0]!.alive = false;
    const two = renderer.render(job('two'));
    await chromium.finish('two');
    await two;
    expect(renderer.stats().launches).toBe(2);

    let fail = true;
    const flaky = new PdfRenderer({
      launch: () => (fail ? Promise.reject(new DomainError('minutes_pdf_unavailable', { detail: 'x' })) : chromium.launch()),
      concurrency: 1,
      maxQueued: 1,
      retryAfterSeconds: 10,
      idleMs: 0,
    });
    await expect(flaky.render(job('three'))).rejects.toMatchObject({ code: 'minutes_pdf_unavailable' });
    fail = false;
    const three = flaky.render(job('three'));
    await chromium.finish('three');
    await three;
    expect(flaky.stats()).toMatchObject({ launches: 2, renders: 1, active: 0 });
  });
});
