/**
 * The live agenda and minutes without a network (issue 19): Chromium with DevTools' offline
 * emulation (playwright's `context.setOffline`) against the server's real collab websocket.
 *
 * - What the emulation cuts: the page's fetch fails and `offline` fires, but a websocket opened
 *   before stays OPEN; its frames are held both ways and delivered when the network returns (so the
 *   provider would believe it is connected: the page closes it itself on `offline`).
 * - An agenda edited offline (an item added, a title changed) does not reach the server or the other
 *   member; back online it arrives exactly once and the status line says connected, nothing unsent.
 * - Edited offline and the tab closed: the edit waits in IndexedDB and arrives when the page is
 *   opened again online.
 * - Frozen meanwhile (the meeting started): the offline edit is handed back, never merged, and the
 *   device's copy is deleted; refused meanwhile (the role revoked, 4403): nothing is sent, the copy
 *   is deleted and the page shows no agenda; logging out deletes every copy.
 * - The minutes: an offline edit merges once on reconnect.
 */
import { tmpdir } from 'node:os';
import { agendaDocumentName, meetingEndpoints, minutesEndpoints } from '@yishi/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { councilWithAgenda } from '../collab/agenda-council.js';
import { addItem, roundTrip, waitForSync } from '../collab/collab-helpers.js';
import { connect } from '../resilience/agenda-crash.js';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage, setElderModeSwitch } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const LOOK = `${tmpdir()}/yishi-offline-screenshots/`;
const CONNECTED = '已连接，修改会实时同步';
const OFFLINE = '离线：修改保存在本机，联网后自动同步';

let server: TestServer;
let browser: Browser;
let compoundId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  compoundId = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A draft four-party council of 都市春天 whose agenda holds `titles`. */
const draftCouncil = (title: string, titles: string[]) => councilWithAgenda(server.url, compoundId, title, titles, { draft: true });

/** What the server holds now: a fresh y-websocket client's synced copy of the agenda. */
async function serverCopy(meetingId: string, login = 'wuye'): Promise<ReturnType<typeof connect>> {
  const client = connect(server.url, (await new ApiClient(server.url).login(login)).cookie, agendaDocumentName(meetingId));
  await waitForSync(client.provider);
  return client;
}

/** The agenda's titles in the server's copy, in agenda order. */
async function serverTitles(meetingId: string): Promise<string[]> {
  const { doc, provider } = await serverCopy(meetingId);
  const titles = doc
    .getArray<Y.Map<unknown>>('items')
    .toArray()
    .sort((a, b) => (a.get('order') as number) - (b.get('order') as number))
    .map((m) => String(m.get('title')));
  provider.destroy();
  return titles;
}

async function loggedIn(login: string, options: Parameters<typeof newPhonePage>[1] = {}): Promise<Page> {
  const page = await newPhonePage(browser, options);
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login, password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  return page;
}

async function openAgenda(page: Page, meetingId: string): Promise<Page> {
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.getByText(CONNECTED).waitFor();
  return page;
}

const status = (page: Page) => page.locator('yishi-collab-status p').first();
const titleBox = (page: Page, n: number) => page.getByLabel(`议题 ${n} 议题名称`);

/** Waits until IndexedDB has committed every write the page started (a read transaction queues behind them). */
async function copyWritten(page: Page, documentName: string): Promise<number> {
  return page.evaluate(async (doc) => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.endsWith(`:${doc}`));
    if (!name) return -1;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('updates', 'readonly').objectStore('updates').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return count;
  }, documentName);
}

const copies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('yishi-collab:')));

