/**
 * 询异 in a real Chromium on a 360×740 phone, on a server whose clock the test moves: an owners'-
 * assembly vote is announced, opened 15 days later and closed; the demo owner 王建国 questions a
 * published receipt from the list and sees his dispute waiting; the station chief answers it (an
 * online ballot: no choice to correct, only a reason) and the owner reads the answer.
 */
import { fileURLToPath } from 'node:url';
import { voteEndpoints, voteTimelineEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { animationsSettled, launchBrowser, loginWithSessionCookie, withPhonePage, expectNoSeriousA11yViolations } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
let server: TestServer;
let browser: Browser;
let now = new Date();
let voteId = '';
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  browser = await launchBrowser();
  let staff = await new ApiClient(server.url).login('zhanzhang');
  const created = await staff.ok(voteEndpoints.create, {
    params: { compoundId: await compoundIdByCode(server.deps, 'DSCT') },
    body: {
      title: '是否同意使用专项维修资金维修2栋外墙',
      kind: 'yes_no',
      rule: { kind: 'art278', matter: 5 },
      closesAt: new Date(now.getTime() + 20 * 86_400_000).toISOString(),
    },
  });
  voteId = created.id;
  await staff.ok(voteTimelineEndpoints.announce, { params: { voteId } });
  // The notice period over (sessions that idle this long end: sign in again).
  now = new Date(now.getTime() + 15 * 86_400_000 + 60_000);
  staff = await new ApiClient(server.url).login('zhanzhang');
  await staff.ok(voteEndpoints.open, { params: { voteId } });
  const owner = await new ApiClient(server.url).login('yezhu');
  const view = await owner.ok(voteEndpoints.get, { params: { voteId } });
  await owner.ok(voteEndpoints.castBallot, { params: { voteId }, body: { unitId: view.mine[0]!.voterKey, choices: ['yes'] } });
  await staff.ok(voteEndpoints.close, { params: { voteId } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('an owner questions a published receipt on his phone; the station chief answers with a reason; the owner reads it', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/votes/${voteId}/receipts`);
    await page.getByRole('heading', { name: '询异：对选票有疑问' }).waitFor();
    await page.getByRole('button', { name: '对这张选票有疑问' }).first().click();
    const dialog = page.getByRole('dialog', { name: '询异：对选票有疑问' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('回执码').inputValue()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // What is wrong: every kind read whole as a radio row, the one for a receipt in hand ticked.
    const kinds = dialog.getByRole('group', { name: '哪里不对' }).getByRole('radio');
    expect(await kinds.count()).toBe(4);
    expect(await dialog.getByRole('radio', { name: '公示的选择和我投的不一样' }).isChecked()).toBe(true);
    // An empty reason is refused under its field, in words, and nothing is sent.
    await dialog.getByRole('button', { name: '提交询异' }).click();
    const problem = dialog.locator('#text-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('请写下您的情况说明，例如哪里不对、您记得的情况');
    expect(await dialog.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.locator('textarea').getAttribute('aria-describedby')).toBe('text-problem');
    await dialog.locator('textarea').fill('我投的是反对，公示的是同意');
    await animationsSettled(page);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: '提交询异' }).click();
    await page.getByRole('heading', { name: '我的询异' }).waitFor();
    await page.getByText('… 待处理').waitFor();
    // The notice that says it was sent, faded in (not caught half-way).
    await page.locator('.toast').waitFor();
    await animationsSettled(page);
    await page.screenshot({ path: `${SCREENSHOTS}/vote-dispute-phone.png`, fullPage: true });
  });
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/votes/${voteId}/manage`);
    const panel = page.locator('yishi-vote-objections-panel');
    await panel.getByText('我投的是反对，公示的是同意').waitFor();
    await panel.getByRole('button', { name: '处理' }).click();
    const dialog = panel.getByRole('dialog', { name: /^处理：/ });
    await dialog.waitFor();
    // An online ballot: nothing to correct from a slip, the reason says what was found.
    expect(await dialog.getByText('纸质票录入有误').count()).toBe(0);
    expect(await dialog.getByRole('radio').count()).toBe(2);
    expect(await dialog.getByRole('radio', { name: '认定成立' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '不予认定' }).check();
    // Without a reason the resolution is refused under that field, the focus on it, and nothing is resolved.
    const reason = dialog.getByRole('textbox', { name: '处理理由（会告知业主并存档）' });
    await dialog.getByRole('button', { name: '处理', exact: true }).click();
    const problem = dialog.locator('#reason-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('请写明处理理由，申请人会看到这段话');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toBe('reason-problem');
    await expect.poll(() => focusedControl(page)).toBe('reason');
    expect(await dialog.getByRole('radio', { name: '不予认定' }).isChecked()).toBe(true);
    expect(await panel.getByText('… 待处理').count()).toBe(1);
    await reason.fill('投票记录显示该回执由您本人的账号在网上投出，选择为同意');
    expect(await problem.count()).toBe(0);
    expect(await reason.getAttribute('aria-invalid')).toBe('false');
    await animationsSettled(page);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: '处理', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('✗ 未认定').waitFor();
  });
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/votes/${voteId}/receipts`);
    await page.getByText('处理理由：投票记录显示该回执由您本人的账号在网上投出，选择为同意').waitFor();
  });
});
