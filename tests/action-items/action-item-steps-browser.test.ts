/**
 * An action item's page in a real Chromium on a 360×740 phone, now without Shoelace: the station
 * chief's step forms (an empty progress note refused under its field, the focus there, the problem
 * gone once she types; the note saved and the form emptied; the triage colour's choices), and an
 * owner's rating of a signed-off item (a rating not chosen is said under the choices, the focus on
 * the first choice). Checked with axe in elder mode.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { focusedControl } from '../support/forms.js';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PAGE = 'yishi-action-item-page';
let server: TestServer;
let browser: Browser;
let dsct = '';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the station chief records progress: an empty note is refused under its field, then saved, and the form empties', async () => {
  const item = await server.deps.db
    .selectFrom('action_items')
    .select(['id', 'title', 'triage'])
    .where('compound_id', '=', dsct)
    .where('status', '=', 'in_progress')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/action-items/${item.id}`);
    await page.getByRole('heading', { level: 1, name: item.title }).waitFor();
    const form = page.locator(`${PAGE} form`, { has: page.getByLabel('进展说明') });
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('#text-problem').waitFor();
    expect(await form.locator('#text-problem').textContent()).toBe('请填写必填项');
    expect(await form.getByLabel('进展说明').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedControl(page)).toBe('text');
    await form.getByLabel('进展说明').fill('已联系施工队，明天上午到场');
    expect(await form.locator('#text-problem').count()).toBe(0);
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => visibleText(page.locator(`${PAGE} ol.timeline`))).toContain('已联系施工队，明天上午到场');
    expect(await form.getByLabel('进展说明').inputValue()).toBe('');
    const saved = await server.deps.db
      .selectFrom('action_item_updates')
      .select('text')
      .where('action_item_id', '=', item.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    expect(saved?.text).toBe('已联系施工队，明天上午到场');

    // The other colours to change to, in words.
    // Each whole on screen, the first chosen.
    const colours = page.getByRole('group', { name: '调整为' }).getByRole('radio');
    expect(await colours.count()).toBe(2);
    const words = await page.getByRole('group', { name: '调整为' }).locator('label').allTextContents();
    expect(words.every((w) => /色/.test(w))).toBe(true);
    expect(await colours.first().isChecked()).toBe(true);
    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/action-item-steps-phone-elder.png`, fullPage: true });
    await setElderModeSwitch(page, false);
    expect(await page.evaluate(() => ['sl-textarea', 'sl-button', 'sl-select', 'sl-dialog'].filter((tag) => customElements.get(tag)))).toEqual([]);
  });
});

test('an owner rating a signed-off item is told to choose first, under the choices, with the focus on them', async () => {
  const corridor = await server.deps.db.selectFrom('action_items').select('id').where('title', 'like', '3栋楼道%').executeTakeFirstOrThrow();
  const ratings = () => server.deps.db.selectFrom('action_item_ratings').select('id').where('action_item_id', '=', corridor.id).execute();
  const before = (await ratings()).length;
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/action-items/${corridor.id}`);
    const form = page.locator(`${PAGE} form`, { has: page.getByRole('radio', { name: '满意', exact: true }) });
    await form.getByRole('button', { name: '提交评价' }).click();
    await form.locator('#rating-problem').waitFor();
    expect(await form.locator('#rating-problem').textContent()).toBe('请选择一项评价');
    expect(await form.getByRole('group', { name: '您的评价' }).getAttribute('aria-describedby')).toBe('rating-problem');
    await expect.poll(() => focusedControl(page)).toBe('rating');
    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/action-item-rating-refused-phone-elder.png`, fullPage: true });
    await form.getByRole('radio', { name: '满意', exact: true }).check();
    expect(await form.locator('#rating-problem').count()).toBe(0);
    await setElderModeSwitch(page, false);
    // Nothing was sent while no rating was chosen.
    expect(await ratings()).toHaveLength(before);
  });
});
