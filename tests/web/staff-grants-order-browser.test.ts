/**
 * A station chief's staff page on a 360 px phone (real Chromium): the grants are grouped by place in
 * the order people count places — the compound, then its buildings (2栋 before 10栋), then its grids
 * (第一网格 before 第二网格 before 第十网格) — the server's order (grant-order.routes.test.ts), which
 * the page keeps. The page used to sort the labels as text by pinyin, which put 第二网格 before 第一网格.
 * Normal and elder mode.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staffEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Places of the demo's 翠苑 (building 1, 第一网格) and of its roster below, each given a holder. */
const PLACES = ['翠苑小区 1栋', '翠苑小区 2栋', '翠苑小区 10栋', '翠苑小区 第一网格', '翠苑小区 第二网格', '翠苑小区 第十网格'];

test('the grants are grouped by place in number order, buildings then grids', async () => {
  const chief = await new ApiClient(server.url).login('cuiyuan');
  const cy = await compoundIdByCode(server.deps, 'CY');
  const roster = ['楼栋,单元,房号,面积,业主,手机,网格', '10,1,101,90,甲一,13911120001,第十网格', '2,1,101,90,甲二,13911120002,第二网格'].join('\n');
  const imported = await fetch(`${server.url}/api/compounds/${cy}/roster`, {
    method: 'POST',
    headers: { cookie: chief.cookie, 'content-type': 'text/csv' },
    body: roster,
  });
  expect(imported.status, await imported.text()).toBe(200);
  const { places } = await chief.ok(staffEndpoints.overview, {});
  // Granted in reverse, so the order of granting proves nothing.
  for (const [i, label] of [...PLACES].reverse().entries()) {
    const place = places.find((p) => p.label === label)!;
    await chief.ok(staffEndpoints.grant, {
      params: { scopeKind: place.kind, scopeId: place.id },
      body: { name: `顺序测试${i + 1}`, phone: `1350000${String(i).padStart(4, '0')}`, role: place.kind === 'grid' ? 'grid_worker' : 'building_head' },
    });
  }

  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'cuiyuan');
    await page.goto(`${server.url}/staff`);
    const headings = page.locator('yishi-staff-grants section.place-group h3');
    await expect.poll(() => headings.allTextContents(), { timeout: 15_000 }).toContain(PLACES[0]);
    const shown = (await headings.allTextContents()).map((h) => h.trim());
    expect(shown.filter((h) => PLACES.includes(h))).toEqual(PLACES);
    // The compound's own grants come first.
    expect(shown[0]).toBe('翠苑小区');
    await page.screenshot({ path: join(ARTIFACTS, 'staff-grants-order.png'), fullPage: true });
    await setElderModeSwitch(page, true);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-grants-order-elder.png'), fullPage: true });
  });
});
