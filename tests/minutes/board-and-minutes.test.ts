/**
 * In a real Chromium: the public notice board of the demo compound read anonymously on a 360×740
 * phone (accessibility checked, transferred bytes measured), a corrected minutes version read in
 * full, the A4 print page rendered to PDF by the server's Chromium with real Chinese text, and the
 * minutes editor: generate the draft, type into the live document, publish behind the dialog.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minutesEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { expectNoSeriousA11yViolations, holdRequests, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

/** Pictures committed with the documentation. */
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/** Screenshots and the rendered PDF go here, to be looked at. */
const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** The page renders asynchronously; under a loaded CI machine give it time. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

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

const loginAs = (page: Page, login: string) => loginWithSessionCookie(page, server.url, login);
const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

async function correctedCouncil(): Promise<{ meetingId: string; title: string }> {
  const board = await new ApiClient(server.url).ok(minutesEndpoints.publicList, { params: { compoundId: dsct } });
  const found = board.items.find((m) => m.version === 2);
  if (!found) throw new Error('the demo seed has no corrected minutes');
  return found;
}

describe('public notice board on a phone', () => {
  test('reads anonymously: minutes with the correction marked in words, satisfaction, feed and poster links; light to load', async () => {
    await withPage(async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      let transferred = 0;
      let requests = 0;
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
        transferred += event.encodedDataLength;
        requests += 1;
      });
      await page.goto(`${server.url}/board/${dsct}`);
      const minutes = page.locator('yishi-board-minutes');
      await poll(() => minutes.getByRole('heading', { name: '会议纪要公示' }).count()).toBe(1);
      await poll(() => minutes.getByRole('listitem').count()).toBe(5);
      await poll(() => minutes.getByText(/已更正（第 2 版）/).count()).toBe(1);
      const satisfaction = page.locator('yishi-board-satisfaction');
      await poll(() => satisfaction.getByText('满意率').count()).toBe(1);
      await poll(() => satisfaction.getByText(/^\d+\.\d%$/).count()).toBeGreaterThan(0);
      expect(await minutes.getByRole('link', { name: /订阅公示/ }).getAttribute('href')).toBe(`/api/public/compounds/${dsct}/feed.atom`);
      await page.waitForLoadState('networkidle');
      const firstVisit = { bytes: transferred, requests };
      // The board's files, its sections' too, are named in the HTML the server sent for its path
      // (packages/server/src/http/page-html.ts), and Vite's preload helper, finding them there, added no link from script.
      const served = await (await page.request.get(`${server.url}/board/${dsct}`)).text();
      const named = [...served.matchAll(/<link rel="modulepreload" crossorigin (?:fetchpriority="low" )?href="([^"]+)">/g)].map((m) => m[1]);
      expect(named.some((href) => /\/assets\/board-page-[\w-]+\.js$/.test(href!))).toBe(true);
      expect(named.some((href) => /\/assets\/board-sections-[\w-]+\.js$/.test(href!))).toBe(true);
      const inHead = await page.evaluate(() => Array.from(document.head.querySelectorAll('link[rel="modulepreload"]'), (link) => link.getAttribute('href')));
      expect(inHead.sort()).toEqual(named.sort());
      // Our sections' content stays inside the section (long titles wrap, nothing sticks out).
      const sticking = () =>
        page.evaluate(() => {
          const out: string[] = [];
          const board = document.querySelector('yishi-app')?.shadowRoot?.querySelector('yishi-board-page')?.shadowRoot;
          for (const tag of ['yishi-board-minutes', 'yishi-board-satisfaction']) {
            const host = board?.querySelector(tag);
            if (!host?.shadowRoot) {
              out.push(`${tag} missing`);
              continue;
            }
            const edge = host.getBoundingClientRect().right + 1;
            for (const el of Array.from(host.shadowRoot.querySelectorAll('*')))
              if (el.getBoundingClientRect().right > edge) out.push(`${tag} ${el.tagName.toLowerCase()}`);
          }
          return out;
        });
      expect(await sticking()).toEqual([]);
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (pageWidth > 360)
        console.warn(`[board] the page is ${pageWidth}px wide on a 360px phone (another section is wider than the screen and widens the board's grid)`);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'board-360.png'), fullPage: true });
      await minutes.screenshot({ path: join(ARTIFACTS, 'board-minutes-360.png') });
      await satisfaction.screenshot({ path: join(ARTIFACTS, 'board-satisfaction-360.png') });
      // Elder mode (large text): still readable, still nothing sticking out.
      // (Set as the switch stores it, and reload: the switch itself is another feature's test.)
      await page.evaluate(() => localStorage.setItem('yishi.elder', '1'));
      await page.reload();
      await poll(() => minutes.getByRole('listitem').count()).toBe(5);
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      expect(await sticking()).toEqual([]);
      await minutes.screenshot({ path: join(ARTIFACTS, 'board-minutes-360-elder.png') });
      console.log(
        `[board] first visit (empty cache): ${firstVisit.requests} requests, ${(firstVisit.bytes / 1024).toFixed(1)} KiB transferred; reload (cached): ${requests - firstVisit.requests} requests, ${((transferred - firstVisit.bytes) / 1024).toFixed(1)} KiB; screenshots in ${ARTIFACTS}`,
      );
      // Budget for an old phone on a slow line: the whole first visit under 600 KiB.
      expect(firstVisit.bytes).toBeLessThan(600 * 1024);
    });
  });

  test('a corrected version is read in full, names its reason, and keeps version 1 a click away', async () => {
    const council = await correctedCouncil();
    await withPage(async (page) => {
      await page.goto(`${server.url}/minutes/${council.meetingId}`);
      const view = page.locator('yishi-minutes-public-page');
      await poll(() => view.getByRole('heading', { level: 1, name: council.title }).count()).toBe(1);
      await poll(() => view.getByText(/更正原因：原稿漏记业委会代表/).count()).toBeGreaterThan(0);
      await poll(() => view.getByText('补充说明').count()).toBe(1);
      await view.getByRole('link', { name: '第 1 版' }).click();
      await poll(() => view.getByText(/这是第 1 版，已被第 2 版更正/).count()).toBe(1);
      await poll(() => view.getByText('补充说明').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
    });
  });
});

