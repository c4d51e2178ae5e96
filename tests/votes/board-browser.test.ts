/**
 * The public notice board in a real Chromium, read anonymously: the open vote announced with its
 * rule, closing time and live turnout against 2/3 (never anyone's choice), proposals with their
 * seconding progress, both in English after a language switch without a reload, tap targets of at
 * least 48 px in elder mode, and the board printed for the physical 公示栏: A4 from a desktop
 * browser, a few pages, without the app's header. The first printed page is rendered to PNG
 * ($YISHI_ARTIFACTS/board-print.png, default /tmp/yishi-artifacts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, setElderModeSwitch, visibleText, wholePageScreenshot, withPhonePage } from '../support/browser.js';
import { pdfText } from '../support/pdf.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const OPEN_VOTE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let dsct: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** The board with every section drawn: the open vote and the proposals are the last to come. */
async function openBoard(page: Page): Promise<void> {
  await page.goto(`${server.url}/board/${dsct}`);
  await page.locator('yishi-board-votes').getByRole('heading', { name: OPEN_VOTE }).waitFor();
  await page.locator('yishi-board-proposals').getByRole('heading', { name: '东门增设快递柜' }).waitFor();
  await page.locator('yishi-board-action-items li[data-item]').first().waitFor();
  await page.locator('yishi-board-satisfaction dl').waitFor();
}

