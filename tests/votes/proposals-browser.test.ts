/**
 * Resident proposals in a real Chromium on a 360×740 phone: the owner 王建国 proposes from his phone
 * (an empty form is refused under its fields, in plain words), his neighbour 刘洋 seconds it, and
 * the station chief declines it only after saying why and confirming, the reason then public on the
 * proposal. The proposal pages are checked with axe in elder mode.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TITLE = '东门外增设非机动车停车架';
let server: TestServer;
let browser: Browser;
let compoundId = '';
let proposalPath = '';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const seconds = async (page: Parameters<Parameters<typeof withPhonePage>[1]>[0]) =>
  Number(/已有 (\d+) 户附议/.exec(await visibleText(page, 'yishi-proposal-page'))?.[1]);

test('an owner proposes on his phone: an empty form is refused field by field, then the proposal is made', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/compounds/${compoundId}/proposals`);
    const form = page.locator('yishi-proposals-page form');
    await page.getByRole('heading', { name: '我要提案' }).waitFor();
    await form.getByRole('button', { name: '提交提案' }).click();
    await form.locator('#title-problem').waitFor();
    // Nothing typed is said as such (the least length is in the hint under each field).
    expect(await form.locator('#title-problem').textContent()).toBe('不能为空');
    expect(await form.locator('#body-problem').textContent()).toBe('不能为空');
    expect(await form.getByLabel('标题').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('标题').getAttribute('aria-describedby')).toBe('title-problem title-hint');

    // A field's problem goes once it is edited; the other's stays until it is.
    await form.getByLabel('标题').fill(TITLE);
    expect(await form.locator('#title-problem').count()).toBe(0);
    expect(await form.getByLabel('标题').getAttribute('aria-invalid')).toBe('false');
    expect(await form.locator('#body-problem').count()).toBe(1);
    await form.getByLabel('具体内容和理由').fill('东门外电动车乱停，堵住了消防通道。建议在绿化带旁增设停车架，由物业统一管理。');
    expect(await form.locator('#body-problem').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/proposals-form-phone.png`, fullPage: true });
    await form.getByRole('button', { name: '提交提案' }).click();
    await page.waitForURL(/\/proposals\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    proposalPath = new URL(page.url()).pathname;
  });
});

test('a neighbour seconds it from his phone, in elder mode', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu2');
    await page.goto(`${server.url}${proposalPath}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await setElderModeSwitch(page, true);
    const before = await seconds(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: '我附议' }).click();
    await page.getByText('您家已附议').waitFor();
    expect(await seconds(page)).toBe(before + 1);
    expect(await page.getByRole('button', { name: '我附议' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/proposal-seconded-phone-elder.png`, fullPage: true });
  });
});

test('the station chief declines it only with a reason and after confirming; the reason is then public', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}${proposalPath}`);
    const proposal = page.locator('yishi-proposal-page');
    await proposal.getByRole('heading', { name: '议事会处理' }).waitFor();
    const status = await visibleText(proposal.locator('p').nth(1));

    // Without a reason: asked to confirm, then refused under the reason's field; nothing changed.
    await proposal.getByRole('button', { name: '不予采纳' }).click();
    const dialog = page.getByRole('dialog', { name: `不予采纳“${TITLE}”？` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '不予采纳' }).click();
    await proposal.locator('#reason-problem').waitFor();
    expect(await proposal.locator('#reason-problem').textContent()).toBe('不能为空');
    expect(await visibleText(proposal.locator('p').nth(1))).toBe(status);

    // With one: Esc steps back, nothing is done; confirmed, the proposal is declined and says why.
    const reason = '东门外是市政道路，不属于小区共有部分，请向街道城管反映。';
    await proposal.getByLabel('公开说明理由').fill(reason);
    await proposal.getByRole('button', { name: '不予采纳' }).click();
    await dialog.waitFor();
    expect(await visibleText(dialog)).toContain(reason);
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await visibleText(proposal.locator('p').nth(1))).toBe(status);
    await proposal.getByRole('button', { name: '不予采纳' }).click();
    await dialog.getByRole('button', { name: '不予采纳' }).click();
    await proposal.getByText(`处理说明：${reason}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await proposal.getByRole('heading', { name: '议事会处理' }).count()).toBe(0);
  });
});