describe('QR-code poster', () => {
  test('the poster page shows both codes, and its print page is an A4 sheet of vector QR codes', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/board/${dsct}/poster`);
      const view = page.locator('yishi-poster-page');
      await poll(() => view.getByRole('heading', { level: 1, name: '都市春天小区公示栏' }).count()).toBe(1);
      await poll(() => view.getByRole('img', { name: '公示栏二维码' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await poll(() => view.getByRole('img', { name: '反映问题二维码' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await expectNoSeriousA11yViolations(page);
      await page.goto(`${server.url}/api/public/compounds/${dsct}/poster`);
      expect(await page.locator('svg').count()).toBe(2);
      expect(await page.locator('.url').allTextContents()).toEqual([`${server.url}/board/${dsct}`, `${server.url}/compounds/${dsct}/concerns`]);
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: join(ARTIFACTS, 'poster.png'), fullPage: true });
    });
  });
});

describe('PDF of the A4 print page', () => {
  test('is an official document: issuing body and date under a space for the seal, the recorder, a signature line per attendee', async () => {
    const council = await correctedCouncil();
    const view = await new ApiClient(server.url).ok(minutesEndpoints.publicVersion, { params: { meetingId: council.meetingId }, query: { version: 2 } });
    const res = await fetch(`${server.url}/api/public/meetings/${council.meetingId}/minutes.pdf?version=2`);
    expect(res.status).toBe(200);
    const file = join(ARTIFACTS, 'minutes-official.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`记录人：${view.header.recorder}`);
    expect(view.header.recorder).not.toBe('');
    expect(flat).toContain('参会人员签字');
    for (const person of view.header.signatories) expect(flat).toContain(person.name);
    expect(view.header.signatories.length).toBeGreaterThan(0);
    expect(flat).toContain('（盖章）');
    // The issuing body the council's kind names, and the date it was published, written out.
    expect(flat).toContain('秀江街道党工委');
    const published = new Date(Date.parse(view.publishedAt) + 8 * 3_600_000);
    expect(flat).toContain(`${published.getUTCFullYear()}年${published.getUTCMonth() + 1}月${published.getUTCDate()}日`);
    // The first page as a picture, for the documentation.
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]!;
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, 'minutes-pdf')]);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', pages, '-l', pages, '-singlefile', file, join(ARTIFACTS, 'minutes-pdf-last')]);
  });

  test('three readers at once all get the same PDF', async () => {
    const council = await correctedCouncil();
    const url = `${server.url}/api/public/meetings/${council.meetingId}/minutes.pdf?version=1`;
    const answers = await Promise.all([fetch(url), fetch(url), fetch(url)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(bodies[0]!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bodies[1]!.equals(bodies[0]!)).toBe(true);
    expect(bodies[2]!.equals(bodies[0]!)).toBe(true);
  });

  test('Chromium renders the minutes with Chinese text (checked as text, and as a picture to look at)', async () => {
    const council = await correctedCouncil();
    const res = await fetch(`${server.url}/api/public/meetings/${council.meetingId}/minutes.pdf?version=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(ARTIFACTS, 'minutes-v2.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    // The text layer holds real Chinese characters (fonts embedded, not boxes or images).
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // Long lines wrap on the page; compare without the layout's spaces and line breaks.
    expect(text.replace(/\s+/g, '')).toContain(council.title);
    expect(text).toContain('参会人员');
    expect(text).toContain('更正说明（第 2 版）');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(ARTIFACTS, 'minutes-v2-page')]);
    console.log(`[pdf] ${pdf.length} bytes; page 1 as PNG: ${join(ARTIFACTS, 'minutes-v2-page-1.png')}`);
  });
});

