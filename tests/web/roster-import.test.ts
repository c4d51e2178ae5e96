/**
 * Roster import in a real browser, as a community worker does it: a file with mistakes shows every
 * bad row (row, column letter and heading, reason) and changes nothing; a good file shows what it
 * would do, and is applied only after the confirmation dialog. Excel workbooks (.xlsx) go through the
 * same file input as CSV.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { bigRoster } from '../../packages/server/src/testing/big-roster.js';
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
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHOTS = '/tmp/yishi-shots';
mkdirSync(SHOTS, { recursive: true });

async function unitCount(): Promise<number> {
  const row = await server.deps.db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compound_id', '=', dsct)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function chooseFile(page: Page, name: string, text: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  await page.locator('yishi-roster-import-page input[type=file]').setInputFiles({ name, mimeType, buffer });
}

/** The problems table as rows of cell texts. */
function problemRows(page: Page): Promise<string[][]> {
  return page
    .locator('yishi-roster-import-page table.problems tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

/** A roster as offices keep it in Excel: a merged title row, a heading with its unit, areas with ㎡. */
async function officeWorkbook(rows: SheetData): Promise<Buffer> {
  const title = { value: '都市春天小区业主花名册（2026年12月）', span: 9, fontWeight: 'bold' as const };
  const header = ['楼栋', '单元', '房号', '建筑面积（㎡）', '业主', '手机', '网格', '居民', '居民手机'];
  const sheet: SheetData = [[title, null, null, null, null, null, null, null, null], header, ...rows];
  return writeXlsxFile(sheet).toBuffer();
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
      // The blank template is blank: its header only, no example row to be imported as a real flat's owners.
      const [download] = await Promise.all([page.waitForEvent('download'), roster.getByRole('link', { name: '下载空白模板' }).click()]);
      const template = readFileSync((await download.path())!, 'utf8');
      expect(template.trim().split(/\r?\n/)).toHaveLength(1);
      expect(template).toContain('业主');
      const before = await unitCount();

      await chooseFile(page, 'bad.csv', `${HEADER}\n1,1,101,abc,登记,刘洋,123,否\n1,1,102,,登记,,,否\n`);
      await roster.getByRole('heading', { name: /需要修改的行（共 \d+ 处）/ }).waitFor();
      const problems = await problemRows(page);
      expect(problems.length).toBeGreaterThanOrEqual(4);
      expect(problems).toContainEqual(['2', 'D 面积', '面积“abc”无效：应为大于 0 的数字，最多两位小数']);
      expect(problems).toContainEqual(['2', 'G 手机', '手机号“123”无效：应为 11 位数字']);
      expect(problems.some(([line, column]) => line === '3' && column === 'D 面积')).toBe(true);
      expect(await visibleText(page, 'yishi-roster-import-page')).toContain('未导入任何数据');
      expect(await unitCount()).toBe(before);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: '/tmp/yishi-shots/roster-problems.png', fullPage: true });

      await chooseFile(page, 'good.csv', `${HEADER}\n4,1,101,95.50,登记,赵敏,13900001111,否\n4,1,102,88,登记,钱伟、孙丽,13900002222、13900003333,否\n`);
      await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor();
      const preview = await visibleText(page, 'yishi-roster-import-page');
      expect(preview).toMatch(/新增房屋 2/);
      expect(preview).toMatch(/新增楼栋 1/);
      expect(preview).toMatch(/新登记人员 3/);
      expect(preview).toContain(`系统中有 ${before} 套房屋不在此文件中`);
      expect(await unitCount()).toBe(before); // the preview changed nothing
      await page.screenshot({ path: '/tmp/yishi-shots/roster-preview.png', fullPage: true });

      const start = roster.getByRole('button', { name: '导入此文件…' });
      await start.click();
      const dialog = roster.getByRole('dialog', { name: '确认导入花名册？' });
      await dialog.waitFor();
      expect(await visibleText(dialog)).toContain('将新增 2 套、更新 0 套房屋，新登记 3 人（业主和居民）');
      // A native modal dialog: what is behind it cannot be reached.
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
      // Cancelling changes nothing, and the focus goes back to the button that opened it.
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await start.evaluate((b) => b.matches(':focus'))).toBe(true);
      expect(await unitCount()).toBe(before);

      await start.click();
      await dialog.getByRole('button', { name: '确认导入' }).click();
      const applied = roster.getByRole('status').filter({ hasText: '导入成功' });
      await applied.waitFor();
      expect(await visibleText(applied)).toContain('导入成功：新增 2 套，更新 0 套，不变 0 套。');
      // The focus is on what the import did, so it is read next.
      expect(await applied.evaluate((el) => el.matches(':focus'))).toBe(true);
      expect(await unitCount()).toBe(before + 2);

      // A row typed under the wrong flat: before importing, the preview names the flat, its row, and its owners now and after.
      await chooseFile(page, 'moved.csv', `${HEADER}\n4,1,101,95.50,登记,赵敏,13900001111,否\n4,1,102,90,登记,赵敏,13900001111,否\n`);
      await roster.getByRole('heading', { name: '将要更改的房屋（1 套）' }).waitFor();
      const changed = await page
        .locator('yishi-roster-import-page table.changes tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()));
      expect(changed).toEqual(['4栋1单元102文件第 3 行 业主：原为钱伟、孙丽 → 改为赵敏 面积：原为88.00 ㎡ → 改为90.00 ㎡']);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: '/tmp/yishi-shots/roster-changes.png', fullPage: true });
      expect(await unitCount()).toBe(before + 2);

      // An owner's phone corrected: the preview shows the phone (masked), and nobody new.
      await chooseFile(page, 'phone.csv', `${HEADER}\n4,1,101,95.50,登记,赵敏,13900001111,否\n4,1,102,88,登记,钱伟、孙丽,13900002222、13900003344,否\n`);
      await roster.getByRole('heading', { name: '将要更改的房屋（1 套）' }).waitFor();
      const rephoned = await page
        .locator('yishi-roster-import-page table.changes tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()));
      expect(rephoned).toEqual(['4栋1单元102文件第 3 行 孙丽的手机：原为139****3333 → 改为139****3344']);
      expect(await visibleText(page, 'yishi-roster-import-page')).toMatch(/新登记人员 0/);
      await page.screenshot({ path: `${SHOTS}/roster-changes-phone.png`, fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  test('an Excel workbook with a title row goes through the same file input and is imported, grids and residents included', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'shequ');
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      const roster = page.locator('yishi-roster-import-page');
      await roster.getByRole('heading', { level: 1, name: /花名册导入/ }).waitFor();
      expect(await roster.locator('input[type=file]').getAttribute('accept')).toContain('.xlsx');
      const before = await unitCount();

      const workbook = await officeWorkbook([
        ['5栋', '1单元', 101, 101.66, '严华', 13900005001, '第三网格', '孔明、孔亮', '13900005101、13900005102'],
        ['5栋', '1单元', 102, '88.5㎡', '韩梅', 13900005002, '第三网格', '', ''],
      ]);
      await chooseFile(page, '都市春天花名册.xlsx', workbook, XLSX);
      await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor();
      const preview = await visibleText(page, 'yishi-roster-import-page');
      expect(preview).toMatch(/新增房屋 2/);
      expect(preview).toMatch(/新增网格 1/);
      expect(preview).toMatch(/居民 2/);
      expect(preview).toContain('文件：都市春天花名册.xlsx');
      expect(await unitCount()).toBe(before);
      await page.screenshot({ path: `${SHOTS}/roster-xlsx-preview-phone.png`, fullPage: true });

      await roster.getByRole('button', { name: '导入此文件…' }).click();
      await roster.getByRole('dialog', { name: '确认导入花名册？' }).getByRole('button', { name: '确认导入' }).click();
      const applied = roster.getByRole('status').filter({ hasText: '导入成功' });
      await applied.waitFor();
      expect(await visibleText(applied)).toContain('导入成功：新增 2 套，更新 0 套，不变 0 套。');
      expect(await unitCount()).toBe(before + 2);

      const unit = await server.deps.db
        .selectFrom('units')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .innerJoin('grids', 'grids.id', 'buildings.grid_id')
        .select(['units.id', 'units.area_centi', 'grids.name as grid'])
        .where('units.compound_id', '=', dsct)
        .where('buildings.name', '=', '5')
        .where('units.room', '=', '101')
        .executeTakeFirstOrThrow();
      expect(unit).toMatchObject({ area_centi: 10166, grid: '第三网格' });
      const residents = await server.deps.db
        .selectFrom('residencies')
        .innerJoin('persons', 'persons.id', 'residencies.person_id')
        .select(['persons.name', 'persons.phone'])
        .where('residencies.unit_id', '=', unit.id)
        .execute();
      expect(residents.map((r) => `${r.name} ${r.phone}`).sort()).toEqual(['孔亮 13900005102', '孔明 13900005101']);
    } finally {
      await page.context().close();
    }
  });

  test('a refused workbook names each problem by the row and column Excel shows', async () => {
    const shoot = async (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    for (const [device, options] of [
      ['phone', {}],
      ['desktop', { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 }],
    ] as const) {
      const page = await newPhonePage(browser, options);
      try {
        await loginAs(page, server.url, 'shequ');
        await page.goto(`${server.url}/compounds/${dsct}/roster`);
        const roster = page.locator('yishi-roster-import-page');
        await roster.getByRole('heading', { level: 1, name: /花名册导入/ }).waitFor();
        const before = await unitCount();

        const workbook = await officeWorkbook([
          ['6栋', '1单元', 101, '95.5㎡', '乔峰', 13900006001, '第一网格', '', ''],
          ['6栋', '1单元', 102, 'abc', '段誉', 1390000, '第二网格', '王语嫣', ''],
          ['', '1单元', 103, 90, '', '', '', '', ''],
        ]);
        await chooseFile(page, '花名册-有错.xlsx', workbook, XLSX);
        const heading = roster.getByRole('heading', { name: /需要修改的行（共 \d+ 处）/ });
        await heading.waitFor();
        // The refusal is read next: the focus is on its heading, which is described by the server's words.
        expect(await heading.evaluate((h) => h.matches(':focus'))).toBe(true);
        expect(await heading.getAttribute('aria-describedby')).toBe('problems-message');
        const problems = await problemRows(page);
        expect(problems).toEqual([
          ['4', 'D 建筑面积（㎡）', '面积“abc”无效：应为大于 0 的数字，最多两位小数'],
          ['4', 'F 手机', '手机号“1390000”无效：应为 11 位数字'],
          ['4', 'G 网格', '同一楼栋只能属于一个网格：第 3 行写的是“第一网格”'],
          ['5', 'A 楼栋', '不能为空'],
          ['5', 'E 业主', '已售房屋须填写业主姓名'],
        ]);
        expect(await visibleText(page, 'yishi-roster-import-page')).toContain('花名册有 5 处错误，未导入任何数据');
        expect(await unitCount()).toBe(before);
        await expectNoSeriousA11yViolations(page);
        await shoot(page, `roster-problems-${device}`);

        await chooseFile(
          page,
          '花名册.xlsx',
          await officeWorkbook([['6栋', '1单元', 101, '95.5㎡', '乔峰', 13900006001, '第一网格', '阿朱', 13900006101]]),
          XLSX,
        );
        await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor();
        await expectNoSeriousA11yViolations(page);
        await shoot(page, `roster-preview-${device}`);
      } finally {
        await page.context().close();
      }
    }
  });

  test('a 20,000-row file shows how far the check and the import are, in a bar and in words', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'shequ');
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      const roster = page.locator('yishi-roster-import-page');
      await roster.getByRole('heading', { level: 1, name: /花名册导入/ }).waitFor();
      const before = await unitCount();
      // Every text the page shows while it works is recorded as it is rendered: on a quiet machine
      // the check of 20,000 rows can be over before a test could look.
      // The same for the units' progress, the check's trial write and the import's own, with the bar's label and value at each text.
      await roster.evaluate((host) => {
        const seen: string[] = [];
        const saving: { text: string; bar: number; label: string; percent: string; valueText: string }[] = [];
        Object.assign(window, { rosterTexts: seen, savingTexts: saving });
        new MutationObserver(() => {
          const text = host.shadowRoot!.textContent ?? '';
          for (const m of text.matchAll(/正在检查：第 [\d,]+ 行，共 20,000 行/g)) if (!seen.includes(m[0])) seen.push(m[0]);
          const bar = host.shadowRoot!.querySelector('progress');
          const label = bar?.labels?.[0]?.textContent ?? '';
          for (const m of text.matchAll(/正在(?:写入|检查)：第 [\d,]+ 套，共 20,000 套/g))
            if (!saving.some((s) => s.text === m[0] && s.label === label)) {
              const percent = host.shadowRoot!.querySelector('.progress .percent')?.textContent ?? '';
              saving.push({ text: m[0], bar: Number(bar?.getAttribute('value')), label, percent, valueText: bar?.getAttribute('aria-valuetext') ?? '' });
            }
        }).observe(host.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await chooseFile(page, '大花名册.csv', bigRoster(20_000));
      await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor({ timeout: 60_000 });
      // The check said how far it was, more than once, before it said it was done.
      const checking = await page.evaluate(() => (window as unknown as { rosterTexts: string[] }).rosterTexts);
      expect(checking.length, checking.join(' | ')).toBeGreaterThan(1);
      await roster.getByRole('button', { name: '导入此文件…' }).click();
      await roster.getByRole('dialog', { name: '确认导入花名册？' }).getByRole('button', { name: '确认导入' }).click();
      const saving = roster.getByText(/^正在写入：第 [\d,]+ 套，共 20,000 套$/);
      // A picture while it writes, if the write is still going when the test looks.
      if (await saving.isVisible()) await page.screenshot({ path: `${SHOTS}/roster-import-progress.png` });
      await roster.getByRole('status').filter({ hasText: '导入成功' }).waitFor({ timeout: 60_000 });
      // The import said how far it was, in words and with the bar short of full, before it was done:
      // the bar labelled with the step, its value and the percentage in words. The check's trial
      // write, which it rolls back, says it is checking the units under the check's label: it saves nothing.
      type Said = { text: string; bar: number; label: string; percent: string; valueText: string };
      const said = await page.evaluate(() => (window as unknown as { savingTexts: Said[] }).savingTexts);
      for (const s of said) {
        expect(s.label, JSON.stringify(s)).toBe(s.text.startsWith('正在写入') ? '正在导入…' : '正在检查文件…');
        expect(s.percent).toBe(`已完成 ${s.bar}%`);
        expect(s.valueText).toBe(`${s.text}（已完成 ${s.bar}%）`);
      }
      expect(
        said.filter((s) => s.label === '正在检查文件…'),
        JSON.stringify(said),
      ).not.toEqual([]);
      const importing = said.filter((s) => s.label === '正在导入…');
      expect(importing.length, JSON.stringify(said)).toBeGreaterThan(0);
      expect(importing[0]!.bar).toBeLessThan(100);
      expect(await unitCount()).toBe(before + 20_000);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  test('an owner cannot open the roster page: the server says so in words', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'yezhu');
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      await chooseFile(page, 'any.csv', `${HEADER}\n4,1,103,95.50,登记,周强,13900004444,否\n`);
      await page.locator('yishi-roster-import-page .state-error').waitFor();
      expect(await visibleText(page, 'yishi-roster-import-page')).toContain('您没有权限进行此操作');
    } finally {
      await page.context().close();
    }
  });
});
