/**
 * A proxy holder casting for the owner on a 360×740 phone, in a real Chromium: the demo owner 王建国
 * (yezhu), 80 and on paper, brings the signed form for his flat 1栋1单元301 to the service station,
 * naming 刘洋 (yezhu2) — standing in for the daughter who holds her mother's proxy. The flat's choices
 * are as big as the owner's own in the voting flow, in normal and elder mode; once cast, the card says
 * what was cast and the choices give way to a secondary "改投"; the phone's Back closes the
 * confirmation dialog and stays on the page, and leaves no entry behind once the dialog is closed.
 * Screenshots go to /tmp/yishi-shots/proxy-cast.
 */
import { proxyEndpoints, voteEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/proxy-cast';
mkdirSync(SHOTS, { recursive: true });
const TITLE = '利用小区共有场地建设电动自行车充电棚';
const FLAT = '1栋1单元301';
const RECEIPT = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

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
  const flat = (await owner.ok(voteEndpoints.get, { params: { voteId } })).mine.find((m) => m.label === FLAT)!;
  // The signed form, photographed at the station; staff record it confirmed (the owner was there in person).
  const photo = await fetch(`${server.url}/api/votes/${voteId}/photos`, {
    method: 'POST',
    headers: { cookie: staff.cookie, 'content-type': 'image/jpeg', origin: server.url },
    body: await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f5f2ea' } })
      .jpeg()
      .toBuffer(),
  });
  expect(photo.status).toBe(201);
  const { id: formPhotoId } = (await photo.json()) as { id: string };
  await staff.ok(proxyEndpoints.createInPerson, {
    params: { voteId },
    body: { unitIds: [flat.voterKey], principalPhone: '13800000001', proxyPhone: '13800000002', formPhotoId },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

interface Box {
  width: number;
  height: number;
  fontSize: number;
}
const boxOf = (locator: Locator): Promise<Box> =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { width: box.width, height: box.height, fontSize: Number.parseFloat(getComputedStyle(el).fontSize) };
  });

/** The proxy's card for the flat, on the vote page. */
const flatCard = (page: Page) => page.locator('yishi-proxy-panel').locator('.card', { hasText: `代理 ${FLAT}（委托人 王*国）` });

/** The owner's own choice buttons (the voting flow's choose screen), for his other flat. */
async function ownersChoice(elder: boolean): Promise<Box> {
  let box: Box | undefined;
  await withPage(async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/votes/${voteId}`);
    await setElderModeSwitch(page, elder);
    await page.getByRole('button', { name: '开始投票' }).click();
    await page.getByRole('button', { name: /^2栋2单元502/ }).click();
    box = await boxOf(page.getByRole('radio', { name: /同意/ }));
  });
  return box!;
}

describe('casting for the owner as a proxy, on a phone', () => {
  test('the flat’s choices are as big as the owner’s own, in normal and in elder mode', async () => {
    for (const elder of [false, true]) {
      const own = await ownersChoice(elder);
      await withPage(async (page) => {
        await loginWithSessionCookie(page, server.url, 'yezhu2');
        await page.goto(`${server.url}/votes/${voteId}`);
        await setElderModeSwitch(page, elder);
        const card = flatCard(page);
        await card.waitFor();
        for (const name of ['同意', '反对', '弃权']) {
          const proxy = await boxOf(card.getByRole('button', { name, exact: true }));
          const what = `${name} in ${elder ? 'elder' : 'normal'} mode: proxy ${JSON.stringify(proxy)}, owner ${JSON.stringify(own)}`;
          expect(proxy.height, what).toBeGreaterThanOrEqual(own.height - 0.5);
          expect(proxy.fontSize, what).toBeGreaterThanOrEqual(own.fontSize);
          // Across the card as the owner's are across the page (the card's padding aside), not a word-wide button.
          expect(proxy.width, what).toBeGreaterThanOrEqual(own.width * 0.85);
        }
        await card.screenshot({ path: `${SHOTS}/before-cast-${elder ? 'elder' : 'normal'}.png` });
      });
    }
  });

  test('Back with the confirmation open closes it and stays; closed otherwise, Back leaves the page as before', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu2');
      await page.goto(`${server.url}/`);
      await page.goto(`${server.url}/votes/${voteId}`);
      await setElderModeSwitch(page, true);
      const card = flatCard(page);
      const dialog = page.getByRole('dialog', { name: `为 ${FLAT} 投票` });
      const onVote = () => new URL(page.url()).pathname === `/votes/${voteId}`;
      // A dialog closed by its own button or Esc takes its history entry back out (history.back(), which completes
      // later): a Back pressed before that would be folded into it.
      const dialogEntryGone = () => expect.poll(() => page.evaluate(() => (history.state as Record<string, unknown> | null)?.yishiDialog ?? null)).toBeNull();

      // Open, then its own 返回: the next Back leaves the page (no entry left behind).
      await card.getByRole('button', { name: '同意', exact: true }).click();
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '返回' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await dialogEntryGone();
      // Forward onto where the dialog was does not open it again.
      await page.goForward();
      await page.waitForTimeout(300);
      expect(await dialog.isVisible()).toBe(false);
      expect(onVote()).toBe(true);
      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/');

      // Open, then Back: the dialog closes, the page stays, nothing cast; the next Back leaves.
      await page.goForward();
      await card.waitFor();
      await card.getByRole('button', { name: '反对', exact: true }).click();
      await dialog.waitFor();
      await page.goBack();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForTimeout(300);
      expect(onVote()).toBe(true);
      await card.getByRole('button', { name: '同意', exact: true }).waitFor();
      const proxy = await new ApiClient(server.url).login('yezhu2');
      expect((await proxy.ok(proxyEndpoints.mine, { params: { voteId } })).held[0]!.units[0]!.voted).toBe(false);

      // Esc closes it too, without a trace in history.
      await card.getByRole('button', { name: '弃权', exact: true }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await dialogEntryGone();
      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    });

    // The owner's revoke dialog, the panel's other confirmation: Back closes it, nothing revoked.
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      const panel = page.locator('yishi-proxy-panel');
      await panel.getByRole('button', { name: '撤销委托' }).click();
      const dialog = panel.getByRole('dialog', { name: '撤销这份委托？' });
      await dialog.waitFor();
      await page.goBack();
      await dialog.waitFor({ state: 'hidden' });
      expect(new URL(page.url()).pathname).toBe(`/votes/${voteId}`);
      const owner = await new ApiClient(server.url).login('yezhu');
      expect((await owner.ok(proxyEndpoints.mine, { params: { voteId } })).given[0]!.status).toBe('confirmed');
    });
  });

  test('after casting, the card says what was cast; "改投" reopens the choices, confirmed again; a reload does not guess the choice', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu2');
      await page.goto(`${server.url}/votes/${voteId}`);
      const card = flatCard(page);
      await card.getByRole('button', { name: '同意', exact: true }).click();
      await page
        .getByRole('dialog', { name: `为 ${FLAT} 投票` })
        .getByRole('button', { name: '确认投票' })
        .click();

      const said = card.locator('.cast-state');
      await expect.poll(() => said.textContent()).toMatch(new RegExp(`已代为投票：${FLAT} 投“同意”\\s*回执码（委托人也能看到）：${RECEIPT.source}`));
      const first = RECEIPT.exec((await said.textContent()) ?? '')![0];
      // The choices gave way to the secondary change; its button is a plain one, not the primary colour.
      for (const name of ['同意', '反对', '弃权']) expect(await card.getByRole('button', { name, exact: true }).count()).toBe(0);
      const change = card.getByRole('button', { name: '改投' });
      expect(await change.getAttribute('class')).not.toContain('primary');
      await card.getByText('截止前您可以改投，以最后一次为准。').waitFor();
      // The owner sees the proxy's receipt.
      const owner = await new ApiClient(server.url).login('yezhu');
      expect((await owner.ok(proxyEndpoints.mine, { params: { voteId } })).given[0]!.units[0]).toMatchObject({ votedBy: 'proxy', proxyReceiptCode: first });
      await card.screenshot({ path: `${SHOTS}/after-cast-normal.png` });
      await setElderModeSwitch(page, true);
      await expectNoSeriousA11yViolations(page);
      await card.screenshot({ path: `${SHOTS}/after-cast-elder.png` });

      // 改投: the choices again, none marked; "不改投" puts it away.
      await change.click();
      await card.getByText('改投：请重新选择，确认后替换之前代投的票').waitFor();
      expect(await card.locator('[aria-pressed=true], [aria-checked=true]').count()).toBe(0);
      await card.screenshot({ path: `${SHOTS}/change-elder.png` });
      await card.getByRole('button', { name: '不改投' }).click();
      await change.waitFor();
      await change.click();
      await card.getByRole('button', { name: '反对', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `为 ${FLAT} 改投` });
      await dialog.getByText(`确认代 王*国 为 ${FLAT} 改投“反对”？之前代投的票将被替换，以这次为准。`).waitFor();
      await page.screenshot({ path: `${SHOTS}/change-dialog-elder.png` });
      await dialog.getByRole('button', { name: '确认改投' }).click();
      await expect.poll(() => said.textContent()).toMatch(new RegExp(`已代为投票：${FLAT} 投“反对”`));
      const second = RECEIPT.exec((await said.textContent()) ?? '')![0];
      expect(second).not.toBe(first);
      expect((await owner.ok(proxyEndpoints.mine, { params: { voteId } })).given[0]!.units[0]!.proxyReceiptCode).toBe(second);

      // Read anew, the page knows the flat was voted for and its receipt, not the choice: it does not say one.
      await page.reload();
      await expect.poll(() => said.textContent()).toMatch(new RegExp(`✓ 已代为投票\\s*回执码（委托人也能看到）：${second}`));
      expect(await said.textContent()).not.toMatch(/同意|反对|弃权/);
      await card.getByRole('button', { name: '改投' }).waitFor();
      await card.screenshot({ path: `${SHOTS}/after-reload-elder.png` });
    });
  });
});
