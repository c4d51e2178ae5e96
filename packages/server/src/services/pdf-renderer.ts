/**
 * One Chromium for every PDF the server makes (published minutes, activation letters), with a
 * bounded queue in front of it. Launching a browser per request cost seconds and ~150 MB each, so
 * three anonymous readers at once took 16 s; now the browser is launched on first use and kept
 * while there is work, each PDF is a page of it, at most `concurrency` pages render at once, and at
 * most `maxQueued` requests wait. A request beyond that is refused at once with `pdf_busy` (503 and
 * Retry-After) instead of piling up without bound on a small machine. The browser is closed after
 * `idleMs` without work, and relaunched when it has crashed.
 *
 * The browser itself sits behind `PdfBrowser`, so the queue is tested without Chromium.
 */
import { DomainError } from '@yishi/core';

export interface PdfJob {
  /** A standalone page: no scripts, nothing loaded from outside. */
  html: string;
  /** A footer with page numbers under this label; null: the page draws everything itself. */
  footerLabel: string | null;
}

/** A running browser that renders pages to PDF. */
export interface PdfBrowser {
  render(job: PdfJob): Promise<Uint8Array<ArrayBuffer>>;
  connected(): boolean;
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  launch: () => Promise<PdfBrowser>;
  /** Pages rendering at the same time. */
  concurrency: number;
  /** Requests waiting for a page; one more is refused. */
  maxQueued: number;
  /** What a refused request is told to wait before trying again. */
  retryAfterSeconds: number;
  /** The browser is closed after this long without work (0: kept until close()). */
  idleMs: number;
}

export interface PdfRendererStats {
  /** Browsers launched so far (one while it keeps running). */
  launches: number;
  /** PDFs rendered so far. */
  renders: number;
  active: number;
  queued: number;
}

export class PdfRenderer {
  private browser: Promise<PdfBrowser> | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly counts = { launches: 0, renders: 0 };

  constructor(private readonly options: PdfRendererOptions) {}

  stats(): PdfRendererStats {
    return { ...this.counts, active: this.active, queued: this.waiting.length };
  }

  /** Renders a page to PDF, waiting for a free page if need be; refuses with `pdf_busy` when the queue is full. */
  async render(job: PdfJob): Promise<Uint8Array<ArrayBuffer>> {
    await this.slot();
    try {
      const browser = await this.ensureBrowser();
      const pdf = await browser.render(job);
      this.counts.renders += 1;
      return pdf;
    } finally {
      this.release();
    }
  }

  /** Closes the browser (the server's shutdown); a later render launches a new one. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private slot(): Promise<void> {
    clearTimeout(this.idleTimer);
    if (this.active < this.options.concurrency) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.maxQueued) {
      return Promise.reject(new DomainError('pdf_busy', { seconds: this.options.retryAfterSeconds }));
    }
    // The slot is handed over by release(): `active` stays counted for the waiter.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.active -= 1;
    if (this.active === 0 && this.options.idleMs > 0) {
      this.idleTimer = setTimeout(() => void this.close(), this.options.idleMs);
      this.idleTimer.unref?.();
    }
  }

  private async ensureBrowser(): Promise<PdfBrowser> {
    for (;;) {
      const current = this.browser;
      if (!current) {
        this.counts.launches += 1;
        this.browser = this.options.launch();
        continue;
      }
      let running: PdfBrowser;
      try {
        running = await current;
      } catch (error) {
        // A failed launch is not kept: this request reports it, the next one tries again.
        if (this.browser === current) this.browser = null;
        throw error;
      }
      if (running.connected()) return running;
      // It has crashed: whoever notices first clears it, and the loop launches another.
      if (this.browser === current) this.browser = null;
    }
  }
}
