/**
 * A proxy holder's home in a real Chromium on a 360×740 phone: the demo owner 王建国 brings the signed
 * form for his flat 1栋1单元301 to the service station, naming the tenant 赵磊 (no flat of his own) as
 * his proxy. 赵磊's home lists the open vote under "等您投票" with the flat he may vote for and whose it
 * is; its button opens the vote page with the flat's card on the screen, he votes, and the vote leaves his home. The
 * bell had told him once; before, his home said nothing. Screenshots go to /tmp/yishi-shots/proxy-home.
 */
import { homeEndpoints, proxyEndpoints, voteEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { insertOutsideAccount } from '../../packages/server/src/testing/outside-account.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/proxy-home';
mkdirSync(SHOTS, { recursive: true });
const TITLE = '利用小区共有场地建设电动自行车充电棚';
const DAUGHTER = '13600009999';

/** Whether the element is within the phone's screen, top to bottom. */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: await compoundIdByCode(server.deps, 'DSCT') }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === TITLE && v.status === 'open')!.id;
  const owner = await new ApiClient(server.url).login('yezhu');
  const notVoted = (await owner.ok(homeEndpoints.get, {})).owner!.ballots.entries.find((b) => b.voteId === voteId)!.notVoted;
  const flat = notVoted.find((u) => u.label === '1栋1单元301')!;
  const second = notVoted.find((u) => u.label === '2栋2单元502')!;
  // His daughter has an account from another compound of the city and no role at 都市春天.
  await insertOutsideAccount(server.deps.db, {
    personId: 'daughter',
    userId: 'daughter-account',
    name: '王小芳',
    phone: DAUGHTER,
    username: 'wangxiaofang',
    password: 'yishi2026',
  });
  // The signed form, photographed at the station; staff record it confirmed (the owner was there in person).
  const uploadForm = async () => {
    const photo = await fetch(`${server.url}/api/votes/${voteId}/photos`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'content-type': 'image/jpeg', origin: server.url },
      body: await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f5f2ea' } })
        .jpeg()
        .toBuffer(),
    });
    expect(photo.status).toBe(201);
    return ((await photo.json()) as { id: string }).id;
  };
  await staff.ok(proxyEndpoints.createInPerson, {
    params: { voteId },
    body: { unitIds: [flat.voterKey], principalPhone: '13800000001', proxyPhone: '13600000001', formPhotoId: await uploadForm() },
  });
  await staff.ok(proxyEndpoints.createInPerson, {
    params: { voteId },
    body: { unitIds: [second.voterKey], principalPhone: '13800000001', proxyPhone: DAUGHTER, formPhotoId: await uploadForm() },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a proxy holder's home", () => {
  test('the tenant finds the vote he may cast for the owner on his home, opens it from there and votes; it then leaves his home', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'jumin');
      await page.goto(server.url);
      const todo = page.locator('yishi-home-todo');
      const ballots = todo.locator('section[data-section=ballots]');
      await ballots.getByRole('heading', { name: '等您投票（1）' }).waitFor();
      const entry = ballots.locator('li', { hasText: TITLE });
      await entry.getByText('受托代投：1栋1单元301（委托人 王*国）').waitFor();
      // No flat of his own in this vote: nothing said of "his" flats.
      expect(await entry.getByText(/还没有投票的房屋/).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/home-proxy-phone.png`, fullPage: true });
      await setElderModeSwitch(page, true);
      await page.screenshot({ path: `${SHOTS}/home-proxy-elder-phone.png`, fullPage: true });
      await setElderModeSwitch(page, false);
      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await entry.getByText('As proxy for 王*国: 1栋1单元301').waitFor();
      await entry.getByRole('link', { name: 'Vote as proxy' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/home-proxy-phone-en.png`, fullPage: true });
      await page.locator('yishi-app header').getByRole('button', { name: '中文' }).click();

      await entry.getByRole('link', { name: '去代为投票' }).click();
      await page.waitForURL(`${server.url}/votes/${voteId}#proxy`);
      const card = page.locator('yishi-proxy-panel .card', { hasText: '代理 1栋1单元301（委托人 王*国）' });
      await card.waitFor();
      // The flat's card is on the screen: below "您不在本次表决的投票人名单中" it had stayed under the fold.
      await expect.poll(() => onScreen(card.getByRole('button', { name: '同意' }))).toBe(true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/vote-page-from-home-phone.png` });
      await card.getByRole('button', { name: '同意' }).click();
      await page.locator('yishi-proxy-panel').getByRole('button', { name: '确认投票' }).click();
      await page
        .locator('yishi-proxy-panel')
        .getByText(/已代为投票/)
        .waitFor();

      await page.goto(server.url);
      await todo.getByRole('heading', { name: '需要您处理的事项' }).waitFor();
      await expect.poll(() => todo.locator('[data-empty], section[data-section]').count()).toBeGreaterThan(0);
      expect(await todo.getByText(TITLE).count()).toBe(0);
    });
  });

  test('his daughter, with an account from another compound and no role here, finds it too and votes for his other flat', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'wangxiaofang');
      await page.goto(server.url);
      const entry = page.locator('yishi-home-todo section[data-section=ballots] li', { hasText: TITLE });
      await entry.getByText('受托代投：2栋2单元502（委托人 王*国）').waitFor();
      await entry.getByRole('link', { name: '去代为投票' }).click();
      await page.waitForURL(`${server.url}/votes/${voteId}#proxy`);
      await page.locator('yishi-vote-page h1', { hasText: TITLE }).waitFor();
      // Not "not on the roll": she has no flat of her own here, and the page says where hers to vote for are.
      await page.getByText('您名下没有参加本次表决的房屋。业主委托您代投的房屋在本页下方“委托投票”中。').waitFor();
      expect(await page.getByText('您不在本次表决的投票人名单中').count()).toBe(0);
      const card = page.locator('yishi-proxy-panel .card', { hasText: '代理 2栋2单元502（委托人 王*国）' });
      await card.getByRole('button', { name: '同意' }).click();
      await page.locator('yishi-proxy-panel').getByRole('button', { name: '确认投票' }).click();
      await page
        .locator('yishi-proxy-panel')
        .getByText(/已代为投票/)
        .waitFor();
      expect(await page.getByText(/没有权限|无权/).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/vote-page-outsider-proxy-phone.png`, fullPage: true });
    });
  });
});
