/**
 * The administrator's journey of tests/web/admin-browser.test.ts: an EMPTY database whose first-run
 * setup (through the API; the /setup page has its own tests) creates the subdistrict and its
 * administrator, the roster the journey imports, and calls as that administrator from Node (for
 * setup steps and for checking what the pages claim).
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { callApi, setupToken } from '../support/empty-install.js';
import { startTestServer, type TestServer } from '../support/server.js';

export const ADMIN = { subdistrict: '春风街道', name: '林建华', phone: '13900000001', password: 'Chunfeng-jiedao-2026' };
export const ROSTER = [
  '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有',
  '1,1,101,89.56,登记,王建国,13900001001,否',
  '1,1,102,95.20,登记,李秀英,13900001002,否',
  '1,2,201,102.00,登记,赵德顺,13900001003,否',
  '2,1,101,88.00,登记,钱玉兰,13900002001,否',
  '2,1,102,76.35,登记,孙伟,13900002002,否',
].join('\n');

export interface EmptySubdistrict {
  server: TestServer;
  /** A call as the administrator. */
  call: (method: string, path: string, body?: unknown, contentType?: string) => Promise<Response>;
  /** A call as the administrator that must succeed, and its JSON. */
  json: <T>(method: string, path: string, body?: unknown) => Promise<T>;
}

/** A server on an empty database (no demo data), set up: its administrator logged in from Node. */
export async function startEmptySubdistrict(): Promise<EmptySubdistrict> {
  const server = await startTestServer({ config: { seedDemo: false } });
  const setup = await callApi(server, 'POST', '/api/setup', { json: { token: await setupToken(server), ...ADMIN } });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  const cookie = setup.cookie;
  const call: EmptySubdistrict['call'] = (method, path, body, contentType = 'application/json') => {
    const headers: Record<string, string> = { cookie };
    if (body !== undefined) headers['content-type'] = contentType;
    return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  };
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await call(method, path, body);
    expect(answer.status, `${method} ${path}: ${await answer.clone().text()}`).toBeLessThan(300);
    return (await answer.json()) as T;
  };
  return { server, call, json };
}

/** The staff page's grant record, a row of cell texts per event. */
export function grantRecordRows(staff: Locator): Promise<Array<Array<string | undefined>>> {
  return staff
    .locator('table.events tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim())));
}

/** On a 360 px phone, the grant record is a card per event: nothing scrolls sideways or sticks out, every cell labelled. */
export async function expectGrantRecordAsCards(staff: Locator): Promise<void> {
  const wrap = staff.locator('.table-wrap.as-cards:has(table.events)');
  await expect.poll(() => wrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
  const rightmost = await staff.locator('table.events td').evaluateAll((cells) => Math.max(...cells.map((c) => c.getBoundingClientRect().right)));
  expect(rightmost).toBeLessThanOrEqual(360);
  const labels = await staff
    .locator('table.events tbody tr')
    .first()
    .locator('td')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-label')));
  expect(labels).toEqual(['时间', '操作', '人员', '角色', '地点', '操作人']);
}
