import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let councilId: string;
let talkId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const rows = await server.deps.db.selectFrom('meetings').select(['id', 'kind', 'status', 'title']).execute();
  councilId = rows.find((m) => m.kind === 'four_party' && m.status === 'scheduled')!.id;
  talkId = rows.find((m) => m.title === '围庐夜话·秋季第一场')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAgenda(login: string): Promise<Page> {
  const page = await newPhonePage(browser, { viewport: { width: 800, height: 900 }, isMobile: false, hasTouch: false });
  // Logged in through the API with the context's own cookie jar (the login form has its own tests).
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login, password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  await page.goto(`${server.url}/meetings/${councilId}`);
  await page.getByText('已连接，修改会实时同步').waitFor();
  return page;
}

describe('live agenda in the browser', () => {
  it('two committee members edit one agenda and each sees the other’s change and presence live', async () => {
    const chief = await openAgenda('zhanzhang');
    const property = await openAgenda('wuye');

    // Both are listed as present on both screens.
    for (const page of [chief, property]) {
      await expect.poll(() => page.locator('.peer-name').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('陈志强'), expect.stringContaining('吴涛')]));
    }
    // The seeded agenda has three items; the chief adds a fourth and types its title.
    await expect.poll(() => chief.locator('li.item').count()).toBe(3);
    await chief.getByRole('button', { name: '添加议题' }).click();
    const newTitle = chief.getByLabel('议题 4 议题名称');
    await newTitle.click();
    await newTitle.pressSequentially('非机动车棚改造');
    await expect.poll(() => property.getByLabel('议题 4 议题名称').inputValue()).toBe('非机动车棚改造');

    // The property manager writes notes on item 1; the chief sees them, and sees where he is.
    const notes = property.getByLabel('议题 1 备注（多人可同时编辑）');
    await notes.click();
    await notes.press('End');
    await notes.pressSequentially('物业承诺本月内完成。');
    await expect.poll(() => chief.getByLabel('议题 1 备注（多人可同时编辑）').inputValue()).toContain('物业承诺本月内完成。');
    await expect.poll(() => chief.locator('.peer', { hasText: '吴涛' }).textContent()).toContain('在议题 1');

    // A building head may watch but not edit.
    const head = await openAgenda('loudong');
    await expect.poll(() => head.getByLabel('议题 4 议题名称').inputValue()).toBe('非机动车棚改造');
    expect(await head.getByLabel('议题 4 议题名称').getAttribute('readonly')).not.toBeNull();
    expect(await head.getByRole('button', { name: '添加议题' }).count()).toBe(0);
    await Promise.all([chief, property, head].map((p) => p.context().close()));
  });

  it('the hall screen needs no login, shows the counts and passes the accessibility check', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/hall/${talkId}`);
    await page.getByText('围庐夜话·秋季第一场').waitFor();
    expect(await page.locator('.count strong').allTextContents()).toEqual(['35', '30', '5']);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  it('the hall screen follows the session without a reload', async () => {
    // Open next week's council, show the first item on the hall screen, and watch it change.
    const api = async (method: string, path: string, cookie: string, data?: unknown) => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: data === undefined ? undefined : JSON.stringify(data) });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as any;
    };
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'jiedao', password: 'yishi2026' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const started = await api('POST', `/api/meetings/${councilId}/start`, cookie);
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/hall/${councilId}`);
    await page.getByText('请稍候，会议即将开始').waitFor();
    const [first, second] = started.agendaItems;
    await api('PUT', `/api/meetings/${councilId}/hall`, cookie, { agendaItemId: first.id });
    await page.locator('.now-text', { hasText: `1. ${first.title}` }).waitFor({ timeout: 8000 });
    await api('PUT', `/api/meetings/${councilId}/hall`, cookie, { agendaItemId: second.id });
    await page.locator('.now-text', { hasText: `2. ${second.title}` }).waitFor({ timeout: 8000 });
    await page.context().close();
  });

  it('the public board shows next week’s council with its topics', async () => {
    const compound = await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/board/${compound.id}`);
    const notice = page.locator('.board-meeting', { hasText: '小区环境整治与加装电梯议事会' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('老旧楼栋加装电梯意向摸底');
    // The evening talk's notice carries the link and the QR code residents scan to ask in advance.
    const talk = page.locator('.board-meeting', { hasText: '围庐夜话·冬季第一场' });
    await talk.getByRole('img', { name: '扫码提交夜谈问题的二维码' }).waitFor();
    expect(await talk.getByRole('link', { name: /提交问题/ }).getAttribute('href')).toMatch(/^\/meetings\/\w+\/ask$/);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });
});
