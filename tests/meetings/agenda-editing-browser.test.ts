/**
 * The live agenda on committee members' phones: what happens when another member starts the meeting
 * (every editor turns read-only at once and says so; an edit that missed the freeze is handed back in
 * words), adding an item (the cursor lands in its title), deleting one (undo is offered), and typing
 * Chinese through an input method (the pinyin is not sent, and a remote edit does not break it), and
 * a phone signed out from another device (editing stops, and the page says why).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { agendaDocumentName, meetingEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { councilWithAgenda as scheduledCouncil } from '../collab/agenda-council.js';
import { roundTrip, waitForSync } from '../collab/collab-helpers.js';
import { connect } from '../resilience/agenda-crash.js';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The screenshots the docs show, and the others taken to look at (elder mode, desktop). */
const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const LOOK = `${tmpdir()}/yishi-agenda-screenshots/`;
const CONNECTED = '已连接，修改会实时同步';

let server: TestServer;
let browser: Browser;
let compoundId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = (await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(LOOK, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A scheduled council of 都市春天 whose agenda already holds `titles`, written as the editor writes them. */
function councilWithAgenda(title: string, titles: string[]): Promise<string> {
  return scheduledCouncil(server.url, compoundId, title, titles);
}

/** A member's phone with the meeting page open and the live agenda connected. */
async function openAgenda(login: string, meetingId: string, before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await newPhonePage(browser);
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login, password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  await before?.(page);
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.getByText(CONNECTED).waitFor();
  return page;
}

/** The shared Y.Text behind a title box, as the page's own document holds it (what it sends to others). */
function sharedText(page: Page, label: string): Promise<string> {
  return page
    .getByLabel(label)
    .evaluate((box) => ((box.getRootNode() as ShadowRoot).host as HTMLElement & { text: { toString: () => string } }).text.toString());
}

function itemTitle(doc: Y.Doc, index: number): Y.Text {
  const items = doc
    .getArray<Y.Map<unknown>>('items')
    .toArray()
    .sort((a, b) => (a.get('order') as number) - (b.get('order') as number));
  return items[index]!.get('title') as Y.Text;
}

describe('the live agenda on a phone', () => {
  it('when another member starts the meeting every open editor turns read-only at once, says so, and hands back an edit that missed it', async () => {
    const meetingId = await councilWithAgenda('停车与加装电梯议事会', ['地下车库停车位', '加装电梯意向']);
    const chief = await openAgenda('zhanzhang', meetingId);
    // The property manager's edits can be held on their way to the server, as on a slow phone network.
    let holding = false;
    const held: Array<() => void> = [];
    const property = await openAgenda('wuye', meetingId, (page) =>
      page.routeWebSocket(/\/collab\//, (ws) => {
        const upstream = ws.connectToServer();
        ws.onMessage((message) => (holding ? held.push(() => upstream.send(message)) : upstream.send(message)));
      }),
    );
    holding = true;
    const title = property.getByLabel('议题 1 议题名称');
    await title.click();
    await title.press('End');
    await title.pressSequentially('（含充电桩）');

    const convener = await new ApiClient(server.url).login('jiedao');
    const started = await convener.ok(meetingEndpoints.start, { params: { meetingId } });
    expect(started.agendaItems.map((i) => i.title)).toEqual(['地下车库停车位', '加装电梯意向']);

    for (const page of [chief, property]) {
      await page.getByText('会议已开始，议程已冻结，不能再修改。').waitFor();
      const text = await visibleText(page);
      expect(text).not.toContain(CONNECTED);
      expect(await page.getByRole('button', { name: '添加议题' }).count()).toBe(0);
      // No box of the agenda takes typing any more.
      const writable = await page
        .locator('yishi-ytext-field')
        .evaluateAll((fields) => fields.filter((f) => !(f.shadowRoot?.querySelector('.box') as HTMLInputElement | null)?.readOnly).length);
      expect(writable).toBe(0);
    }
    // Each page then shows the meeting as it now is, in session, and keeps the notice.
    for (const page of [chief, property]) await page.getByText('会议进行中').waitFor();
    await expect.poll(() => property.locator('yishi-agenda-frozen-notice').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(740);
    // The held edit did not make it: its author is told, in words, with what she typed.
    const handBack = property.locator('yishi-agenda-frozen-notice .hand-back');
    await property.getByRole('region', { name: '以下修改没有保存' }).waitFor();
    expect(await visibleText(handBack)).toContain('议题 1 的名称：您改成了“地下车库停车位（含充电桩）”，冻结的是“地下车库停车位”');
    expect(await chief.getByRole('region', { name: '以下修改没有保存' }).count()).toBe(0);

    // Released late, the edit is refused by the server: the frozen agenda stays as it was.
    holding = false;
    for (const send of held.splice(0)) send();
    const reader = connect(server.url, (await new ApiClient(server.url).login('fuzhan')).cookie, agendaDocumentName(meetingId));
    await waitForSync(reader.provider);
    await roundTrip(reader.provider);
    expect(itemTitle(reader.doc, 0).toString()).toBe('地下车库停车位');
    reader.provider.destroy();

    await expectNoSeriousA11yViolations(property);
    await property.screenshot({ path: `${SHOTS}agenda-frozen-notice.png` });
    await setElderModeSwitch(property, true);
    await property.locator('yishi-agenda-frozen-notice').scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-frozen-notice-elder.png` });
    await expectNoSeriousA11yViolations(property);
    // In English too, without a reload.
    await property.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => visibleText(property)).toContain('The meeting has started: the agenda is frozen and can no longer be changed.');
    expect(await visibleText(handBack)).toContain('Item 1, title: you changed it to “地下车库停车位（含充电桩）”; the frozen agenda has “地下车库停车位”.');
    await setElderModeSwitch(property, false);
    await property.setViewportSize({ width: 1280, height: 800 });
    await property.locator('yishi-agenda-frozen-notice').scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-frozen-notice-desktop-en.png` });
    await Promise.all([chief, property].map((p) => p.context().close()));
  });

  it('“添加议题” puts the cursor in the new item’s title', async () => {
    const meetingId = await councilWithAgenda('非机动车棚议事会', ['车棚选址', '充电桩安装']);
    const page = await openAgenda('zhanzhang', meetingId);
    await page.getByRole('button', { name: '添加议题' }).click();
    await page.keyboard.type('非机动车棚改造');
    await expect.poll(() => page.getByLabel('议题 3 议题名称').inputValue()).toBe('非机动车棚改造');
    await page.context().close();
  });

  it('a phone signed out from another device stops editing at once and says why', async () => {
    const meetingId = await councilWithAgenda('楼道照明议事会', ['楼道灯更换']);
    const page = await openAgenda('zhanzhang', meetingId);
    await expect.poll(() => page.getByRole('button', { name: '添加议题' }).count()).toBe(1);
    // At the desk, the same person signs out everywhere else ("我的登录设备").
    const desk = await new ApiClient(server.url).login('zhanzhang');
    expect((await desk.call('POST', '/api/me/sessions/end-others')).status).toBe(204);
    await page.getByText('您已退出登录（或登录已在别处结束），请重新登录后继续编辑').waitFor();
    expect(await page.getByRole('button', { name: '添加议题' }).count()).toBe(0);
    await page.context().close();
  });

  it('deleting an item, another member’s too, offers undo; undoing brings it back for everyone', async () => {
    const meetingId = await councilWithAgenda('绿化议事会', ['中心花园绿化补种', '楼道堆物清理']);
    const chief = await openAgenda('zhanzhang', meetingId);
    const property = await openAgenda('wuye', meetingId);
    await property.getByLabel('议题 1 备注（多人可同时编辑）').fill('物业负责采购苗木');
    await expect.poll(() => chief.getByLabel('议题 1 备注（多人可同时编辑）').inputValue()).toBe('物业负责采购苗木');

    // The property manager deletes the item the chief wrote.
    await property.locator('li.item').first().getByRole('button', { name: '删除' }).click();
    await expect.poll(() => chief.locator('li.item').count()).toBe(1);
    const undo = property.getByRole('button', { name: '撤销删除' });
    await undo.waitFor();
    expect(await visibleText(property)).toContain('已删除议题“中心花园绿化补种”。');
    // The button that was pressed is gone: the keyboard lands on the offer.
    await expect.poll(() => undo.evaluate((el) => el.matches(':focus-within') || el === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(property);
    await property.screenshot({ path: `${SHOTS}agenda-undo.png` });
    await setElderModeSwitch(property, true);
    await undo.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-undo-elder.png` });
    const box = await undo.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await setElderModeSwitch(property, false);
    await property.setViewportSize({ width: 1280, height: 800 });
    await undo.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}agenda-undo-desktop.png` });

    await undo.click();
    for (const page of [chief, property]) {
      await expect.poll(() => page.locator('li.item').count()).toBe(2);
      await expect.poll(() => page.getByLabel('议题 1 议题名称').inputValue()).toBe('中心花园绿化补种');
      await expect.poll(() => page.getByLabel('议题 1 备注（多人可同时编辑）').inputValue()).toBe('物业负责采购苗木');
    }
    expect(await property.getByRole('button', { name: '撤销删除' }).count()).toBe(0);
    await Promise.all([chief, property].map((p) => p.context().close()));
  });

  it('two items deleted quickly are both offered back; one undo brings both back in place for everyone, a co-editor’s edit kept', async () => {
    const meetingId = await councilWithAgenda('小区环境议事会', ['中心花园绿化补种', '楼道堆物清理', '快递柜选址']);
    const chief = await openAgenda('zhanzhang', meetingId);
    const property = await openAgenda('wuye', meetingId);
    const notes = (page: Page, n: number) => page.getByLabel(`议题 ${n} 备注（多人可同时编辑）`);

    for (const page of [chief, property]) await page.getByText('共 3 项').waitFor();
    // The property manager deletes the first item, and the last one while the offer still shows: each with a first tap,
    // the focus elsewhere (the presence line does not grow as the tap puts his focus in an item, moving the button away).
    const remove = (item: 'first' | 'last') => property.locator('li.item')[item]().getByRole('button', { name: '删除' });
    const tapRemove = async (item: 'first' | 'last') => {
      await property.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await remove(item).tap();
    };
    await tapRemove('first');
    await property.getByRole('button', { name: '撤销删除' }).waitFor();
    // Meanwhile the chief writes in the item left in between: undo is not his to lose.
    await notes(chief, 1).fill('楼栋长周六组织清理');
    await expect.poll(() => notes(property, 1).inputValue()).toBe('楼栋长周六组织清理');
    await tapRemove('last');
    await expect.poll(() => chief.locator('li.item').count()).toBe(1);

    // The bar counts both and names them; it is a live region, and its button, which has the keyboard, says what it undoes.
    const bar = property.getByRole('status').filter({ hasText: '已删除 2 个议题' });
    await expect.poll(() => visibleText(bar)).toContain('已删除 2 个议题：“中心花园绿化补种”、“快递柜选址”。');
    const undo = property.getByRole('button', { name: '全部撤销' });
    await expect.poll(() => undo.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const described = await undo.evaluate((el) => (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(described).toBe('已删除 2 个议题：“中心花园绿化补种”、“快递柜选址”。');
    await expectNoSeriousA11yViolations(property);
    mkdirSync(`${LOOK}undo-two/`, { recursive: true });
    await undo.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}undo-two/agenda-undo-two-360.png` });
    await setElderModeSwitch(property, true);
    await undo.scrollIntoViewIfNeeded();
    await property.screenshot({ path: `${LOOK}undo-two/agenda-undo-two-360-elder.png` });
    expect((await undo.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await setElderModeSwitch(property, false);

    await undo.press('Enter');
    for (const page of [chief, property]) {
      await expect.poll(() => page.locator('li.item').count()).toBe(3);
      for (const [n, title] of ['中心花园绿化补种', '楼道堆物清理', '快递柜选址'].entries())
        await expect.poll(() => page.getByLabel(`议题 ${n + 1} 议题名称`).inputValue()).toBe(title);
      await expect.poll(() => notes(page, 2).inputValue()).toBe('楼栋长周六组织清理');
    }
    expect(await property.locator('.undo-bar').count()).toBe(0);
    // The keyboard lands on the first item brought back.
    await expect.poll(() => property.getByLabel('议题 1 议题名称').evaluate((el) => el.matches(':focus'))).toBe(true);

    // A removal whose offer was closed stays removed: the next offer's undo brings back only its own.
    await tapRemove('first');
    await property.getByRole('button', { name: '知道了' }).click();
    await tapRemove('last');
    expect(await visibleText(property.getByRole('status').filter({ hasText: '已删除' }))).toContain('已删除议题“快递柜选址”。');
    await property.getByRole('button', { name: '撤销删除' }).click();
    for (const page of [chief, property]) {
      await expect.poll(() => page.locator('li.item').count()).toBe(2);
      await expect.poll(() => page.getByLabel('议题 2 议题名称').inputValue()).toBe('快递柜选址');
    }
    await Promise.all([chief, property].map((p) => p.context().close()));
  });

  it('pinyin being composed is not sent, and another member’s edit meanwhile does not break it', async () => {
    const meetingId = await councilWithAgenda('路灯议事会', ['路灯维修']);
    const page = await openAgenda('zhanzhang', meetingId);
    const peer = connect(server.url, (await new ApiClient(server.url).login('wuye')).cookie, agendaDocumentName(meetingId));
    await waitForSync(peer.provider);
    const peerTitle = itemTitle(peer.doc, 0);
    const seenByPeer: string[] = [];
    peerTitle.observe(() => seenByPeer.push(peerTitle.toString()));

    const label = '议题 1 议题名称';
    const title = page.getByLabel(label);
    await title.click();
    await title.press('End');
    // A real composition through the browser's input-method interface, as a pinyin IME drives it.
    const cdp = await page.context().newCDPSession(page);
    for (const pinyin of ['d', 'di', 'dia', 'dian'])
      await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
    expect(await title.inputValue()).toBe('路灯维修dian');
    expect(await sharedText(page, label)).toBe('路灯维修');

    // Another member edits the same title while the pinyin is still open.
    peerTitle.insert(0, '东区');
    await expect.poll(() => sharedText(page, label)).toBe('东区路灯维修');
    await cdp.send('Input.insertText', { text: '点' });

    await expect.poll(() => title.inputValue()).toBe('东区路灯维修点');
    await expect.poll(() => peerTitle.toString()).toBe('东区路灯维修点');
    expect(await sharedText(page, label)).toBe('东区路灯维修点');
    expect(seenByPeer.filter((s) => /[a-z]/.test(s))).toEqual([]);
    // Typing goes on where the character went in.
    await page.keyboard.type('检修');
    await expect.poll(() => peerTitle.toString()).toBe('东区路灯维修点检修');
    peer.provider.destroy();
    await page.context().close();
  });
});
