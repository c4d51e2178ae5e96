/**
 * The roll check (名册核对) in a real Chromium on a 360×740 phone: an owners'-assembly vote is
 * announced and a visitor finds its roll, without names, from the notice board; the demo owner 王建国, in elder mode, finds his two flats highlighted on the published
 * roll (named only to him), asks for a correction of one flat's area, and sees it waiting; the
 * station chief resolves it from the manage page, and the owner sees the answer and the corrected area.
 */
import { fileURLToPath } from 'node:url';
import { voteEndpoints, voteTimelineEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  animationsSettled,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  setElderModeSwitch,
  visibleText,
  withPhonePage,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TITLE = '是否同意使用专项维修资金维修2栋外墙';

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const created = await staff.ok(voteEndpoints.create, {
    params: { compoundId: await compoundIdByCode(server.deps, 'DSCT') },
    body: { title: TITLE, kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: new Date(Date.now() + 40 * 86_400_000).toISOString() },
  });
  voteId = created.id;
  await staff.ok(voteTimelineEndpoints.announce, { params: { voteId } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the roll check on a phone', () => {
  test('a visitor reaches the published roll from the notice board: areas and how heads count, no names', async () => {
    await withPhonePage(browser, async (page) => {
      await page.goto(`${server.url}/board/${await compoundIdByCode(server.deps, 'DSCT')}`);
      const notice = page.locator('article.notice', { hasText: `投票通知公告：${TITLE}` });
      await notice.getByRole('link', { name: '核对表决名册' }).click();
      await page.getByRole('heading', { level: 1, name: '表决名册核对' }).waitFor();
      const text = await visibleText(page);
      expect(text).toContain('开发商未售出的房屋合计计为 1 人');
      expect(text).toContain('登录后可以查看并更正您名下房屋的记录');
      expect(text).not.toContain('王建国');
      expect(await page.getByRole('button', { name: '我要更正' }).count()).toBe(0);
    });
  });

  test('an owner in elder mode asks for a correction of his own entry; the station chief upholds it; the owner sees the answer', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('link', { name: '核对表决名册' }).click();
      await page.getByRole('heading', { level: 1, name: '表决名册核对' }).waitFor();
      await setElderModeSwitch(page, true);
      const mine = page.locator('li.mine');
      expect(await mine.count()).toBe(2);
      expect(await mine.first().textContent()).toContain('登记业主：王建国');
      // Other owners' names are never on the published roll.
      expect(await page.locator('ul.roll > li:not(.mine)').first().textContent()).not.toContain('登记业主');
      expect(await visibleText(page)).toContain('同一业主名下 2 套房屋合计计 1 人');
      await page.getByRole('checkbox', { name: '只看我的房屋' }).click();
      await expect.poll(() => page.locator('ul.roll > li').count()).toBe(2);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SCREENSHOTS}/roll-check-phone-elder.png`, fullPage: true });

      await mine.filter({ hasText: '1栋1单元301' }).getByRole('button', { name: '我要更正' }).click();
      const dialog = page.getByRole('dialog', { name: '更正 1栋1单元301 的名册记录' });
      await dialog.waitFor();
      await dialog.locator('input[name=area]').fill('150');
      // Without a word on what is wrong the request is refused under that field, and nothing is sent.
      await dialog.getByRole('button', { name: '提交更正申请' }).click();
      await dialog.locator('#text-problem').waitFor();
      expect(await dialog.locator('#text-problem').textContent()).toBe('请写下您的情况说明，例如哪里不对、您记得的情况');
      expect(await dialog.locator('textarea[name=text]').getAttribute('aria-invalid')).toBe('true');
      await dialog.locator('textarea[name=text]').fill('房产证上的面积是 150.00 平方米');
      await animationsSettled(page);
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: '提交更正申请' }).click();
      await page.getByRole('heading', { name: '我的更正申请' }).waitFor();
      expect(await page.locator('ul.objections').textContent()).toContain('待处理');
    });

    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      const panel = page.locator('yishi-vote-objections-panel');
      await panel.getByRole('heading', { name: '名册更正申请与询异' }).waitFor();
      await panel.getByText('业主称面积应为 150.00 平方米').waitFor();
      await panel.getByRole('button', { name: '处理' }).click();
      const dialog = panel.getByRole('dialog', { name: '处理：1栋1单元301' });
      await dialog.waitFor();
      // Upheld by default; the claimed area is offered as the correction; the reason is the staff member's own.
      expect(await dialog.getByRole('radio', { name: '认定成立' }).isChecked()).toBe(true);
      const area = dialog.getByRole('spinbutton', { name: '更正后的面积（平方米）' });
      expect(await area.inputValue()).toBe('150.00');
      // An area request: the owners are not re-read, nor the unit counted otherwise, unless asked.
      expect(await dialog.getByRole('checkbox', { name: '更正为开发商未售房屋' }).isChecked()).toBe(false);
      expect(await dialog.getByRole('checkbox', { name: /^按业主登记重新读取业主/ }).isChecked()).toBe(false);
      await dialog.getByText('处理后不能撤回，确定吗？').waitFor();
      // Enter in the area field sends the form, as the button does: without a reason, refused under its field.
      const reason = dialog.getByRole('textbox', { name: '处理理由（会告知业主并存档）' });
      await area.press('Enter');
      const problem = dialog.locator('#reason-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toBe('请写明处理理由，申请人会看到这段话');
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      expect(await reason.getAttribute('aria-describedby')).toBe('reason-problem');
      await expect.poll(() => focusedControl(page)).toBe('reason');
      expect(await panel.getByText('✓ 已认定').count()).toBe(0);
      await reason.fill('核对不动产登记簿，面积为 150.00 平方米');
      expect(await problem.count()).toBe(0);
      await animationsSettled(page);
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: '处理', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await panel.getByText('✓ 已认定').waitFor();
    });

    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}/roll-check`);
      await page.getByRole('heading', { name: '已更正的名册记录' }).waitFor();
      const text = await visibleText(page);
      expect(text).toContain('处理理由：核对不动产登记簿，面积为 150.00 平方米');
      expect(text).toMatch(/面积：[\d.]+ 平方米 → 150\.00 平方米/);
      expect(await page.locator('li.mine', { hasText: '1栋1单元301' }).textContent()).toContain('150.00 平方米');
      await page.getByRole('checkbox', { name: '只看我的房屋' }).click();
      await page.screenshot({ path: `${SCREENSHOTS}/roll-check-phone.png`, fullPage: true });
    });
  });
});
