/**
 * The administrator's journey (admin-browser.test.ts), its activation-letters step, on the compound whose roster the
 * journey imported (two buildings, 1栋 with three people): one building's letters printed as a PDF named by compound
 * and building, a reprint that names whose letters stop working, and a one-time code issued in person to an elderly
 * owner found by flat and read out from the dialog. axe on each screen, pictures of three of them.
 */
import { readFileSync } from 'node:fs';
import type { ActivationStatus } from '@yishi/core';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { visibleText } from '../support/browser.js';
import type { TestServer } from '../support/server.js';
import type { EmptySubdistrict } from './admin-journey.js';

export interface LettersStep {
  page: Page;
  server: TestServer;
  compoundId: string;
  json: EmptySubdistrict['json'];
  checkA11y: () => Promise<void>;
  shoot: (name: string, options?: { fullPage?: boolean; part?: Locator }) => Promise<void>;
}

export async function printLettersAndIssueCode({ page, server, compoundId, json, checkA11y, shoot }: LettersStep): Promise<void> {
  await page.goto(`${server.url}/compounds/${compoundId}/activation`);
  const activation = page.locator('yishi-activation-page');
  await activation.getByRole('heading', { level: 1, name: /账号激活 · 都市春天小区/ }).waitFor();
  const one = activation.locator('section.building[data-building="1"]');
  const summary = await visibleText(one);
  expect(summary).toContain('已激活 0 人，共 3 人（0%）');
  expect(summary).toContain('还没有激活信：3 人');
  expect(summary).toContain('还没有打印过激活信');
  await checkA11y();

  await one.getByRole('button', { name: /打印激活信/ }).click();
  const confirm = activation.locator('dialog.confirm-print');
  await activation.getByRole('dialog', { name: '打印1栋的激活信？' }).waitFor();
  const words = await visibleText(confirm);
  expect(words).toContain('将为1栋还没有激活的 3 人各生成一封激活信');
  expect(words).not.toContain('作废'); // nobody has a letter yet
  await checkA11y();

  const [download, response] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.waitForResponse((r) => r.url().endsWith('/activation-letters'), { timeout: 60_000 }),
    confirm.getByRole('button', { name: '生成并下载 PDF' }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  // Named by compound and building, not the same name for every building.
  expect(download.suggestedFilename()).toMatch(/^都市春天小区-1栋-激活信-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const status = await json<ActivationStatus>('GET', `/api/compounds/${compoundId}/activation`);
  const building = status.buildings.find((b) => b.name === '1')!;
  expect(Number(response.headers()['x-letter-count'])).toBe(building.households);
  expect(building.lettersOutstanding).toBe(3);
  await activation.locator('.printed-alert').waitFor();
  expect(await visibleText(activation.locator('.printed-alert'))).toContain('已生成1栋的激活信，共 3 封');
  await expect.poll(() => visibleText(one)).toContain('已发激活信、还没激活：3 人');
  expect(await visibleText(one)).toMatch(/上次打印：\d{4}年/);
  await checkA11y();
  await shoot('activation-buildings');

  // A reprint says whose letters stop working, by masked name and flat.
  await one.getByRole('button', { name: /打印激活信/ }).click();
  await confirm.waitFor();
  await expect.poll(() => visibleText(confirm)).toContain('下面 3 人以前收到的激活信将作废');
  expect(await confirm.locator('ul.replaced li').count()).toBe(3);
  expect(await visibleText(confirm.locator('ul.replaced'))).toMatch(/.\*.?（1栋\d单元\d+）/);
  await shoot('activation-reprint-confirm');
  await confirm.getByRole('button', { name: '取消' }).click();
  await confirm.waitFor({ state: 'hidden' });

  // An elderly owner without a letter: find him by name, issue a code, read it out.
  await activation.getByLabel('查找住户').fill('钱玉兰');
  await expect.poll(() => activation.locator('li.person').count()).toBe(1);
  // The server filters once typing pauses: wait for the answer to the new text, not the list still shown.
  await activation.getByLabel('查找住户').fill('2栋1单元102');
  await expect.poll(() => visibleText(activation.locator('ul.people'))).toContain('孙伟（业主）');
  expect(await activation.locator('li.person').count()).toBe(1);
  await activation
    .locator('li.person')
    .getByRole('button', { name: /发放一次性码/ })
    .click();
  const issued = activation.locator('dialog.issued');
  await activation.getByRole('dialog', { name: '孙伟的一次性码' }).waitFor();
  const shown = await visibleText(issued);
  expect(shown).toContain('激活账号');
  expect(shown).toContain('孙伟还没有账号');
  const code = (await issued.locator('yishi-code-handover p.code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await issued.getByRole('img', { name: '给孙伟的一次性码二维码' }).waitFor();
  expect(shown).toMatch(/有效期至 \d{4}年/);
  const lookup = await fetch(`${server.url}/api/activation/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(lookup.status).toBe(200);
  expect(((await lookup.json()) as { kind: string }).kind).toBe('activate');
  await checkA11y();
  await shoot('activation-code', { fullPage: false });
  await issued.getByRole('button', { name: '完成，关闭' }).click();
  await issued.waitFor({ state: 'hidden' });
}
