/**
 * Creating a vote, in a real Chromium on a 360×740 phone: opening at once (which texts every owner)
 * is asked first with how many owners it reaches, and cancelling keeps the form as typed; the typed
 * question survives leaving the form and coming back with Back; an art. 278 vote's proposed opening
 * never falls in quiet hours; ending a vote early can be declined in words that say so.
 */
import { compoundEndpoints, voteEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chooseOption, expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, shootThreeWindows, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedElement } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = process.env.YISHI_SHOTS ?? '/tmp/votefix-shots';

let server: TestServer;
let browser: Browser;
let dsct: string;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  staff = await new ApiClient(server.url).login('zhanzhang');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);
const votesTitled = async (title: string) => {
  const { items } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  return items.filter((v) => v.title === title);
};

describe('creating a vote', () => {
  test('opening at once is asked first, naming how many owners are texted; 取消 keeps the form as typed', async () => {
    const owners = (await staff.ok(compoundEndpoints.overview, { params: { compoundId: dsct } })).stats.owners;
    const title = '2栋北侧增设临时停车位征求意见';
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/compounds/${dsct}/votes/new`);
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      const form = page.locator('yishi-vote-create-page');
      await chooseOption(form, 'rule', '简单多数（超过投票数一半）');
      await page.getByLabel('表决事项').fill(title);
      await page.getByLabel('说明（可选）').fill('拟在2栋北侧空地划设6个临时停车位。');
      await page.getByRole('button', { name: '创建表决' }).click();
      const ask = page.getByRole('alertdialog');
      await ask.getByText(`现在开始表决，并通知 ${owners} 位业主（短信和站内通知）？`).waitFor();
      await expect.poll(() => focusedElement(page)).toBe('BUTTON 开始并通知');
      await expectNoSeriousA11yViolations(page);
      await shootThreeWindows(page, `${SHOTS}/vote-create-confirm`, { part: form });
      await ask.getByRole('button', { name: '取消' }).click();
      // Nothing created, nothing sent, the form as typed.
      expect(await ask.count()).toBe(0);
      expect(await votesTitled(title)).toEqual([]);
      expect(await page.getByLabel('表决事项').inputValue()).toBe(title);
      expect(await page.getByLabel('说明（可选）').inputValue()).toBe('拟在2栋北侧空地划设6个临时停车位。');
      // One building's vote names the building as the roster writes it, and its units.
      await chooseOption(form, 'scope', '2栋业主');
      await page.getByRole('button', { name: '创建表决' }).click();
      await expect.poll(() => page.getByRole('alertdialog').textContent()).toMatch(/现在开始表决，并通知 2栋 的 \d+ 户业主（短信和站内通知）？/);
      await chooseOption(form, 'scope', '全小区业主');
      await page.getByRole('button', { name: '创建表决' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: '开始并通知' }).click();
      await page.waitForURL(/\/votes\/[^/]+\/manage$/);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect((await votesTitled(title)).map((v) => v.status)).toEqual(['open']);
    });
  });

  test('what was typed survives leaving the form and coming back with Back, and goes once the vote is created', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/compounds/${dsct}/votes/new`);
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      await page.getByLabel('表决事项').fill('更换小区门禁系统');
      await page.getByLabel('说明（可选）').fill('现有门禁已使用十年，经常失灵。');
      await page.goto(`${server.url}/compounds/${dsct}/votes`);
      await page.getByRole('heading', { level: 1, name: '表决' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      await expect.poll(() => page.getByLabel('表决事项').inputValue()).toBe('更换小区门禁系统');
      expect(await page.getByLabel('说明（可选）').inputValue()).toBe('现有门禁已使用十年，经常失灵。');
      // Created (art. 278: a draft awaiting its notice, nothing sent, nothing to confirm): the form starts empty again.
      await page.getByRole('button', { name: '创建表决' }).click();
      await page.waitForURL(/\/votes\/[^/]+\/manage$/);
      await page.goto(`${server.url}/compounds/${dsct}/votes/new`);
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      expect(await page.getByLabel('表决事项').inputValue()).toBe('');
      expect(await page.getByLabel('说明（可选）').inputValue()).toBe('');
    });
  });

  test("an art. 278 vote's proposed opening that would fall in quiet hours moves to 08:00 the next morning", async () => {
    await withPage(async (page) => {
      // 21:37 Beijing time: the notice period and an hour later would be 22:37, when its SMS would wait until morning.
      await page.clock.setFixedTime(new Date('2026-12-07T21:37:00+08:00'));
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/compounds/${dsct}/votes/new`);
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      const opensAt = await page.getByLabel('投票开始时间').inputValue();
      expect(opensAt).toMatch(/T08:00$/);
      // A week of voting after it.
      const closesAt = await page.getByLabel('截止时间').inputValue();
      expect(Date.parse(`${closesAt}:00+08:00`) - Date.parse(`${opensAt}:00+08:00`)).toBe(7 * 86_400_000);
    });
  });
});

describe('ending a vote early', () => {
  test('the question offers 先不结束, which leaves the vote open', async () => {
    const title = '利用小区共有场地建设电动自行车充电棚';
    const vote = (await votesTitled(title)).find((v) => v.status === 'open')!;
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${vote.id}/manage`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('button', { name: '立即结束并计票' }).click();
      const ask = page.getByRole('alertdialog');
      await ask.getByText('确定现在结束表决吗？').waitFor();
      expect(await ask.getByRole('button', { name: '返回修改' }).count()).toBe(0);
      await shootThreeWindows(page, `${SHOTS}/vote-end-confirm`, { part: ask });
      await ask.getByRole('button', { name: '先不结束' }).click();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect((await votesTitled(title)).find((v) => v.id === vote.id)?.status).toBe('open');
    });
  });
});