describe('the notice board', () => {
  test('announces the open vote with live turnout against 2/3 and never a choice, and shows proposals with their seconding progress', async () => {
    await withPhonePage(browser, async (page) => {
      await openBoard(page);
      const votes = page.locator('yishi-board-votes');
      await votes.getByRole('heading', { name: '投票公告' }).waitFor();
      const open = votes.locator('article', { has: page.getByRole('heading', { name: OPEN_VOTE }) });
      const text = await visibleText(open);
      expect(text).toMatch(/截止时间：\d{4}年\d{1,2}月\d{1,2}日（周.） \d{2}:\d{2}/);
      expect(text).toContain('民法典第二百七十八条第8项');
      expect(text).toMatch(/已投票 \d+ 户 \/ 共 120 户/);
      expect(text).toMatch(/参与表决面积 [\d.]+ \/ 14412\.30 平方米（\d+\.\d{2}%），需 ≥ 2\/3，还差 [\d.]+ 平方米/);
      expect(text).toMatch(/参与表决人数 \d+ \/ 114 人（\d+\.\d{2}%），需 ≥ 2\/3，还差 \d+ 人/);
      // Each bar is drawn at the share its words give, with the 2/3 mark where 2/3 is.
      const share = Number(/参与表决面积 [\d.]+ \/ [\d.]+ 平方米（([\d.]+)%）/.exec(text)![1]) / 100;
      const [areaBar] = await open.locator('ul.progress .bar').evaluateAll((bars) =>
        bars.map((bar) => {
          const box = bar.getBoundingClientRect();
          const mark = bar.querySelector('i')!.getBoundingClientRect();
          return { filled: bar.querySelector('span')!.getBoundingClientRect().width / box.width, mark: (mark.left + mark.width / 2 - box.left) / box.width };
        }),
      );
      expect(areaBar!.filled).toBeCloseTo(share, 2);
      expect(areaBar!.mark).toBeCloseTo(2 / 3, 1);
      // Counts only: no option, no tally (the rule's words say 同意, the figures never do).
      expect(text).not.toMatch(/反对|弃权|票数/);
      expect(await open.locator('yishi-vote-result, table').count()).toBe(0);

      const proposals = page.locator('yishi-board-proposals');
      const lockers = proposals.locator('article', { has: page.getByRole('heading', { name: '东门增设快递柜' }) });
      expect(await visibleText(lockers)).toMatch(/附议中 · 提案人：王\*\* 附议进度：1 \/ 4 户 · 还差 3 户（4 户附议即可提交议事）/);
      const charging = proposals.locator('article', { has: page.getByRole('heading', { name: '增设电动自行车充电设施' }) });
      expect(await visibleText(charging)).toContain('已达附议人数，待议事会处理');

      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(page);
      await wholePageScreenshot(page, join(ARTIFACTS, 'board-votes-phone.png'));

      // English, without a reload: the sections follow the switch.
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));
      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await votes.getByRole('heading', { name: 'Votes now open' }).waitFor();
      await poll(() => visibleText(open)).toMatch(/Participating area [\d.]+ \/ 14412\.30 m² \(\d+\.\d{2}%\); ≥ 2\/3 needed, [\d.]+ m² to go/);
      await poll(() => visibleText(lockers)).toMatch(/Seconded by 1 of 4 households needed · 3 more needed \(4 seconding households qualify it\)/);
      expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('in elder mode every link on the board is a tap target of at least 48 px', async () => {
    await withPhonePage(browser, async (page) => {
      await openBoard(page);
      await setElderModeSwitch(page, true);
      const small = await page.locator('yishi-board-page').evaluate((board) => {
        const found: string[] = [];
        const visit = (root: ShadowRoot | Element) => {
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (el instanceof HTMLAnchorElement || el.tagName === 'SL-BUTTON') {
              const box = el.getBoundingClientRect();
              if (box.width > 0 && box.height < 48) found.push(`${el.textContent?.trim()}: ${Math.round(box.height)} px`);
            }
            if (el.shadowRoot && el.tagName.startsWith('YISHI-')) visit(el.shadowRoot);
          }
        };
        visit(board.shadowRoot!);
        return found;
      });
      expect(small).toEqual([]);

      // A closed vote's figures fit the phone in elder mode: an option a row, each figure under its name, no sideways scroll.
      const result = page.locator('yishi-vote-result').first();
      await result.scrollIntoViewIfNeeded();
      const figures = await result.evaluate((el) => {
        const wrap = el.shadowRoot!.querySelector('.option-figures')!;
        const cell = wrap.querySelector('tbody td')!;
        return { overflow: wrap.scrollWidth - wrap.clientWidth, label: getComputedStyle(cell, '::before').content };
      });
      expect(figures).toEqual({ overflow: 0, label: '"票数" / ""' });
      await wholePageScreenshot(page, join(ARTIFACTS, 'board-votes-phone-elder.png'));
    });
  });

  test('prints on A4 from a desktop browser: a few pages, no app header, the turnout and a QR code to the live board', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await openBoard(page);
      // The footer's QR code is an image: printed only once it has arrived.
      await poll(() =>
        page.locator('yishi-board-page footer img').evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
      ).toBe(true);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      // Kept beside the screenshots, to read when the page count grows.
      writeFileSync(join(ARTIFACTS, 'board-print.pdf'), pdf);
      const text = pdfText(pdf);
      const pages = text.split('\f').filter((p) => p.trim() !== '').length;
      expect(pages).toBeGreaterThan(0);
      // The demo's board: two notices, five closed votes each with its anchored log head, six minutes,
      // proposals, fourteen action items and the satisfaction figures.
      expect(pages).toBeLessThanOrEqual(5);
      // The app's header (brand, language button, log-in link, elder-mode switch) is not on paper; the board is.
      expect(text).not.toMatch(/长辈版|English|小区议事协商平台/);
      expect(text).not.toContain('打印公示栏');
      expect(text).toContain('都市春天小区');
      expect(text).toContain('投票公告');
      expect(text).toMatch(/参与表决面积\s*[\d.]+\s*\/\s*14412\.30/);
      expect(text).toContain('扫码查看最新公示');
      const size = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }).match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
      // A4 is 595 × 842 pt.
      expect([Math.round(Number(size?.[1])), Math.round(Number(size?.[2]))]).toEqual([595, 842]);

      const dir = mkdtempSync(join(tmpdir(), 'yishi-board-print-'));
      try {
        writeFileSync(join(dir, 'board.pdf'), pdf);
        execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', '-f', '1', '-l', '1', join(dir, 'board.pdf'), join(dir, 'page')]);
        renameSync(join(dir, 'page.png'), join(ARTIFACTS, 'board-print.png'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await context.close();
    }
  });
});
