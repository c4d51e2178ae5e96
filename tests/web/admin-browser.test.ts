/**
 * A real subdistrict from an EMPTY database, in a real Chromium on a phone: first-run setup creates
 * the administrator (through the API; the /setup page has its own tests), who then adds a community
 * and compounds on /admin/places (a taken compound code is refused in Chinese), imports a roster,
 * grants a station chief on /staff and reads the invitation (which opens /activate?code=… in another
 * browser), revokes a grant after confirming, prints one building's activation letters (a PDF with
 * one letter per person there) and issues a one-time code in person. The home page's checklist
 * ticks each step. axe runs on every page; screenshots go to /tmp/yishi-shots/admin. The letters step is
 * admin-letters-step.ts; the journey's set-up and shared checks are admin-journey.ts.
 */
import { mkdirSync } from 'node:fs';
import type { ActivationStatus, PlacesTree, StaffOverview } from '@yishi/core';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chooseOption,
  expectNoSeriousA11yViolationsSettled,
  launchBrowser,
  loginAs,
  newPhonePage,
  shootThreeWindows,
  visibleText,
} from '../support/browser.js';
import { control, focusedControl } from '../support/forms.js';
import type { TestServer } from '../support/server.js';
import { printLettersAndIssueCode } from './admin-letters-step.js';
import { ADMIN, ROSTER, expectGrantRecordAsCards, grantRecordRows, startEmptySubdistrict, type EmptySubdistrict } from './admin-journey.js';

const SHOTS = '/tmp/yishi-shots/admin';
mkdirSync(SHOTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let page: Page;
let call: EmptySubdistrict['call'];
let json: EmptySubdistrict['json'];
const ids = { dsct: '', cy: '' };

/** Phone, phone in elder mode and desktop pictures of the page (or of one part of it) as it is now. */
const shoot = (name: string, options: { fullPage?: boolean; part?: Locator } = {}) => shootThreeWindows(page, `${SHOTS}/${name}`, options);
/** axe once dialogs have settled and toasts are gone. */
const checkA11y = () => expectNoSeriousA11yViolationsSettled(page, `${SHOTS}/a11y-failure.png`);

beforeAll(async () => {
  ({ server, call, json } = await startEmptySubdistrict());
  browser = await launchBrowser();
  page = await newPhonePage(browser);
});
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await server?.close();
});