describe('DevTools offline emulation', () => {
  it('fails the page’s fetch and fires `offline`, but leaves an open websocket open, holding its frames both ways until online', async () => {
    const meetingId = await draftCouncil('离线仿真检查', ['议题甲']);
    const page = await loggedIn('zhanzhang');
    await page.goto(`${server.url}/`);
    const name = agendaDocumentName(meetingId);
    await page.evaluate((doc) => {
      const w = window as unknown as { raw: WebSocket; received: number; offlineEvents: number };
      w.received = 0;
      w.offlineEvents = 0;
      window.addEventListener('offline', () => (w.offlineEvents += 1));
      w.raw = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/collab/${doc}`);
      w.raw.onmessage = () => (w.received += 1);
      return new Promise((resolve) => (w.raw.onopen = resolve));
    }, name);
    const received = () => page.evaluate(() => (window as unknown as { received: number }).received);
    /** Another member adds an item: the server broadcasts the update to every socket of the document, this one included. */
    const otherEdits = async (id: string) => {
      const other = await serverCopy(meetingId);
      addItem(other.doc, id, id, 9);
      await roundTrip(other.provider);
      other.provider.destroy();
    };
    // Online the probe works: an edit elsewhere reaches the raw socket.
    let before = await received();
    await otherEdits('online');
    await expect.poll(received).toBeGreaterThan(before);

    await page.context().setOffline(true);
    const fetched = await page.evaluate(() =>
      fetch('/api/session', { cache: 'no-store' }).then(
        (r) => `status ${r.status}`,
        () => 'failed',
      ),
    );
    before = await received();
    await otherEdits('offline');
    // The page also sends on it: a sync step 1 (an empty state vector), which the server answers with a step 2.
    await page.evaluate(() => (window as unknown as { raw: WebSocket }).raw.send(new Uint8Array([0, 0, 1, 0])));
    // (A wait is the only way to see that nothing arrives; the online probe above arrived within it.)
    await new Promise((r) => setTimeout(r, 1500));
    const offlineReceived = (await received()) - before;
    const seen = await page.evaluate(() => {
      const w = window as unknown as { raw: WebSocket; offlineEvents: number };
      return { onLine: navigator.onLine, offlineEvents: w.offlineEvents, readyState: w.raw.readyState };
    });
    await page.context().setOffline(false);
    await expect.poll(received).toBe(before + 2);
    const afterOnline = (await received()) - before;
    console.log(
      `[offline emulation] fetch: ${fetched}; navigator.onLine=${seen.onLine}; offline events=${seen.offlineEvents}; ` +
        `open websocket readyState=${seen.readyState} (1 = OPEN); messages received while offline: ${offlineReceived}; ` +
        `after online: ${afterOnline} (the held broadcast, and the answer to the step 1 sent offline)`,
    );
    expect(fetched).toBe('failed');
    expect(seen).toEqual({ onLine: false, offlineEvents: 1, readyState: 1 });
    expect(offlineReceived).toBe(0);
    await page.context().close();
  });
});

describe('the live agenda offline', () => {
  it('an item added and a title changed offline reach the other member exactly once when back online', async () => {
    const meetingId = await draftCouncil('离线编辑议程测试', ['加装电梯意向', '楼道堆物清理']);
    const a = await openAgenda(await loggedIn('zhanzhang', { viewport: { width: 390, height: 844 } }), meetingId);
    const b = await openAgenda(await loggedIn('wuye'), meetingId);
    await expect.poll(() => status(a).textContent()).toContain('吴涛');

    await a.context().setOffline(true);
    await status(a).getByText(OFFLINE).waitFor();
    // Offline nobody else is listed, and the agenda stays editable.
    expect(await status(a).textContent()).not.toContain('吴涛');
    await a.getByRole('button', { name: '添加议题' }).click();
    await titleBox(a, 3).pressSequentially('非机动车棚改造');
    await titleBox(a, 1).click();
    await titleBox(a, 1).press('End');
    await titleBox(a, 1).pressSequentially('（修订）');
    const unsent = status(a).locator('.unsent');
    await expect.poll(() => unsent.textContent()).toMatch(/^有未同步的修改 \d+ 处$/);
    const count = Number((await unsent.textContent())!.match(/\d+/)![0]);
    // One transaction per typed character, plus the added item: 7 + 4 + 1.
    expect(count).toBe(12);
    await a.screenshot({ path: `${SHOTS}offline-agenda-status.png` });
    await setElderModeSwitch(a, true);
    await status(a).scrollIntoViewIfNeeded();
    await a.screenshot({ path: `${LOOK}offline-agenda-status-elder.png` });
    await setElderModeSwitch(a, false);

    // Nothing left the phone: the server and the other member still have the two items as they were.
    expect(await serverTitles(meetingId)).toEqual(['加装电梯意向', '楼道堆物清理']);
    expect(await b.locator('li.item').count()).toBe(2);
    expect(await titleBox(b, 1).inputValue()).toBe('加装电梯意向');

    // Every text the status line shows from here on (it is drawn before the server's confirmation can arrive).
    await status(a).evaluate((line) => {
      const seen: string[] = [];
      Object.assign(window, { statusSeen: seen });
      new MutationObserver(() => seen.push(line.textContent!.replace(/\s+/g, ' ').trim())).observe(line, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await a.context().setOffline(false);
    await status(a).getByText(CONNECTED).waitFor();
    await expect.poll(() => unsent.count()).toBe(0);
    const seen = await a.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
    expect(seen.some((text) => text.includes('正在同步…') && text.includes(`有未同步的修改 ${count} 处`))).toBe(true);
    await expect.poll(() => titleBox(b, 3).inputValue()).toBe('非机动车棚改造');
    expect(await titleBox(b, 1).inputValue()).toBe('加装电梯意向（修订）');
    expect(await b.locator('li.item').count()).toBe(3);
    expect(await serverTitles(meetingId)).toEqual(['加装电梯意向（修订）', '楼道堆物清理', '非机动车棚改造']);
    await expect.poll(() => status(a).textContent()).toContain('吴涛');

    // Online, typing is confirmed once it pauses: one extra sync step 1 (a few bytes) for a burst, not one per key.
    // (The socket is already open, so its frames are counted where the page sends them.)
    await a.evaluate(() => {
      const sent: number[] = [];
      Object.assign(window, { step1Sent: sent });
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: ArrayBufferLike | ArrayBufferView | Blob | string) {
        const bytes = data instanceof Uint8Array ? data : null;
        if (bytes && bytes[0] === 0 && bytes[1] === 0) sent.push(bytes.length);
        send.call(this, data);
      };
    });
    const unconfirmed = () => a.locator('yishi-collab-status').evaluate((el) => (el as HTMLElement & { unsent: number }).unsent);
    await titleBox(a, 2).click();
    await titleBox(a, 2).press('End');
    await titleBox(a, 2).pressSequentially('与消防通道');
    await expect.poll(unconfirmed).toBe(0);
    const step1Sent = await a.evaluate(() => (window as unknown as { step1Sent: number[] }).step1Sent);
    console.log(`[confirmations] 5 characters typed online: ${step1Sent.length} sync step 1 sent, ${step1Sent.join(', ')} bytes`);
    expect(step1Sent.length).toBeGreaterThanOrEqual(1);
    expect(step1Sent.length).toBeLessThanOrEqual(2);
    await Promise.all([a, b].map((p) => p.context().close()));
  });

  it('an offline edit survives a closed tab and arrives when the agenda is opened again online', async () => {
    const meetingId = await draftCouncil('关闭标签页测试', ['停车位划线']);
    const a = await openAgenda(await loggedIn('zhanzhang'), meetingId);
    const context: BrowserContext = a.context();
    await context.setOffline(true);
    await status(a).getByText(OFFLINE).waitFor();
    await a.getByRole('button', { name: '添加议题' }).click();
    await titleBox(a, 2).pressSequentially('垃圾分类');
    await status(a).getByText('有未同步的修改 5 处').waitFor();
    await expectNoSeriousA11yViolations(a);
    expect(await copyWritten(a, agendaDocumentName(meetingId))).toBeGreaterThan(0);
    await a.close();
    await context.setOffline(false);
    expect(await serverTitles(meetingId)).toEqual(['停车位划线']);

    const again = await context.newPage();
    await openAgenda(again, meetingId);
    await expect.poll(() => serverTitles(meetingId)).toEqual(['停车位划线', '垃圾分类']);
    await expect.poll(() => status(again).locator('.unsent').count()).toBe(0);
    expect(await again.locator('li.item').count()).toBe(2);
    await context.close();
  });

  it('an offline edit to an agenda frozen meanwhile is handed back, not merged, and the device’s copy is deleted', async () => {
    const meetingId = await draftCouncil('冻结期间离线测试', ['小区绿化']);
    const convener = await new ApiClient(server.url).login('jiedao');
    await convener.ok(meetingEndpoints.schedule, { params: { meetingId } });
    const a = await openAgenda(await loggedIn('zhanzhang'), meetingId);
    await a.context().setOffline(true);
    await status(a).getByText(OFFLINE).waitFor();
    await titleBox(a, 1).click();
    await titleBox(a, 1).press('End');
    await titleBox(a, 1).pressSequentially('改造');
    expect(await copyWritten(a, agendaDocumentName(meetingId))).toBeGreaterThan(0);
    expect(await copies(a)).toHaveLength(1);

    const started = await convener.ok(meetingEndpoints.start, { params: { meetingId } });
    expect(started.agendaItems.map((i) => i.title)).toEqual(['小区绿化']);
    await a.context().setOffline(false);
    // The hand-back names the edit that missed the freeze; the frozen agenda does not have it.
    await a.getByText('以下修改没有保存').first().waitFor();
    await expect.poll(() => copies(a)).toEqual([]);
    await a.reload();
    await a.getByText('小区绿化').first().waitFor();
    expect(await a.getByText('小区绿化改造').count()).toBe(0);
    expect(await serverTitles(meetingId)).toEqual(['小区绿化']);
    await a.context().close();
  });

  it('logging out deletes every copy this device kept', async () => {
    const meetingId = await draftCouncil('退出登录测试', ['路灯维修']);
    const a = await openAgenda(await loggedIn('zhanzhang'), meetingId);
    await expect.poll(() => copies(a)).toHaveLength(1);
    expect((await copies(a))[0]).toMatch(new RegExp(`^yishi-collab:\\w+:${agendaDocumentName(meetingId)}$`));
    await a.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => copies(a)).toEqual([]);
    expect(await a.evaluate(() => localStorage.getItem('yishi.collab.localCopies'))).toBeNull();
    await a.context().close();
  });
});

describe('the minutes offline', () => {
  it('an edit typed offline merges once when the connection returns', async () => {
    const { meetingId } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 20 * 3_600_000), title: '离线纪要测试', vote: null });
    const secretary = await new ApiClient(server.url).login('fuzhan');
    await secretary.ok(minutesEndpoints.generate, { params: { meetingId } });
    const open = async (login: string) => {
      const page = await loggedIn(login, { viewport: { width: 800, height: 900 }, isMobile: false, hasTouch: false });
      await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
      await page.getByText('已连接，修改会实时保存').waitFor();
      return page;
    };
    const a = await open('fuzhan');
    const b = await open('zhujian');
    const box = (p: Page) => p.getByRole('textbox', { name: /纪要正文/ });
    await expect.poll(async () => (await box(b).inputValue()).includes('## 一、参会人员')).toBe(true);

    await a.context().setOffline(true);
    await status(a).getByText(OFFLINE).waitFor();
    await box(a).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await box(a).pressSequentially('\n离线补记。');
    await status(a).getByText('有未同步的修改 6 处').waitFor();
    expect(await box(b).inputValue()).not.toContain('离线补记。');
    await a.setViewportSize({ width: 390, height: 844 });
    await status(a).scrollIntoViewIfNeeded();
    await a.screenshot({ path: `${LOOK}offline-minutes-status.png` });

    await a.context().setOffline(false);
    await status(a).getByText('已连接，修改会实时保存').waitFor();
    await expect.poll(() => status(a).locator('.unsent').count()).toBe(0);
    await expect.poll(async () => (await box(b).inputValue()).split('离线补记。').length - 1).toBe(1);
    expect(await box(a).inputValue()).toBe(await box(b).inputValue());
    await expect.poll(() => status(a).textContent()).toContain('同时在线：');
    await a.screenshot({ path: `${LOOK}minutes-status-connected.png` });
    await Promise.all([a, b].map((p) => p.context().close()));
  });
});

// Last in the file: it takes the station chief's role away.
describe('a refused document', () => {
  it('a role revoked while offline: the agenda is refused on reconnect, the offline edit is not sent and the device’s copy is deleted', async () => {
    const meetingId = await draftCouncil('撤销角色离线测试', ['健身器材维护']);
    const a = await openAgenda(await loggedIn('zhanzhang'), meetingId);
    await a.context().setOffline(true);
    await status(a).getByText(OFFLINE).waitFor();
    await titleBox(a, 1).click();
    await titleBox(a, 1).press('End');
    await titleBox(a, 1).pressSequentially('更换');
    expect(await copyWritten(a, agendaDocumentName(meetingId))).toBeGreaterThan(0);

    const chief = await server.deps.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .select('role_assignments.id')
      .where('users.username', '=', 'zhanzhang')
      .where('role_assignments.role', '=', 'station_chief')
      .executeTakeFirstOrThrow();
    const convener = await new ApiClient(server.url).login('jiedao');
    const revoked = await fetch(`${server.url}/api/grants/${chief.id}`, { method: 'DELETE', headers: { cookie: convener.cookie } });
    expect(revoked.status).toBe(204);

    await a.context().setOffline(false);
    await status(a).getByText('无法打开议程（代码 4403）').waitFor();
    await expect.poll(() => copies(a)).toEqual([]);
    expect(await a.locator('li.item').count()).toBe(0);
    expect(await serverTitles(meetingId)).toEqual(['健身器材维护']);
    await a.context().close();
  });
});
