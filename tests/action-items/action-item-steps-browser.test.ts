/**
 * An action item's page in a real Chromium on a 360×740 phone, now without Shoelace: the station
 * chief's step forms (an empty progress note refused under its field, the focus there, the problem
 * gone once she types; the note saved and the form emptied; the triage colour's choices), and an
 * owner's rating of a signed-off item (a rating not chosen is said under the choices, the focus on
 * the first choice); a community worker listing an item by hand, and the list's filters. Checked
 * with axe in elder mode, where the item's facts stack (each name over its fact).
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { focusedControl } from '../support/forms.js';
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  setElderModeSwitch,
  visibleText,
  withPhonePage,
} from '../support/browser.js';
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
    // The worker is told before writing that this text is public (a resident's full name had gone onto the board).
    await form.getByText('这段文字会在公示栏公开：请不要写居民的姓名、电话或门牌号。').waitFor();
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
    // Beside each other the facts are side by side; in elder mode on a phone each name sits over its fact
    // (beside a name, a due date took three lines).
    const placeOf = async (n: number) => {
      const [name, fact] = await Promise.all([
        page.locator(`${PAGE} dl.facts dt`).nth(n).boundingBox(),
        page.locator(`${PAGE} dl.facts dd`).nth(n).boundingBox(),
      ]);
      return { below: fact!.y >= name!.y + name!.height - 1, sameLeft: Math.abs(fact!.x - name!.x) < 1 };
    };
    expect(await placeOf(2)).toEqual({ below: false, sameLeft: false });
    await setElderModeSwitch(page, true);
    await expect.poll(() => placeOf(2)).toEqual({ below: true, sameLeft: true });
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

test('a community worker lists an item by hand on her phone: a missing title and department refused in words, then listed; the list filters', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${dsct}/action-items`);
    const form = page.locator('yishi-action-item-form');
    await form.getByText('新增整改事项（提案、议事会决定等）').click();
    await form.getByRole('radio', { name: '四方议事会议定事项' }).check();
    await chooseOption(form, 'unit', '职能部门（填写名称）');
    await form.getByRole('button', { name: '列入清单' }).click();
    await form.locator('#title-problem').waitFor();
    expect(await form.locator('#title-problem').textContent()).toBe('请填写必填项');
    expect(await form.locator('#department-problem').textContent()).toBe('请填写必填项');
    await expect.poll(() => focusedControl(page)).toBe('title');
    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/action-item-new-refused-phone-elder.png`, fullPage: true });
    await setElderModeSwitch(page, false);
    await form.getByLabel('事项', { exact: true }).fill('南门路灯更换');
    expect(await form.locator('#title-problem').count()).toBe(0);
    await form.getByLabel('部门名称，如：区住房和城乡建设局').fill('区城管局');
    // 0 working days is said under its field, with the focus there (it used to be listed as 5, unseen).
    const count = async () =>
      (
        await server.deps.db
          .selectFrom('action_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    await form.getByLabel('办理时限（工作日）').fill('0');
    await form.getByRole('button', { name: '列入清单' }).click();
    await form.getByText('请填写 1 到 60 之间的整数（工作日天数）').waitFor();
    await expect.poll(() => focusedControl(page)).toBe('deadlineWorkdays');
    expect(Number(await count())).toBe(Number(before));
    await form.getByLabel('办理时限（工作日）').fill('10');
    // The date that makes is shown under it, counted on the official calendar.
    await form.getByText(/^不算周末和法定节假日，截止 \d{4}年\d{1,2}月\d{1,2}日/).waitFor();
    await form.getByRole('button', { name: '列入清单' }).click();
    await page.waitForURL(/\/action-items\/[^/]+$/);
    const itemId = new URL(page.url()).pathname.split('/')[2]!;
    const listed = await server.deps.db
      .selectFrom('action_items')
      .select(['title', 'responsible_unit', 'deadline_workdays', 'source_kind'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(listed).toEqual({ title: '南门路灯更换', responsible_unit: 'department:区城管局', deadline_workdays: 10, source_kind: 'council_outcome' });

    // The list's filters: signed-off items only, then overdue ones only.
    await page.goto(`${server.url}/compounds/${dsct}/action-items`);
    const rows = page.locator('yishi-action-items-page tbody tr');
    await rows.first().waitFor();
    await page.getByLabel('状态').selectOption({ label: '已销号' });
    await expect.poll(async () => (await rows.allTextContents()).every((row) => row.includes('已销号'))).toBe(true);
    await page.getByLabel('状态').selectOption({ label: '全部' });
    await page.getByRole('checkbox', { name: '只看已逾期' }).check();
    await expect.poll(async () => (await rows.allTextContents()).every((row) => row.includes('已逾期'))).toBe(true);
    expect(await page.evaluate(() => ['sl-select', 'sl-checkbox', 'sl-input', 'sl-details'].filter((tag) => customElements.get(tag)))).toEqual([]);
  });
});
