/**
 * PDFs: the server renders a standalone print page (the minutes' A4 page, minutes-print.ts; the
 * activation letters) in the system Chromium through playwright-core and returns what Chromium's own
 * print engine produces, so the PDF has real, selectable Chinese text with the fonts installed on the
 * server (Noto CJK). The browser binary is `/usr/bin/chromium` unless `YISHI_CHROMIUM` names another;
 * when it is missing the request is answered with a clear error (and the print page still works in
 * any browser).
 *
 * Every PDF goes through one shared browser with a bounded queue (pdf-renderer.ts). Published
 * minutes are public and read by many, so each published version's PDF is kept once made: a version
 * never changes, only the note that a later correction supersedes it, so the key is the version and
 * the latest version number. Requests for a PDF being made wait for that one rendering.
 */
import type * as Playwright from 'playwright-core';
import { existsSync } from 'node:fs';
import { DomainError, escapeHtml, type PublicMinutes } from '@yishi/core';
import type { Db } from '../db/repositories/places.repository.js';
import { meetingAnchorsPrintHtml } from './anchors-print.js';
import { sha256Hex } from './ledger.service.js';
import { renderMinutesPrintHtml } from './minutes-print.js';
import { getPublicMinutesVersion } from './minutes-publications.js';
import { PdfRenderer, type PdfBrowser, type PdfJob } from './pdf-renderer.js';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.YISHI_CHROMIUM || '/usr/bin/chromium';
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

let playwright: Promise<typeof Playwright> | null = null;

/**
 * Loads playwright-core, once. Its modules take a few hundred milliseconds of the main thread to
 * evaluate — on the first PDF of a process that held the event loop for 0.3–0.8 s in the middle of
 * serving (issue 18) — so the server's entry point (main.ts) loads it before it listens when the
 * system has Chromium; other processes (tests, tools) load it on first use.
 */
export function loadPdfModule(): Promise<typeof Playwright> {
  playwright ??= import('playwright-core');
  return playwright;
}

/** Whether the Chromium that renders PDFs is installed. */
export function pdfBrowserInstalled(): boolean {
  return existsSync(chromiumPath());
}

/** Launches the system Chromium as a PdfBrowser (each job a page of it). */
async function launchChromium(): Promise<PdfBrowser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new DomainError('minutes_pdf_unavailable', { detail: executablePath });
  const { chromium } = await loadPdfModule();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] }).catch((error: unknown) => {
    throw new DomainError('minutes_pdf_unavailable', { detail: error instanceof Error ? error.message.split('\n')[0]! : 'launch failed' });
  });
  return {
    connected: () => browser.isConnected(),
    close: () => browser.close(),
    render: async ({ html, footerLabel }: PdfJob) => {
      const page = await browser.newPage();
      try {
        // The page has no scripts and loads nothing from outside.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        const pdf = await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: footerLabel !== null,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="width:100%;font-size:8pt;text-align:center;font-family:'Noto Sans CJK SC',sans-serif;color:#555">${escapeHtml(footerLabel ?? '')} · 第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
        });
        return new Uint8Array(pdf);
      } finally {
        await page.close().catch(() => undefined);
      }
    },
  };
}

/**
 * The server's one renderer. Defaults suit a small machine: two pages at once, eight waiting, the
 * browser closed after two minutes without work (YISHI_PDF_CONCURRENCY, YISHI_PDF_QUEUE change them).
 */
let shared: PdfRenderer | null = null;

export function pdfRenderer(): PdfRenderer {
  shared ??= new PdfRenderer({
    launch: launchChromium,
    concurrency: positive(process.env.YISHI_PDF_CONCURRENCY, 2),
    maxQueued: positive(process.env.YISHI_PDF_QUEUE, 8),
    retryAfterSeconds: 10,
    idleMs: 120_000,
  });
  return shared;
}

/**
 * Puts another renderer in place of the shared one (tests: a renderer without Chromium, or with a
 * queue of one) and gives back a function that restores the previous one; the cache is emptied.
 */
export function replacePdfRenderer(renderer: PdfRenderer): () => Promise<void> {
  const previous = shared;
  shared = renderer;
  minutesPdfCache.clear();
  return async () => {
    await renderer.close();
    shared = previous;
    minutesPdfCache.clear();
  };
}

/** Closes the shared browser (the server's shutdown). */
export async function closePdfRenderer(): Promise<void> {
  await shared?.close();
}

/** Renders a standalone page to PDF; `footerLabel` adds a footer with page numbers (null: the page draws everything). */
export function renderPdf(html: string, footerLabel: string | null): Promise<Uint8Array<ArrayBuffer>> {
  return pdfRenderer().render({ html, footerLabel });
}

/** Published minutes' PDFs, least recently used first out once they pass the byte budget. */
class PdfCache {
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  private readonly making = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string, make: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = make().then(
      (pdf) => {
        this.making.delete(key);
        this.put(key, pdf);
        return pdf;
      },
      (error: unknown) => {
        this.making.delete(key);
        throw error;
      },
    );
    this.making.set(key, made);
    return made;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private put(key: string, pdf: Uint8Array<ArrayBuffer>): void {
    if (pdf.byteLength > this.maxBytes) return;
    this.entries.set(key, pdf);
    this.bytes += pdf.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.byteLength;
    }
  }
}

/** 64 MB: a few hundred minutes of a few pages each. */
const minutesPdfCache = new PdfCache(64 * 1024 * 1024);

/** The PDF of a published minutes version (the latest unless `version`), made once per version. */
export async function getMinutesPdf(
  db: Db,
  meetingId: string,
  version?: number,
  publicUrl?: string,
): Promise<{ view: PublicMinutes; pdf: Uint8Array<ArrayBuffer> }> {
  const view = await getPublicMinutesVersion(db, meetingId, version);
  // A version never changes; whether a later one supersedes it (a note on its page) is the latest number.
  // The compound's anchored heads are printed too (when the public address is known): a new head, a new PDF.
  const anchors = publicUrl ? await meetingAnchorsPrintHtml(db, meetingId, publicUrl) : '';
  const key = `${view.minutesId}@${view.latestVersion}#${sha256Hex(anchors)}`;
  const pdf = await minutesPdfCache.get(key, () => renderPdf(renderMinutesPrintHtml(view, anchors), `${view.header.compoundName} 纪要 第 ${view.version} 版`));
  return { view, pdf };
}
