/**
 * PDF of a minutes version: the server renders the same A4 print page (minutes-print.ts) in the
 * system Chromium through playwright-core and returns what Chromium's own print engine produces, so
 * the PDF has real, selectable Chinese text with the fonts installed on the server (Noto CJK).
 * The browser binary is `/usr/bin/chromium` unless `YISHI_CHROMIUM` names another; when it is
 * missing the request is answered with a clear error (and the print page still works in any browser).
 */
import { existsSync } from 'node:fs';
import { DomainError, escapeHtml } from '@yishi/core';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.YISHI_CHROMIUM || '/usr/bin/chromium';
}

/** One PDF at a time: a Chromium per request is ~150 MB, and the server runs on small machines. */
let queue: Promise<unknown> = Promise.resolve();

/** Renders a standalone page to PDF; `footerLabel` adds a footer with page numbers (null: the page draws everything). */
export function renderPdf(html: string, footerLabel: string | null): Promise<Uint8Array<ArrayBuffer>> {
  const job = queue.then(() => renderNow(html, footerLabel));
  queue = job.catch(() => undefined);
  return job;
}

async function renderNow(html: string, footerLabel: string | null): Promise<Uint8Array<ArrayBuffer>> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new DomainError('minutes_pdf_unavailable', { detail: executablePath });
  // Loaded on first use: playwright-core is large, and most servers never render a PDF.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] }).catch((error: unknown) => {
    throw new DomainError('minutes_pdf_unavailable', { detail: error instanceof Error ? error.message.split('\n')[0]! : 'launch failed' });
  });
  try {
    const page = await browser.newPage();
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
    await browser.close();
  }
}