describe('an administrator sets up a subdistrict from an empty database', () => {
  test('the fresh home page shows the "开始使用" checklist with nothing ticked, and links to the admin pages', async () => {
    await loginAs(page, server.url, ADMIN.phone, ADMIN.password);
    const checklist = page.locator('yishi-setup-checklist');
    await checklist.getByRole('heading', { name: '开始使用' }).waitFor();
    const text = await visibleText(checklist);
    expect(text).toContain('添加社区和小区 待完成');
    expect(text).not.toContain('已完成');
    expect(text).toContain('先添加社区，再在社区里添加小区。');
    const home = page.locator('yishi-home-page');
    expect(await home.getByRole('link', { name: '社区和小区', exact: true }).getAttribute('href')).toBe('/admin/places');
    expect(await home.getByRole('link', { name: '工作人员授权', exact: true }).getAttribute('href')).toBe('/staff');
    expect(await home.getByRole('link', { name: '我的账号', exact: true }).getAttribute('href')).toBe('/account');
    expect(await visibleText(home)).toContain('还没有小区。');
    await checkA11y();
  });

  test('adds a community and two compounds on /admin/places; a taken code is refused in Chinese under the code field', async () => {
    await page.locator('yishi-home-page').getByRole('link', { name: '社区和小区', exact: true }).click();
    const places = page.locator('yishi-places-page');
    await places.getByRole('heading', { level: 1, name: '社区和小区' }).waitFor();
    expect(await visibleText(places)).toContain('这是一套新系统，还没有社区和小区。');
    await checkA11y();
    await page.screenshot({ path: `${SHOTS}/places-empty-phone.png`, fullPage: true });

    // An empty name is refused under the field, which gets the focus; typing clears the problem.
    await places.getByRole('button', { name: '添加社区' }).click();
    const communityName = control(page, 'yishi-places-page', 'community-name');
    await communityName.locator('.help.invalid').waitFor();
    expect(await places.getByLabel('社区名称').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedControl(page)).toBe('community-name');
    await places.getByLabel('社区名称').fill('春风社区');
    await communityName.locator('.help.invalid').waitFor({ state: 'detached' });
    await places.getByRole('button', { name: '添加社区' }).click();
    await places.getByRole('heading', { level: 3, name: '春风社区' }).waitFor();

    const dialog = places.locator('dialog#place-dialog');
    const addCompound = async (name: string, code: string, address: string) => {
      await places.getByRole('button', { name: '添加小区 · 春风社区' }).click();
      await places.getByRole('dialog', { name: '在春风社区添加小区' }).waitFor();
      await dialog.getByLabel('小区名称', { exact: true }).fill(name);
      await dialog.getByLabel('小区代码', { exact: true }).fill(code);
      await dialog.getByLabel('公示栏地址', { exact: true }).fill(address);
      await dialog.getByRole('button', { name: '添加小区' }).click();
    };
    await addCompound('都市春天小区', 'dsct', '春风路 8 号小区服务站门口');
    await places.locator('li[data-compound="DSCT"]').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    await addCompound('翠苑小区', 'DSCT', '翠苑路 2 号物业服务中心');
    const refusal = '小区代码“DSCT”已被“都市春天小区”使用，请换一个';
    // Said under the code field, which is marked and has the focus; the other fields are not marked.
    const codeField = control(page, 'yishi-places-page', 'code');
    await expect.poll(() => visibleText(codeField.locator('.help.invalid'))).toBe(refusal);
    expect(await dialog.getByLabel('小区代码', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('小区名称', { exact: true }).getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => focusedControl(page)).toBe('code');
    await checkA11y();
    await page.screenshot({ path: `${SHOTS}/places-code-taken-phone.png` });
    await dialog.getByLabel('小区代码', { exact: true }).fill('CY');
    // Editing the field clears its problem.
    await codeField.locator('.help.invalid').waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('小区代码', { exact: true }).getAttribute('aria-invalid')).toBe('false');
    await dialog.getByRole('button', { name: '添加小区' }).click();
    await places.locator('li[data-compound="CY"]').waitFor();

    // The notice board moves: change the address in place.
    await places
      .locator('li[data-compound="CY"]')
      .getByRole('button', { name: /修改名称或地址/ })
      .click();
    await places.getByRole('dialog', { name: '修改小区：翠苑小区' }).waitFor();
    expect(await visibleText(dialog)).toContain('小区代码 CY 用在销号编号里，不能修改。');
    await dialog.getByLabel('公示栏地址', { exact: true }).fill('翠苑路 6 号党群服务站');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => visibleText(places.locator('li[data-compound="CY"]'))).toContain('公示栏：翠苑路 6 号党群服务站');

    const tree = await json<PlacesTree>('GET', '/api/places');
    const compounds = tree.subdistricts[0]!.communities[0]!.compounds;
    ids.dsct = compounds.find((c) => c.code === 'DSCT')!.id;
    ids.cy = compounds.find((c) => c.code === 'CY')!.id;
    expect(compounds.find((c) => c.code === 'CY')!.address).toBe('翠苑路 6 号党群服务站');

    const dsct = places.locator('li[data-compound="DSCT"]');
    expect(await dsct.getByRole('link', { name: '小区概况' }).getAttribute('href')).toBe(`/compounds/${ids.dsct}`);
    expect(await dsct.getByRole('link', { name: '导入花名册' }).getAttribute('href')).toBe(`/compounds/${ids.dsct}/roster`);
    expect(await dsct.getByRole('link', { name: '账号激活' }).getAttribute('href')).toBe(`/compounds/${ids.dsct}/activation`);
    expect(await dsct.getByRole('link', { name: '公示栏' }).getAttribute('href')).toBe(`/board/${ids.dsct}`);
    await checkA11y();
    await shoot('admin-places');
  });

  test('imports the roster of one compound', async () => {
    const res = await call('POST', `/api/compounds/${ids.dsct}/roster`, ROSTER, 'text/csv');
    expect(res.status, await res.text()).toBe(200);
    const status = await json<ActivationStatus>('GET', `/api/compounds/${ids.dsct}/activation`);
    expect(status.buildings.map((b) => [b.name, b.households])).toEqual([
      ['1', 3],
      ['2', 2],
    ]);
  });

  test('grants a station chief on /staff and reads the invitation, which opens /activate in another browser', async () => {
    await page.goto(`${server.url}/staff`);
    const staff = page.locator('yishi-staff-page');
    await staff.getByRole('heading', { level: 2, name: '授予角色' }).waitFor();
    // Setup's own grant is on the record already.
    expect(await visibleText(staff.locator('table.events'))).toContain('初始设置');
    await chooseOption(staff, 'place', '都市春天小区（整个小区）');
    const offered = () => staff.locator('select[name="role"] option:not([value=""])').allTextContents();
    await expect.poll(async () => (await offered()).map((s) => s.trim())).toEqual(['服务站站长', '服务站副站长', '四方代表']);
    await chooseOption(staff, 'role', '服务站站长');
    // Without a name the grant is refused under the name field, which gets the focus; typing clears it.
    await staff.getByRole('button', { name: '授权', exact: true }).click();
    const nameField = control(page, 'yishi-staff-page', 'name');
    await nameField.locator('.help.invalid').waitFor();
    expect(await staff.getByLabel('姓名', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedControl(page)).toBe('name');
    await staff.getByLabel('姓名', { exact: true }).fill('张卫东');
    await nameField.locator('.help.invalid').waitFor({ state: 'detached' });
    await staff.getByLabel('手机号', { exact: true }).fill('13900000099');
    await staff.getByLabel('职务（可不填）').fill('站长');
    await checkA11y();
    await page.screenshot({ path: `${SHOTS}/staff-form-phone.png`, fullPage: true });
    await staff.getByRole('button', { name: '授权', exact: true }).click();

    const handover = staff.locator('dialog.handover');
    await staff.getByRole('dialog', { name: '把邀请交给张卫东' }).waitFor();
    const words = await visibleText(handover);
    expect(words).toContain('已授权张卫东为都市春天小区的服务站站长');
    expect(words).toContain('请对方用手机扫码，设置自己的密码');
    expect(words).toMatch(/有效期至 \d{4}年\d{1,2}月\d{1,2}日（周.） ?\d{2}:\d{2}，只能使用一次。/);
    await handover.getByRole('img', { name: '给张卫东的邀请二维码' }).waitFor();
    const link = await handover.getByRole('textbox', { name: '邀请链接' }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/activate\\?code=[A-Z2-9]{10}$`));
    await checkA11y();
    await shoot('staff-grant-invitation', { fullPage: false });
    await handover.getByRole('button', { name: '复制链接' }).click();
    await handover.getByRole('button', { name: '已复制 ✓' }).waitFor();
    // On a small phone the dialog is longer than the screen: it scrolls inside itself, its closing
    // button held in view at the bottom from the start (not at the end of the scroll).
    await page.setViewportSize({ width: 360, height: 640 });
    await handover.evaluate((dialog) => dialog.scrollTo(0, 0));
    expect(await handover.evaluate((dialog) => dialog.scrollHeight > dialog.clientHeight)).toBe(true);
    const close = await handover.getByRole('button', { name: '已交给对方，关闭' }).boundingBox();
    expect(close!.y).toBeGreaterThan(0);
    expect(close!.y + close!.height).toBeLessThanOrEqual(640);
    await page.setViewportSize({ width: 360, height: 740 });

    // The person opens the link on their own phone.
    const theirs = await newPhonePage(browser);
    try {
      await theirs.goto(link);
      expect(new URL(theirs.url()).pathname).toBe('/activate');
      expect(new URL(theirs.url()).searchParams.get('code')).toBe(new URL(link).searchParams.get('code'));
    } finally {
      await theirs.context().close();
    }
    const lookup = await fetch(`${server.url}/api/activation/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: new URL(link).searchParams.get('code') }),
    });
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { kind: string }).kind).toBe('invitation');

    await handover.getByRole('button', { name: '已交给对方，关闭' }).click();
    await handover.waitFor({ state: 'hidden' });
    const group = staff.locator('section.place-group', { has: page.getByRole('heading', { name: '都市春天小区', exact: true }) });
    await group.locator('strong', { hasText: '张卫东' }).waitFor();
    expect(await visibleText(group)).toContain('未激活');

    // A new invitation for the pending person: another link, the first one stops working.
    await group.getByRole('button', { name: /重新发送邀请/ }).click();
    await staff.getByRole('dialog', { name: '把邀请交给张卫东' }).waitFor();
    expect(await visibleText(handover)).toContain('之前发出的邀请链接已经作废');
    const second = await handover.getByRole('textbox', { name: '邀请链接' }).inputValue();
    expect(second).not.toBe(link);
    await handover.getByRole('button', { name: '已交给对方，关闭' }).click();
    await handover.waitFor({ state: 'hidden' });
  });

  test('grants a building head and revokes it after a confirmation that names person, role and place; both are on the record', async () => {
    const staff = page.locator('yishi-staff-page');
    await chooseOption(staff, 'place', '都市春天小区 2栋');
    // A building takes one role only: it is chosen already.
    expect(await visibleText(staff.locator('form'))).toContain('送激活信、帮老人激活账号和投票');
    await staff.getByLabel('姓名', { exact: true }).fill('钱玉兰');
    await staff.getByLabel('手机号', { exact: true }).fill('13900002001');
    await staff.getByRole('button', { name: '授权', exact: true }).click();
    const handover = staff.locator('dialog.handover');
    await staff.getByRole('dialog', { name: '把邀请交给钱玉兰' }).waitFor();
    await handover.getByRole('button', { name: '已交给对方，关闭' }).click();
    await handover.waitFor({ state: 'hidden' });

    const group = staff.locator('section.place-group', { has: page.getByRole('heading', { name: '都市春天小区 2栋', exact: true }) });
    await group.locator('strong', { hasText: '钱玉兰' }).waitFor();
    await checkA11y();
    await shoot('staff-list', { part: staff.locator('section.staff-list') });

    await group.getByRole('button', { name: /撤销/ }).click();
    const confirm = staff.locator('dialog.revoke-dialog');
    await staff.getByRole('dialog', { name: '撤销授权？' }).waitFor();
    expect(await visibleText(confirm)).toContain('撤销后，钱玉兰将不再是都市春天小区 2栋的楼栋长。');
    await checkA11y();
    await page.screenshot({ path: `${SHOTS}/staff-revoke-phone.png` });
    // Cancelling keeps the grant.
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await json<StaffOverview>('GET', '/api/staff')).grants.some((g) => g.name === '钱玉兰')).toBe(true);

    await group.getByRole('button', { name: /撤销/ }).click();
    await confirm.getByRole('button', { name: '撤销授权' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => visibleText(staff)).not.toContain('都市春天小区 2栋 钱玉兰');
    expect((await json<StaffOverview>('GET', '/api/staff')).grants.some((g) => g.name === '钱玉兰')).toBe(false);

    const record = await grantRecordRows(staff);
    expect(record).toContainEqual([expect.any(String), '撤销', '钱玉兰', '楼栋长', '都市春天小区 2栋', ADMIN.name]);
    expect(record).toContainEqual([expect.any(String), '授权', '钱玉兰', '楼栋长', '都市春天小区 2栋', ADMIN.name]);
    expect(record).toContainEqual([expect.any(String), '授权', '张卫东', '服务站站长', '都市春天小区', ADMIN.name]);

    // On a phone the record is a card per event, each value beside its column's name: nothing hidden off to the side.
    const desk = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await expectGrantRecordAsCards(staff);
      await shoot('staff-record-phone');
    } finally {
      await page.setViewportSize(desk);
    }
  });

  test('prints the letters of one building (a PDF, one letter per person there) and issues a one-time code in person', async () => {
    await printLettersAndIssueCode({ page, server, compoundId: ids.dsct, json, checkA11y, shoot });
  });

  test('the home checklist ticks what is done, per compound', async () => {
    await page.goto(`${server.url}/`);
    const checklist = page.locator('yishi-setup-checklist');
    await checklist.getByRole('heading', { name: '开始使用' }).waitFor();
    const step = (n: number) => visibleText(checklist.locator(`li[data-step="${n}"]`));
    expect(await step(1)).toContain('已完成');
    expect(await step(1)).toContain('已有 1 个社区、2 个小区');
    expect(await step(2)).toContain('都市春天小区：已导入 5 套房屋');
    expect(await step(2)).toContain('翠苑小区：去导入');
    expect(await step(2)).toContain('待完成');
    expect(await step(3)).toContain('都市春天小区：服务站已有 1 人');
    expect(await step(3)).toContain('翠苑小区：授权服务站站长');
    expect(await step(4)).toContain('都市春天小区：已打印 1/2 栋');
    expect(await step(4)).toContain('翠苑小区：导入花名册后打印');
    expect(await checklist.getByRole('link', { name: '翠苑小区：授权服务站站长' }).getAttribute('href')).toBe(
      `/staff?place=${encodeURIComponent(`compound:${ids.cy}`)}`,
    );
    await checkA11y();
    await shoot('home-checklist');

    // The checklist's link opens the staff form at that compound.
    await checklist.getByRole('link', { name: '翠苑小区：授权服务站站长' }).click();
    const staff = page.locator('yishi-staff-page');
    await staff.getByRole('heading', { level: 2, name: '授予角色' }).waitFor();
    await expect.poll(() => staff.locator('select[name="place"]').evaluate((el) => (el as HTMLSelectElement).value)).toBe(`compound:${ids.cy}`);
  });

  test('the pages speak English too', async () => {
    await page.evaluate(() => localStorage.setItem('yishi.locale', 'en'));
    try {
      await page.goto(`${server.url}/admin/places`);
      await page.locator('yishi-places-page').getByRole('heading', { level: 1, name: 'Communities and compounds' }).waitFor();
      await page.goto(`${server.url}/staff`);
      await page.locator('yishi-staff-page').getByRole('heading', { level: 2, name: 'Grant a role' }).waitFor();
      expect(await visibleText(page, 'yishi-staff-page')).toContain('Record of grants and revocations');
      await page.goto(`${server.url}/compounds/${ids.dsct}/activation`);
      const activation = page.locator('yishi-activation-page');
      await activation.getByRole('heading', { level: 1, name: /Account activation/ }).waitFor();
      expect(await visibleText(activation)).toContain('0 of 3 people activated (0%)');
      await checkA11y();
    } finally {
      await page.evaluate(() => localStorage.setItem('yishi.locale', 'zh-CN'));
    }
  });
});
