/**
 * The minutes' print page as Chromium paginates it into the PDF the server serves: the foot line
 * (第 N 版 · … 审核公示) never lands alone on a last page, whatever comes before it. The body is
 * made to end just where the foot no longer fits on the page, measured on the first rendering, so
 * the case does not depend on the fonts installed. Needs the system Chromium and poppler's
 * pdftotext (as the PDF end-to-end test does); skipped without them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MinutesVersionView } from '@yishi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { closePdfRenderer, pdfBrowserInstalled, renderPdf } from './minutes-pdf.service.js';
import { renderMinutesPrintHtml } from './minutes-print.js';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'yishi-minutes-print-'));
afterAll(async () => {
  await closePdfRenderer();
  rmSync(dir, { recursive: true, force: true });
});

const MM = 72 / 25.4;
/** The page's bottom margin (PRINT_CSS @page), in millimetres. */
const BOTTOM_MARGIN_MM = 24;
const FOOT = '审核公示 · 议事平台';
/** The per-page footer Chromium draws (renderPdf's footerLabel), not part of the page's content. */
const PAGE_FOOTER = /第 \d+ 页 \/ 共 \d+ 页/;

function view(bodyHtml: string): MinutesVersionView & { latestVersion: number } {
  return {
    minutesId: 'minutes-1',
    meetingId: 'meeting-1',
    version: 1,
    latestVersion: 1,
    title: '江畔小区四方联席会议纪要',
    header: {
      title: '江畔小区四方联席会议',
      kind: 'four_party',
      kindLabel: '四方联席会议',
      compoundName: '江畔小区',
      when: '2026年11月21日（周六） 14:00—16:00',
      held: { startsAt: '2026-11-21T06:00:00.000Z', startedAt: '2026-11-21T06:00:00.000Z', closedAt: '2026-11-21T08:00:00.000Z' },
      place: '江畔小区服务站',
      convener: '王主任',
      issuer: '秀江社区居民委员会',
      recorder: '张敏',
      signatories: [{ name: '周丽', organisation: '秀江社区居民委员会', signedAt: null }],
    },
    body: '',
    html: bodyHtml,
    reason: null,
    publishedAt: '2026-11-22T02:00:00Z',
    publishedBy: '王主任',
  };
}

/** A PDF of the minutes whose body is one paragraph and then `spacerPt` of empty space; its file. */
async function render(name: string, spacerPt: number, anchorsHtml: string): Promise<string> {
  const html = renderMinutesPrintHtml(view(`<p>会议通报了电梯维修资金的使用情况。</p><div style="height:${spacerPt}pt"></div>`), anchorsHtml);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(html, '江畔小区 纪要 第 1 版'));
  return file;
}

const pagesOf = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** The lines of a page's own content (without the per-page footer). */
function linesOf(file: string, page: number): string[] {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PAGE_FOOTER.test(line));
}

const ANCHORS = `<section class="anchors" style="margin-top:6mm;break-inside:avoid;font-size:9pt">存证：整改销号台账 17 条记录<br>a4ba4a514a52f4a184297a55b3cc21c22d654b1ca8c05f72a97be1e8b19dc8b6</section>`;

describe.skipIf(!pdfBrowserInstalled() || !hasPoppler)('the minutes PDF', () => {
  it.each([
    ['after the closing', ''],
    ['after the anchored heads', ANCHORS],
  ])('keeps the foot line with what comes before it when it would just miss the page (%s)', { timeout: 60_000 }, async (_, anchors) => {
    // Where the foot line ends on a page with room to spare, and so how much more pushes it just past the page's end.
    const name = anchors ? 'anchors' : 'closing';
    const short = await render(`${name}-short`, 0, anchors);
    expect(pagesOf(short)).toBe(1);
    const words = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', short, '-'], { encoding: 'utf8' });
    const pageHeight = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(words)![1]);
    const footBottom = Number(/yMax="([\d.]+)">议事平台</.exec(words)![1]);
    const room = pageHeight - BOTTOM_MARGIN_MM * MM - footBottom;

    const file = await render(`${name}-tight`, Math.round(room + 6 * MM), anchors);
    const pages = pagesOf(file);
    expect(pages).toBe(2);
    const last = linesOf(file, pages);
    expect(last.at(-1)).toContain(FOOT);
    // Not the foot line alone: the closing (or the anchored heads) went over with it.
    expect(last.length).toBeGreaterThan(1);
    expect(last.join('\n')).toContain(anchors ? '存证' : '秀江社区居民委员会');
  });
});
