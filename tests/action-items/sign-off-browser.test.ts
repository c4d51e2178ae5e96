/**
 * In a real Chromium on a phone-sized window: a station chief signs off a resolved item through the
 * confirmation dialog and sees its number; an anonymous visitor then finds that number on the
 * compound's public notice board, where overdue items say 已逾期 in words, not only in red. Whoever
 * reports an item resolved is not offered its sign-off: the page says the station checks it and signs
 * it off; a page from before they resolved it says the refusal in words.
 */
import { actionItemEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, visibleText, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let dsct: string;
let itemId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('shequ');
  const item = await staff.ok(actionItemEndpoints.create, {
    params: { compoundId: dsct },
    body: { title: '5栋北侧围墙破损', source: { kind: 'council_outcome' }, responsibleUnit: 'property_manager' },
  });
  itemId = item.id;
  await staff.ok(actionItemEndpoints.resolve, { params: { itemId }, body: { evidence: '围墙已修补，附照片' } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const loginAs = loginWithSessionCookie;
const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

describe('numbered sign-off in the browser', () => {
  let number = '';

  test('a station chief signs off through the confirmation dialog and sees the number', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/action-items/${itemId}`);
      await page.getByRole('heading', { level: 1, name: '5栋北侧围墙破损' }).waitFor();
      await page.getByLabel('办理结果').fill('经现场核实，围墙已修补到位');
      await page.getByRole('button', { name: '销号', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '确认销号' });
      await dialog.waitFor();
      // Names the official who signs.
      expect(await dialog.textContent()).toContain('陈志强');
      await dialog.getByRole('button', { name: '确认销号' }).click();
      const status = page.getByRole('status').filter({ hasText: '已销号，编号' });
      await status.waitFor();
      number = /DSCT-\d{4}-\d{4}/.exec((await status.textContent()) ?? '')?.[0] ?? '';
      expect(number).toMatch(/^DSCT-\d{4}-\d{4}$/);
      // The page reloaded the item from the server: the badge shows the same number.
      await expect.poll(() => page.locator('[data-sign-off-number]').first().textContent()).toBe(number);
    });
  });

  test('the public board shows the number without logging in, and says 已逾期 for overdue items', async () => {
    expect(number).not.toBe('');
    await withPage(async (page) => {
      await page.goto(`${server.url}/board/${dsct}`);
      const row = page.locator(`[data-item="${itemId}"]`);
      await row.waitFor();
      expect(await row.locator('[data-sign-off-number]').textContent()).toBe(number);
      expect(await row.textContent()).toContain('已销号');
      // The seeded garage item is overdue: red AND the word.
      const overdue = page.locator('li.is-overdue').first();
      await overdue.waitFor();
      expect(await overdue.textContent()).toContain('已逾期');
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('the staff list marks overdue rows with the word and links to the ledger, which verifies', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'shequ');
      await page.goto(`${server.url}/compounds/${dsct}/action-items`);
      const overdueRow = page.locator('tr.is-overdue').first();
      await overdueRow.waitFor().catch(async (e: unknown) => {
        await page.screenshot({ path: '/tmp/ai-list.png' });
        throw e;
      });
      expect(await overdueRow.textContent()).toContain('已逾期');
      // A card an item on the phone: its title across the card, not squeezed to a character a line.
      const title = overdueRow.locator('td.lead');
      const titleSize = await title.evaluate((td) => Number.parseFloat(getComputedStyle(td).fontSize));
      expect((await title.boundingBox())!.width).toBeGreaterThan(15 * titleSize);
      expect(await page.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await page.getByRole('link', { name: '台账与导出' }).click();
      await page.getByRole('heading', { level: 1, name: '整改台账' }).waitFor();
      await page.getByRole('button', { name: '校验台账' }).click();
      await page.locator('[data-verify="ok"]').waitFor();
      expect(await page.locator('table').textContent()).toContain(number);
      // On the phone each entry is a card: every cell beside its column's name, the item a phrase a line (not a
      // character), nothing past the screen's edge, and still a table to a screen reader.
      const itemCell = page.locator('tbody td.text').first();
      const fontSize = await itemCell.evaluate((td) => Number.parseFloat(getComputedStyle(td).fontSize));
      expect((await itemCell.boundingBox())!.width).toBeGreaterThan(12 * fontSize);
      expect(await itemCell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"事项"');
      expect(await page.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      const signedOff = page.locator('tbody tr', { hasText: number });
      expect((await signedOff.boundingBox())!.width).toBeLessThanOrEqual(360);
      expect(await page.getByRole('row').count()).toBeGreaterThan(1);
      expect(await page.getByRole('cell', { name: number }).count()).toBe(1);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('a resident reports a concern from the board link and sees it under my concerns, with its deadline', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'jumin');
      await page.goto(`${server.url}/board/${dsct}`);
      await page.getByRole('link', { name: '我要反映问题' }).click();
      await page.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      // Nothing filled in: the request is said under each required field, and nothing is sent.
      await page.getByRole('button', { name: '提交', exact: true }).click();
      const concern = page.locator('yishi-concern-page');
      await expect.poll(() => concern.locator('#title-problem').textContent()).toBe('请填写必填项');
      expect(await concern.locator('#description-problem').textContent()).toBe('请填写必填项');
      expect(await page.getByLabel('一句话说明问题').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('一句话说明问题').fill('2栋单元门禁坏了');
      // Its problem goes once the field is edited; the other's stays until that one is.
      expect(await concern.locator('#title-problem').count()).toBe(0);
      expect(await concern.locator('#description-problem').count()).toBe(1);
      await page.getByLabel('详细情况').fill('门禁刷卡没有反应，老人进出不便');
      await page.getByRole('button', { name: '提交', exact: true }).click();
      // Not urgent: 5 working days, said with its date.
      const done = page.getByRole('status').filter({ hasText: '已提交。将在 5 个工作日内办结，截止' });
      await done.waitFor().catch(async (e: unknown) => {
        await page.screenshot({ path: '/tmp/ai-concern.png', fullPage: true });
        throw e;
      });
      await page.locator('ul.mine').getByRole('link', { name: '2栋单元门禁坏了' }).waitFor();
      // On the public board it shows without the details the resident typed.
      const board = await new ApiClient(server.url).ok(actionItemEndpoints.board, { params: { compoundId: dsct } });
      expect(board.items.find((i) => i.title === '2栋单元门禁坏了')?.description).toBe('');
    });
  });

  test('an owner rates the signed-off item on the phone and sees the rating', async () => {
    expect(number).not.toBe('');
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu2');
      await page.goto(`${server.url}/action-items/${itemId}`);
      await page.getByRole('heading', { level: 2, name: '评价办理结果' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('radio', { name: '基本满意' }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByRole('status').filter({ hasText: '您的评价：基本满意' }).waitFor();
      // The form is gone: one rating per person and sign-off.
      expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    });
  });

  test('switching to English re-renders the open action-item pages without a reload', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      const inEnglish = async (path: string, heading: string, check: (text: string) => Promise<void>) => {
        await page.goto(`${server.url}${path}`);
        await page.locator('main').getByRole('heading', { level: 1 }).waitFor();
        await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
        await page.locator('main').getByRole('heading', { level: 1, name: heading }).waitFor();
        await check(await visibleText(page));
        await page.locator('yishi-app header').getByRole('button', { name: '中文' }).click();
      };
      await inEnglish(`/compounds/${dsct}/action-items`, 'Action items', async (text) => {
        // The listing form and the table in English, and the filters show their choice in English too.
        expect(text).toContain('List a new action item');
        expect(text).toContain('Signed off');
        expect(text).not.toMatch(/新增整改事项|已销号|已逾期/);
        expect(
          await page
            .locator('main .filters select')
            .first()
            .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()),
        ).toBe('All');
      });
      await inEnglish(`/compounds/${dsct}/ledger`, 'Action ledger', async (text) => {
        expect(text).toContain('Verify the ledger');
        expect(text).not.toMatch(/校验台账|列入清单/);
      });
      await inEnglish(`/action-items/${itemId}`, '5栋北侧围墙破损', async (text) => {
        expect(text).toContain('Responsible Property manager');
        expect(text).not.toMatch(/责任单位|办理进展|居民评价/);
      });
    });
  });
});

describe('the sign-off is someone else’s check of the work', () => {
  /** An item of 都市春天 listed by the community's staff for the property company. */
  const listed = async (title: string) =>
    (
      await (
        await new ApiClient(server.url).login('shequ')
      ).ok(actionItemEndpoints.create, {
        params: { compoundId: dsct },
        body: { title, source: { kind: 'council_outcome' }, responsibleUnit: 'property_manager' },
      })
    ).id;
  const awaitingCheck = (page: Page) => page.locator('[data-awaiting-check]');

  test('the property company’s head resolves an item and is told the station signs it off, with no sign-off offered; the station chief signs it off', async () => {
    const id = await listed('3栋地库入口照明不足');
    await withPage(async (page) => {
      // 吴涛 heads the property company and is a deputy of the station: he may sign off others' items, not his own.
      await loginAs(page, server.url, 'wuye');
      await page.goto(`${server.url}/action-items/${id}`);
      await page.getByLabel('办结佐证（文字说明）').fill('地库入口加装两盏灯，照明恢复');
      await page.getByRole('button', { name: '办结并提交佐证' }).click();
      await page.getByRole('dialog', { name: '确认办结' }).getByRole('button', { name: '确认办结' }).click();
      await page.getByRole('heading', { name: '对账销号' }).waitFor();
      await awaitingCheck(page).waitFor();
      expect(await awaitingCheck(page).textContent()).toContain('您已报办结，等待服务站核实销号。');
      expect(await awaitingCheck(page).getAttribute('role')).toBe('status');
      expect(await page.getByRole('button', { name: '销号', exact: true }).count()).toBe(0);
      expect(await page.getByLabel('办理结果').count()).toBe(0);
      expect(await page.getByRole('button', { name: '退回重办' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
    });
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/action-items/${id}`);
      await page.getByLabel('办理结果').fill('现场核实，照明已恢复');
      expect(await awaitingCheck(page).count()).toBe(0);
      await page.getByRole('button', { name: '销号', exact: true }).click();
      await page.getByRole('dialog', { name: '确认销号' }).getByRole('button', { name: '确认销号' }).click();
      await page.getByRole('status').filter({ hasText: '已销号，编号' }).waitFor();
      expect(await page.locator('[data-sign-off-number]').first().textContent()).toMatch(/^DSCT-\d{4}-\d{4}$/);
    });
  });

  test('a page opened before its reader resolved the item: the sign-off is refused in words and the page says who signs it off', async () => {
    const id = await listed('2栋单元门闭门器损坏');
    const community = await new ApiClient(server.url).login('shequ');
    await community.ok(actionItemEndpoints.resolve, { params: { itemId: id }, body: { evidence: '已更换闭门器' } });
    await withPage(async (page) => {
      await loginAs(page, server.url, 'wuye');
      await page.goto(`${server.url}/action-items/${id}`);
      await page.getByLabel('办理结果').fill('闭门器工作正常');
      // Meanwhile, on another phone: the chief sends it back, and 吴涛 himself reports it resolved again.
      await (await new ApiClient(server.url).login('zhanzhang')).ok(actionItemEndpoints.return, { params: { itemId: id }, body: { reason: '闭门太快' } });
      await (await new ApiClient(server.url).login('wuye')).ok(actionItemEndpoints.resolve, { params: { itemId: id }, body: { evidence: '已调慢闭门速度' } });
      await page.getByRole('button', { name: '销号', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '确认销号' });
      await dialog.getByRole('button', { name: '确认销号' }).click();
      await page.locator('#yishi-toasts .toast', { hasText: '这件事是您报的办结，不能由您自己销号' }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      // Shown again as it is now: who signs it off, and no sign-off offered.
      await awaitingCheck(page).waitFor();
      expect(await page.getByRole('button', { name: '销号', exact: true }).count()).toBe(0);
      expect(await page.locator('[data-sign-off-number]').count()).toBe(0);
    });
    const item = await community.ok(actionItemEndpoints.get, { params: { itemId: id } });
    expect(item).toMatchObject({ status: 'resolved', signOffNumber: null });
  });

  test('nor is the send-back theirs: from a page opened before they resolved it, 退回重办 is refused in words and nothing is sent back', async () => {
    const id = await listed('5栋电梯按钮失灵');
    const community = await new ApiClient(server.url).login('shequ');
    await community.ok(actionItemEndpoints.resolve, { params: { itemId: id }, body: { evidence: '已更换按钮' } });
    await withPage(async (page) => {
      await loginAs(page, server.url, 'wuye');
      await page.goto(`${server.url}/action-items/${id}`);
      await page.getByLabel('退回原因').fill('3楼按钮仍失灵');
      // Meanwhile, on another phone: the chief sends it back, and 吴涛 himself reports it resolved again.
      await (await new ApiClient(server.url).login('zhanzhang')).ok(actionItemEndpoints.return, { params: { itemId: id }, body: { reason: '3楼没换' } });
      await (await new ApiClient(server.url).login('wuye')).ok(actionItemEndpoints.resolve, { params: { itemId: id }, body: { evidence: '3楼按钮也已更换' } });
      await page.getByRole('button', { name: '退回重办' }).click();
      await page.locator('#yishi-toasts .toast', { hasText: '这件事是您报的办结，不能由您自己退回重办' }).waitFor();
      await awaitingCheck(page).waitFor();
      expect(await page.getByRole('button', { name: '退回重办' }).count()).toBe(0);
    });
    const item = await community.ok(actionItemEndpoints.get, { params: { itemId: id } });
    expect(item).toMatchObject({ status: 'resolved' });
    expect(item.view === 'staff' && item.updates.map((u) => u.kind)).toEqual(['resolved', 'returned', 'resolved']);
  });
});