/** The draft's text as the server keeps it (the live document's, saved as it is edited). */
async function draftOnServer(meetingId: string): Promise<string> {
  const api = new ApiClient(server.url);
  await api.login('zhanzhang');
  return (await api.ok(minutesEndpoints.get, { params: { meetingId } })).draft?.body ?? '';
}

describe('minutes editor', () => {
  test('the secretary generates the draft and types live; the convener publishes after confirming', async () => {
    const { meetingId } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '浏览器测试议事会', vote: null });
    await withPage(async (page) => {
      await page.setViewportSize({ width: 1024, height: 900 });
      await loginAs(page, 'zhanzhang');
      await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
      const editor = page.locator('yishi-minutes-page');
      await poll(() => editor.getByText(/还剩 \d+ 天/).count()).toBe(1);
      await editor.getByRole('button', { name: '从会议记录生成草稿' }).click();
      await poll(() => editor.getByText('已连接，修改会实时保存').count()).toBe(1);
      const box = editor.getByRole('textbox', { name: /纪要正文/ });
      await poll(async () => (await box.inputValue()).includes('## 一、参会人员')).toBe(true);
      await box.press('End');
      await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await box.pressSequentially('\n\n## 附记\n\n会后各方在现场察看了东侧空地。');
      // The preview follows the live text; the server stores every keystroke as it comes.
      await poll(() => editor.getByRole('heading', { name: '附记' }).count()).toBe(1);
      await editor.getByRole('button', { name: '审核并公示' }).click();
      const dialog = editor.locator('dialog[open]');
      await poll(() => dialog.getByText(/不能再修改或删除/).isVisible()).toBe(true);
      await dialog.getByRole('button', { name: '确认公示' }).click();
      await poll(() => editor.getByRole('link', { name: '第 1 版' }).count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'minutes-editor.png'), fullPage: true });
      // Regenerating from the record with the document open goes through the shared text: the
      // typed note is replaced in the editor, and version 1 keeps it.
      // It asks first in a designed dialog (never the browser's confirm()); cancelling keeps the note.
      page.on('dialog', () => expect.fail('the browser confirm() must not be used'));
      await editor.getByRole('button', { name: '重新生成草稿' }).click();
      const ask = editor.locator('dialog[open]');
      await poll(() => ask.getByText(/会被替换。替换后可立即撤销/).isVisible()).toBe(true);
      await ask.getByRole('button', { name: '取消' }).click();
      await poll(() => editor.locator('dialog[open]').count()).toBe(0);
      expect(await box.inputValue()).toContain('附记');
      await editor.getByRole('button', { name: '重新生成草稿' }).click();
      await editor.locator('dialog[open]').getByRole('button', { name: '替换为重新生成的草稿' }).click();
      await poll(async () => (await box.inputValue()).includes('附记')).toBe(false);
      await poll(async () => (await box.inputValue()).includes('## 一、参会人员')).toBe(true);
      // Regenerated once more before undoing: the one undo goes back past both, to the draft with the typed note.
      await editor.getByRole('button', { name: '重新生成草稿' }).click();
      const again = page.waitForResponse((res) => res.url().endsWith('/minutes/generated'));
      await editor.locator('dialog[open]').getByRole('button', { name: '替换为重新生成的草稿' }).click();
      await again;
      await poll(() => editor.getByRole('button', { name: '重新生成草稿' }).isEnabled()).toBe(true);
      expect(await box.inputValue()).not.toContain('附记');
      // Undone at once: the typed note is back, in the editor and in the shared document.
      await editor.getByRole('button', { name: '撤销，恢复原来的草稿' }).click();
      await poll(async () => (await box.inputValue()).includes('会后各方在现场察看了东侧空地。')).toBe(true);
      expect(await editor.getByRole('button', { name: '撤销，恢复原来的草稿' }).count()).toBe(0);
      await poll(async () => (await draftOnServer(meetingId)).includes('会后各方在现场察看了东侧空地。')).toBe(true);

      // Typed into while the fresh draft is on its way (one bar of signal): nothing is replaced, and it says so.
      const slow = await holdRequests(page, `${server.url}/api/meetings/${meetingId}/minutes/generated`);
      await editor.getByRole('button', { name: '重新生成草稿' }).click();
      await editor.locator('dialog[open]').getByRole('button', { name: '替换为重新生成的草稿' }).click();
      await slow.arrived;
      await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await box.pressSequentially('\n业委会补充：东侧空地可改停车位。');
      await slow.release();
      await poll(() => page.getByText(/生成期间草稿又有了修改/).count()).toBe(1);
      const kept = await box.inputValue();
      expect(kept).toContain('会后各方在现场察看了东侧空地。');
      expect(kept).toContain('业委会补充：东侧空地可改停车位。');
      expect(await editor.getByRole('button', { name: '撤销，恢复原来的草稿' }).count()).toBe(0);
      await poll(async () => (await draftOnServer(meetingId)).includes('业委会补充：东侧空地可改停车位。')).toBe(true);
    });
    const published = await new ApiClient(server.url).ok(minutesEndpoints.publicVersion, { params: { meetingId } });
    expect(published.version).toBe(1);
    expect(published.body).toContain('会后各方在现场察看了东侧空地。');
    expect(published.body).toContain('停车位');
  });

  test('the convener publishes a correction from a phone: the reason is asked for, then version 2 is there', async () => {
    const { meetingId } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '更正测试议事会', vote: null });
    const api = new ApiClient(server.url);
    await api.login('zhanzhang');
    await api.ok(minutesEndpoints.generate, { params: { meetingId } });
    await api.ok(minutesEndpoints.publish, { params: { meetingId }, body: { confirm: true } });
    await withPage(async (page) => {
      await loginAs(page, 'zhanzhang');
      await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
      const editor = page.locator('yishi-minutes-page');
      await editor.getByRole('heading', { name: '发布更正版本' }).waitFor();
      await poll(() => editor.getByText('已连接，修改会实时保存').count()).toBe(1);
      const correct = editor.getByRole('button', { name: '发布更正版本' });
      // Without a reason the button waits; one is typed, and the correction goes out.
      expect(await correct.isDisabled()).toBe(true);
      await editor.getByLabel('更正原因').fill('补记物业公司代表的发言');
      // Asked first, as the first publication is: version 2 is as permanent.
      const confirmCorrection = async () => {
        await correct.click();
        const ask = editor.locator('dialog[open]');
        await ask.getByText(/第 2 版将在公示栏公开，更正原因“补记物业公司代表的发言”随之公示/).waitFor();
        await ask.getByRole('button', { name: '确认发布更正' }).click();
      };
      // The text as published is no correction: the button stays disabled, the reason said under it, nothing published.
      await editor.getByText(/正文和文头与已公示的第 1 版相同，没有需要更正的内容/).waitFor();
      expect(await correct.isDisabled()).toBe(true);
      expect(await editor.getByRole('link', { name: '第 2 版' }).count()).toBe(0);
      const box = editor.getByRole('textbox', { name: /纪要正文/ });
      await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await box.pressSequentially('\n\n物业公司代表：本月底前完成东门照明。');
      await poll(() => editor.getByText('物业公司代表：本月底前完成东门照明。').count()).toBeGreaterThan(0);
      await poll(() => editor.getByText(/没有需要更正的内容/).count()).toBe(0);
      expect(await correct.isDisabled()).toBe(false);
      // Cancelled, nothing goes out; then confirmed.
      await correct.click();
      await editor.locator('dialog[open]').getByRole('button', { name: '取消' }).click();
      expect(await editor.getByRole('link', { name: '第 2 版' }).count()).toBe(0);
      await confirmCorrection();
      await poll(() => editor.getByRole('link', { name: '第 2 版' }).count()).toBe(1);
      expect(await editor.getByLabel('更正原因').inputValue()).toBe('');
      await setElderModeSwitch(page, true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'minutes-corrected-phone-elder.png'), fullPage: true });
      // (The toast that said "published" is Shoelace's alert, loaded with the first toast.)
      expect(await page.evaluate(() => ['sl-button', 'sl-dialog', 'sl-input'].filter((tag) => customElements.get(tag)))).toEqual([]);
    });
    const published = await new ApiClient(server.url).ok(minutesEndpoints.publicVersion, { params: { meetingId } });
    expect(published.version).toBe(2);
    expect(published.reason).toBe('补记物业公司代表的发言');
    expect(published.body).toContain('物业公司代表：本月底前完成东门照明。');
  });
});
