/**
 * Roster import in a real browser, as a community worker does it: a file with mistakes shows every
 * bad row (line, column, reason) and changes nothing; a good file shows what it would do, and is
 * applied only after the confirmation dialog.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginAs, newPhonePage, visibleText } from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

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

const HEADER = '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有';

async function unitCount(): Promise<number> {
  const row = await server.deps.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', dsct).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator('yishi-roster-import-page input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe('roster import page', () => {
  test('a file with mistakes lists every bad row and imports nothing; a good file is applied after confirmation', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'shequ');
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      const roster = page.locator('yishi-roster-import-page');
      await roster.getByRole('heading', { level: 1, name: /花名册导入/ }).waitFor();
      expect(await roster.getByRole('link', { name: '下载当前花名册' }).getAttribute('href')).toBe(`/api/compounds/${dsct}/roster.csv`);
      await roster.getByRole('link', { name: '下载空白模板' }).waitFor();
      const before = await unitCount();

      await chooseFile(page, 'bad.csv', `${HEADER}\n1,1,101,abc,登记,刘洋,123,否\n1,1,102,,登记,,,否\n`);
      await roster.getByRole('heading', { name: /需要修改的行（共 \d+ 处）/ }).waitFor();
      const rows = roster.locator('table.problems tbody tr');
      const problems = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')));
      expect(problems.length).toBeGreaterThanOrEqual(4);
      expect(problems).toContainEqual(['2', '面积', '面积“abc”无效：应为大于 0 的数字，最多两位小数']);
      expect(problems).toContainEqual(['2', '手机', '手机号“123”无效：应为 11 位数字']);
      expect(problems.some(([line, column]) => line === '3' && column === '面积')).toBe(true);
      expect(await visibleText(page, 'yishi-roster-import-page')).toContain('未导入任何数据');
      expect(await unitCount()).toBe(before);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: '/tmp/yishi-shots/roster-problems.png', fullPage: true });

      await chooseFile(page, 'good.csv', `${HEADER}\n4,1,101,95.50,登记,赵敏,13900001111,否\n4,1,102,88,登记,钱伟、孙丽,13900002222、13900003333,否\n`);
      await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor();
      const preview = await visibleText(page, 'yishi-roster-import-page');
      expect(preview).toMatch(/新增房屋 2/);
      expect(preview).toMatch(/新增楼栋 1/);
      expect(preview).toMatch(/新登记业主 3/);
      expect(preview).toContain(`系统中有 ${before} 套房屋不在此文件中`);
      expect(await unitCount()).toBe(before); // the preview changed nothing
      await page.screenshot({ path: '/tmp/yishi-shots/roster-preview.png', fullPage: true });

      await roster.getByRole('button', { name: '导入此文件…' }).click();
      await roster.getByRole('dialog', { name: '确认导入花名册？' }).waitFor();
      // The footer buttons are slotted into the dialog: find them from the <sl-dialog> element.
      const dialog = roster.locator('sl-dialog');
      expect(await visibleText(roster.locator('sl-dialog'))).toContain('将新增 2 套、更新 0 套房屋，新登记 3 位业主');
      // Cancelling changes nothing.
      await dialog.getByRole('button', { name: '取消' }).click();
      await roster.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(await unitCount()).toBe(before);

      await roster.getByRole('button', { name: '导入此文件…' }).click();
      await dialog.getByRole('button', { name: '确认导入' }).click();
      await roster.locator('sl-alert.applied').waitFor();
      expect(await visibleText(page, 'yishi-roster-import-page')).toContain('导入成功：新增 2 套，更新 0 套，不变 0 套。');
      expect(await unitCount()).toBe(before + 2);
    } finally {
      await page.context().close();
    }
  });

  test('an owner cannot open the roster page: the server says so in words', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'yezhu');
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      await chooseFile(page, 'any.csv', `${HEADER}\n4,1,103,95.50,登记,周强,13900004444,否\n`);
      await page.locator('yishi-roster-import-page sl-alert').waitFor();
      expect(await visibleText(page, 'yishi-roster-import-page')).toContain('您没有权限进行此操作');
    } finally {
      await page.context().close();
    }
  });
});
