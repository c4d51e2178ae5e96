import { meetingEndpoints } from '@yishi/core';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, holdRequests, launchBrowser, newPhonePage, visibleText } from '../support/browser.js';
import { focusedElement } from '../support/forms.js';
import { ApiClient } from '../support/child-server.js';
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

/** A page logged in through the API with the context's own cookie jar (the login form has its own tests). */
async function loggedInPage(login: string, options: Parameters<typeof newPhonePage>[1] = {}): Promise<Page> {
  const page = await newPhonePage(browser, options);
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login, password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  return page;
}

async function openAgenda(login: string): Promise<Page> {
  const page = await loggedInPage(login, { viewport: { width: 800, height: 900 }, isMobile: false, hasTouch: false });
  await page.goto(`${server.url}/meetings/${councilId}`);
  await page.getByText('已连接，修改会实时同步').waitFor();
  return page;
}

/** Switches the language with the header's button and checks the page was not reloaded. */
async function switchLanguage(page: Page, to: 'English' | '中文'): Promise<void> {
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  await page.locator('yishi-app header').getByRole('button', { name: to }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(to === 'English' ? 'en' : 'zh-CN');
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
}

describe('live agenda in the browser', () => {
  it('two committee members edit one agenda and each sees the other’s change and presence live', async () => {
    const chief = await openAgenda('zhanzhang');
    const property = await openAgenda('wuye');

    // Both are listed as present on both screens.
    for (const page of [chief, property]) {
      await expect
        .poll(() => page.locator('.peer-name').allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining('陈志强'), expect.stringContaining('吴涛')]));
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

    // The new item's presenting party, time box and links, chosen on the chief's screen, reach the other.
    const item4 = (page: typeof chief) => page.locator('li.item').nth(3);
    await item4(chief).getByLabel('汇报方').selectOption({ label: '物业企业' });
    await item4(chief).getByLabel('时长（分钟）').fill('25');
    await item4(chief).getByLabel('时长（分钟）').press('Tab');
    await item4(chief).getByRole('button', { name: '关联诉求或提案' }).click();
    await item4(chief).getByLabel('按名称查找诉求或提案').fill('充电');
    await item4(chief).getByRole('button', { name: '提案 增设电动自行车充电设施' }).click();
    const party = () =>
      item4(property)
        .getByLabel('汇报方')
        .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim());
    await expect.poll(party).toBe('物业企业');
    await expect.poll(() => item4(property).getByLabel('时长（分钟）').inputValue()).toBe('25');
    await item4(property).getByRole('link', { name: '提案：增设电动自行车充电设施' }).waitFor();
    expect(await chief.evaluate(() => ['sl-button', 'sl-select', 'sl-input'].filter((tag) => customElements.get(tag)))).toEqual([]);

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
    const convener = await new ApiClient(server.url).login('jiedao');
    const meetingId = councilId;
    const started = await convener.ok(meetingEndpoints.start, { params: { meetingId } });
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/hall/${councilId}`);
    // In session with nothing put up yet: it says so (never "please wait").
    await page.getByText('会议进行中').first().waitFor();
    const [first, second] = started.agendaItems;
    await convener.ok(meetingEndpoints.setHallFocus, { params: { meetingId }, body: { agendaItemId: first!.id } });
    await page.locator('.now-text', { hasText: `1. ${first!.title}` }).waitFor({ timeout: 8000 });
    await convener.ok(meetingEndpoints.setHallFocus, { params: { meetingId }, body: { agendaItemId: second!.id } });
    await page.locator('.now-text', { hasText: `2. ${second!.title}` }).waitFor({ timeout: 8000 });
    await page.context().close();
  });

  it('the public board shows next week’s council with its topics', async () => {
    const compound = await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/board/${compound.id}`);
    const notice = page.locator('.board-meeting', { hasText: '小区环境整治与加装电梯议事会' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('老旧楼栋加装电梯意向摸底');
    // The evening talk's notice carries the link, and the QR code residents scan to ask in advance: on a phone behind a button.
    const talk = page.locator('.board-meeting', { hasText: '围庐夜话·冬季第一场' });
    await talk.getByRole('button', { name: '出示二维码，给身边的人扫' }).waitFor();
    await talk.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/board-talk-phone.png', import.meta.url)) });
    await talk.getByRole('button', { name: '出示二维码，给身边的人扫' }).click();
    await talk.getByRole('img', { name: '扫码提交夜谈问题的二维码' }).waitFor();
    await talk.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/board-talk-qr-phone.png', import.meta.url)) });
    expect(await talk.getByRole('link', { name: /提交问题/ }).getAttribute('href')).toMatch(/^\/meetings\/\w+\/ask$/);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });

  it('switching to English turns every part of an open meeting page English, without a reload', async () => {
    const page = await loggedInPage('zhanzhang', { viewport: { width: 800, height: 900 }, isMobile: false, hasTouch: false });
    const rows = await server.deps.db.selectFrom('meetings').select(['id', 'title']).execute();
    const pastCouncil = rows.find((m) => m.title === '地下车库停车难专题议事会')!.id;
    await page.goto(`${server.url}/meetings/${pastCouncil}`);
    await page.getByText('已达到法定人数').waitFor();
    await page.getByRole('button', { name: '记录结果' }).first().click();
    await switchLanguage(page, 'English');
    await expect.poll(() => visibleText(page)).toContain('Quorum reached');
    const text = await visibleText(page);
    for (const words of ['Four-party council', 'Closed', 'When: ', 'Sign-in', 'Agenda', 'Outcome', 'Agreed by', 'Property-management company', 'Save']) {
      expect(text).toContain(words);
    }
    for (const words of ['四方共治议事会 ·', '已结束', '时间：', '签到', '议定结果', '同意方', '物业企业', '保存']) expect(text).not.toContain(words);

    // The list page and its form, the ask form's choices, the board's notices: all follow the switch.
    const compound = await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
    await page.goto(`${server.url}/compounds/${compound.id}/meetings`);
    await expect.poll(() => visibleText(page)).toContain('New meeting');
    await switchLanguage(page, '中文');
    await expect.poll(() => visibleText(page)).toContain('新建会议');
    const chosenKind = () => page.locator('input[name="kind"]:checked').evaluate((radio) => radio.closest('label')?.textContent?.trim());
    expect(await chosenKind()).toBe('四方共治议事会');
    await switchLanguage(page, 'English');
    await expect.poll(chosenKind).toBe('Four-party council');
    expect(await visibleText(page)).not.toMatch(/新建会议|会议名称|保存为草稿/);
    await page.context().close();
  });

  /** The station chief on the past council's page, at its agenda's outcomes. */
  async function pastCouncilOutcomes() {
    const page = await loggedInPage('zhanzhang');
    const rows = await server.deps.db.selectFrom('meetings').select(['id', 'title']).execute();
    await page.goto(`${server.url}/meetings/${rows.find((m) => m.title === '地下车库停车难专题议事会')!.id}`);
    return { page, outcomes: page.locator('yishi-agenda-outcomes') };
  }

  /**
   * Saves the open outcome form while `held` holds it back, opens the next item's form and types a note into it, then
   * lets the save go: the note's field, and the save's answer.
   */
  async function saveWhileTypingTheNext(page: Page, outcomes: Locator, held: { release: () => Promise<void> }) {
    await outcomes.locator('form').getByRole('button', { name: '保存' }).click();
    await outcomes.getByRole('button', { name: '记录结果' }).first().click();
    const note = outcomes.locator('form').getByLabel('说明');
    await note.fill('下次会议前物业报送车位测算');
    const answer = page.waitForResponse((res) => res.url().includes('/outcome') && res.request().method() === 'PUT');
    await held.release();
    return { note, answer: await answer };
  }

  it('a meeting whose minutes are published says that a fix to its outcomes needs a correction; an action item’s outcome stays', async () => {
    const { page, outcomes } = await pastCouncilOutcomes();
    await outcomes.getByRole('button', { name: '记录结果' }).first().waitFor();
    const note = page.locator('yishi-meeting-page').getByRole('note').filter({ hasText: '纪要已公示' });
    // The demo council's minutes were corrected once: two versions are out.
    expect(await note.textContent()).toMatch(/纪要已公示（第 2 版）。在本页修改会议结果或答复，不会改变已公示的纪要/);
    // Turning an item into an action item says, before saving, that the ledger keeps it; the item already
    // listed (the third) offers no other outcome.
    await outcomes.getByRole('button', { name: '记录结果' }).first().click();
    const form = outcomes.locator('form');
    await form.getByRole('radio', { name: '转为整改事项' }).check();
    await form.getByText(/保存后将列入整改台账并编号.*不能撤回/).waitFor();
    await form.getByLabel('责任单位').waitFor();
    await form.getByRole('button', { name: '取消' }).click();
    await outcomes.getByRole('button', { name: '记录结果' }).nth(2).click();
    await form.getByText(/已转为整改事项并列入台账，结果不能再改为其他/).waitFor();
    expect(await form.getByRole('radio', { name: '达成一致' }).isDisabled()).toBe(true);
    expect(await form.getByLabel('责任单位').count()).toBe(0);
    await page.context().close();
  });

  it('an outcome still being saved on a slow connection leaves the next item’s form open with what was typed', async () => {
    const { page, outcomes } = await pastCouncilOutcomes();
    await outcomes.getByRole('button', { name: '记录结果' }).first().click();
    const outcome = await holdRequests(page, '**/api/meetings/*/agenda-items/*/outcome');
    // The first item's recorded outcome saved again as it is; while it is on its way, the next item's form.
    const { note, answer: saved } = await saveWhileTypingTheNext(page, outcomes, outcome);
    expect(saved.status()).toBe(200);
    await page.getByText('已完成：记录结果').waitFor();
    expect(await outcomes.locator('form').count()).toBe(1);
    expect(await note.inputValue()).toBe('下次会议前物业报送车位测算');
    await page.context().close();
  });

  it('an outcome refused after the next item’s form was opened says so in a notice naming its item, not under the open form', async () => {
    const { page, outcomes } = await pastCouncilOutcomes();
    const firstTitle = (await outcomes.locator('li.card h3').first().textContent())!.replace(/^\d+\.\s*/, '').trim();
    await outcomes.getByRole('button', { name: '记录结果' }).first().click();
    // Agreed, by no party: the server refuses it (which parties agreed is a field of the form).
    const form = outcomes.locator('form');
    await form.locator('input[name="outcome"][value="agreed"]').check();
    const ticked = form.locator('input[type="checkbox"]:checked');
    while ((await ticked.count()) > 0) await ticked.first().uncheck();
    const outcome = await holdRequests(page, '**/api/meetings/*/agenda-items/*/outcome');
    const { note, answer: refused } = await saveWhileTypingTheNext(page, outcomes, outcome);
    expect(refused.status()).toBe(400);
    await page.locator('.toast-stack').getByText(`“${firstTitle}”的结果没有保存：请选择同意的各方`).waitFor();
    // The open form is the next item's: no problem shown under it, its words kept.
    expect(await outcomes.locator('form .field-error').count()).toBe(0);
    expect(await outcomes.locator('form [aria-invalid="true"]').count()).toBe(0);
    expect(await note.inputValue()).toBe('下次会议前物业报送车位测算');
    await page.context().close();
  });

  it('a council days ahead: starting it says it would start early, cancelling it asks with a plain way back, sign-in waits for its day', async () => {
    const staff = await new ApiClient(server.url).login('zhanzhang');
    const compound = await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
    const startsAt = new Date(Date.now() + 8 * 86_400_000).toISOString();
    const { meeting } = await staff.ok(meetingEndpoints.create, {
      params: { compoundId: compound.id },
      body: { kind: 'four_party', title: '一周后的议事会', startsAt, place: '服务站二楼' },
    });
    await staff.ok(meetingEndpoints.schedule, { params: { meetingId: meeting.id } });
    const page = await loggedInPage('zhanzhang');
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    const dialog = page.locator('dialog#confirm-step');
    await page.getByRole('button', { name: '开始会议（锁定议程）' }).click();
    await dialog.getByText(/^会议通知的开始时间是 \d{4}年\d{1,2}月\d{1,2}日（周.） \d\d:\d\d，现在开始就是提前开会。$/).waitFor();
    // Nobody has signed in: the dialog names the parties missing.
    await dialog.getByText(/^还未达到法定人数（缺：街道（社区）、职能部门、业委会、物业企业），确定现在开始吗？$/).waitFor();
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await page.getByRole('button', { name: '取消会议' }).click();
    // Not "取消" beside "确定取消会议": the way back says it keeps the meeting.
    expect(await dialog.getByRole('button').allTextContents()).toEqual(['不取消，返回', '确定取消会议'].map((words) => expect.stringContaining(words)));
    await dialog.getByRole('button', { name: '不取消，返回' }).click();
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect((await staff.ok(meetingEndpoints.get, { params: { meetingId: meeting.id } })).meeting.status).toBe('scheduled');
    // A week before the meeting nobody signs in yet: the list says from when, and has no buttons.
    await page.getByText(/^会议当天（\d{4}年\d{1,2}月\d{1,2}日（周.））开始签到。$/).waitFor();
    expect(await page.locator('ul.attendance').getByRole('button').count()).toBe(0);
    // Started a week early all the same: a sign-in now says its date, not a time that reads as the meeting day's.
    await staff.ok(meetingEndpoints.start, { params: { meetingId: meeting.id } });
    await page.reload();
    const row = page.locator('ul.attendance li').first();
    await row.getByRole('button', { name: '签到', exact: true }).click();
    await row.getByText(/^✓ 已签到 \d{4}年\d{1,2}月\d{1,2}日（周.） \d\d:\d\d$/).waitFor();
    await row.getByRole('button', { name: '撤销签到' }).click();
    await row.getByText('未签到').waitFor();
    // An evening talk's published minutes say they are published, not that they should be soon.
    await page.goto(`${server.url}/meetings/${talkId}/minutes`);
    await page.getByText(/^已公示（第 1 版）$/).waitFor();
    expect(await visibleText(page)).not.toContain('建议尽快公示');
    await page.context().close();
  });

  it('signing attendees in from the keyboard keeps the focus on the button pressed and the page where it was', async () => {
    // A council in session (sign-in is open from the meeting's day, or once it has started).
    const staff = await new ApiClient(server.url).login('zhanzhang');
    const compound = await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
    const { meeting } = await staff.ok(meetingEndpoints.create, {
      params: { compoundId: compound.id },
      body: { kind: 'four_party', title: '键盘签到议事会', startsAt: new Date(Date.now() + 3_600_000).toISOString(), place: '服务站二楼' },
    });
    await staff.ok(meetingEndpoints.schedule, { params: { meetingId: meeting.id } });
    await staff.ok(meetingEndpoints.start, { params: { meetingId: meeting.id } });
    const page = await loggedInPage('zhanzhang');
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    const signIn = page.getByRole('button', { name: '签到', exact: true }).first();
    await signIn.waitFor();
    await signIn.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    const focused = () => focusedElement(page);
    await signIn.focus();
    // The button is disabled while the sign-in is sent, which drops the focus to the page; it comes back.
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('BUTTON 撤销签到');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('BUTTON 签到');
    await page.context().close();
  });
});
