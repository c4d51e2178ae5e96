/**
 * From nothing to a result, the way a subdistrict adopts Yishi: a real server process on an EMPTY
 * database (YISHI_SEED_DEMO=0), real Chromium for every page, and nothing written to the database
 * except through the product. The setup link and the development SMS codes are read from the
 * server's own log, as an installer and a developer would.
 *
 *   setup link → administrator → community and compound → roster by CSV, then by XLSX (with a title
 *   row and units) → a station chief granted, who activates by invitation → activation letters as a
 *   PDF (text read back, QR code decoded) → one owner activates by the letter's code, another by an
 *   SMS code → the chief opens a vote with art. 278's thresholds, both owners vote, it closes with
 *   the right result → an owners'-assembly vote is announced on the same roster, its roll published for
 *   checking, and voting refused before the notice period ends → the chief holds an evening talk: owner
 *   A asks from his phone (an empty question is refused, in words, under the field), the chief answers
 *   it on the spot in the meeting room.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chooseOption, expectNoSeriousA11yViolations, launchBrowser, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { newTestDatabase, type TestDatabase } from '../support/database.js';
import { pdfQrCodes, pdfText } from '../support/pdf.js';
import { WEB_DIST } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/journey';
mkdirSync(SHOTS, { recursive: true });

const ADMIN = { subdistrict: '秀江街道', name: '李红梅', phone: '13700000001', password: 'xiujiang-jiedao-2026' };
const CHIEF = { name: '陈志强', phone: '13700000003', password: 'dsct-zhanzhang-2026' };
const OWNER_A = { name: '王建国', phone: '13800000001', password: 'wang-301-chuntian' };
const OWNER_B = { name: '刘洋', phone: '13800000002' };

let database: TestDatabase;
let server: ChildServer;
let browser: Browser;
/** One browser context per person, as each has their own phone. */
const pages = new Map<string, Page>();
let compoundId = '';
let voteId = '';
let letterLink = '';

async function pageOf(who: string, desktop = false): Promise<Page> {
  let page = pages.get(who);
  if (!page) {
    page = await newPhonePage(browser, desktop ? { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 } : {});
    pages.set(who, page);
  }
  return page;
}

/** The newest line of the server's log that matches, waited for (the log is written as things happen). */
async function fromLog(pattern: RegExp): Promise<RegExpExecArray> {
  let match: RegExpExecArray | null = null;
  await expect.poll(() => (match = [...server.output().matchAll(new RegExp(pattern, 'g'))].at(-1) ?? null), { timeout: 10_000 }).not.toBeNull();
  return match!;
}

async function activationFinish(page: Page, password: string | null): Promise<void> {
  const activate = page.locator('yishi-activate-page');
  await activate.getByRole('button', { name: '下一步' }).click();
  const consent = page.getByRole('checkbox', { name: '我已阅读并同意' });
  await consent.click();
  expect(await consent.isChecked()).toBe(true);
  await activate.getByRole('button', { name: '下一步' }).click();
  if (password === null) {
    await page.getByRole('radio', { name: '不设密码，以后用短信验证码登录' }).click();
  } else {
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('再次输入密码').fill(password);
  }
  await activate.getByRole('button', { name: '完成激活' }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

async function vote(page: Page, choice: string): Promise<string> {
  await page.goto(`${server.url}/votes/${voteId}`);
  await page.getByRole('button', { name: '开始投票' }).click();
  await page.getByRole('radio', { name: new RegExp(choice) }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '确认投票' }).click();
  await page.getByRole('heading', { name: /投票成功/ }).waitFor();
  return ((await page.locator('.receipt').textContent()) ?? '').trim();
}

beforeAll(async () => {
  database = await newTestDatabase();
  server = await spawnServer({
    dbPath: database.url,
    seedDemo: false,
    env: { YISHI_WEB_DIST: WEB_DIST, YISHI_SMS_PROVIDER: undefined, YISHI_PUBLIC_URL: undefined },
  });
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await database?.drop();
});

describe('from an empty database to the first vote, in the browser', () => {
  test('the log gives a one-time setup link; the setup page creates the subdistrict and its administrator', async () => {
    const [, link] = await fromLog(/\[yishi setup\] (\S+)/);
    expect(link).toMatch(new RegExp(`^${server.url}/setup\\?token=[\\w-]{30,}$`));
    const page = await pageOf('admin', true);
    // Before it, the login page says nobody can log in yet and what comes first.
    await page.goto(`${server.url}/login`);
    await page
      .locator('yishi-login-page')
      .getByText(/这个平台还没有完成初始设置/)
      .waitFor();
    await page.goto(link!);
    const setup = page.locator('yishi-setup-page');
    await setup.getByLabel('街道名称').fill(ADMIN.subdistrict);
    await setup.getByLabel('管理员姓名').fill(ADMIN.name);
    await setup.getByLabel('手机号').fill(ADMIN.phone);
    await setup.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await setup.getByLabel('再次输入密码').fill(ADMIN.password);
    await expectNoSeriousA11yViolations(page);
    await setup.getByRole('button', { name: '完成设置并登录' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('yishi-setup-checklist').getByRole('heading', { name: '开始使用' }).waitFor();

    // The link is dead now: opening it again says setup is done.
    const other = await pageOf('stranger');
    await other.goto(link!);
    await other.getByRole('heading', { name: '系统已完成初始设置' }).waitFor();
    // And the login page no longer says it is missing.
    const status = other.waitForResponse((res) => res.url().endsWith('/api/setup/status'));
    await other.goto(`${server.url}/login`);
    expect(await (await status).json()).toEqual({ needed: false });
    await other.locator('yishi-login-page').getByRole('heading', { name: '登录议事' }).waitFor();
    expect(
      await other
        .locator('yishi-login-page')
        .getByText(/还没有完成初始设置/)
        .count(),
    ).toBe(0);
  });

  test('the administrator adds a community and a compound with its notice-board address', async () => {
    const page = await pageOf('admin', true);
    await page.goto(`${server.url}/admin/places`);
    const places = page.locator('yishi-places-page');
    await places.getByLabel('社区名称').fill('宜阳社区');
    await places.getByRole('button', { name: '添加社区' }).click();
    await places.getByRole('heading', { level: 3, name: '宜阳社区' }).waitFor();
    await places.getByRole('button', { name: '添加小区 · 宜阳社区' }).click();
    const dialog = places.getByRole('dialog', { name: '在宜阳社区添加小区' });
    await dialog.getByLabel('小区名称', { exact: true }).fill('都市春天小区');
    await dialog.getByLabel('小区代码', { exact: true }).fill('dsct');
    await dialog.getByLabel('公示栏地址', { exact: true }).fill('宜阳路 88 号服务站门口');
    await dialog.getByRole('button', { name: '添加小区' }).click();
    const row = places.locator('li[data-compound="DSCT"]');
    await row.waitFor();
    compoundId = (await row.getByRole('link', { name: '小区概况' }).getAttribute('href'))!.split('/').at(-1)!;
    expect(compoundId).toMatch(/^\w{16}$/);
  });

  test('the roster goes in as CSV, then the office’s Excel file (a title row, ㎡ in the heading and the values) adds to it', async () => {
    const page = await pageOf('admin', true);
    const roster = page.locator('yishi-roster-import-page');
    const importFile = async (file: { name: string; mimeType: string; buffer: Buffer }, expected: RegExp) => {
      await page.goto(`${server.url}/compounds/${compoundId}/roster`);
      await roster.getByRole('heading', { level: 1, name: /花名册导入/ }).waitFor();
      await roster.locator('input[type=file]').setInputFiles(file);
      await roster.getByRole('heading', { name: '检查通过：导入后将会' }).waitFor();
      expect(await visibleText(roster)).toMatch(expected);
      await roster.getByRole('button', { name: '导入此文件…' }).click();
      await roster.getByRole('dialog', { name: '确认导入花名册？' }).getByRole('button', { name: '确认导入' }).click();
      await roster.getByRole('status').filter({ hasText: '导入成功' }).waitFor();
    };
    const csv = ['楼栋,单元,房号,面积,业主,手机', `1,1,301,89.56,${OWNER_A.name},${OWNER_A.phone}`, `1,1,302,90.12,${OWNER_B.name},${OWNER_B.phone}`].join(
      '\r\n',
    );
    await importFile({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }, /新增房屋\s*2/);

    const sheet = [
      [{ value: '都市春天小区业主花名册（2026年12月）' }],
      ['楼栋', '单元', '房号', '建筑面积（㎡）', '业主', '手机'].map((value) => ({ value })),
      ...[
        ['1', '1', '301', '89.56㎡', OWNER_A.name, OWNER_A.phone],
        ['1', '1', '302', '90.12㎡', OWNER_B.name, OWNER_B.phone],
        ['1', '2', '401', '85.00㎡', '赵秀兰', '13800000004'],
      ].map((cells) => cells.map((value) => ({ value }))),
    ];
    const xlsx = await writeXlsxFile(sheet as SheetData).toBuffer();
    await importFile({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx }, /新增房屋\s*1/);
  });

  test('a station chief is granted on the staff page and activates by the invitation', async () => {
    const page = await pageOf('admin', true);
    await page.goto(`${server.url}/staff`);
    const staff = page.locator('yishi-staff-page');
    await staff.getByRole('heading', { level: 2, name: '授予角色' }).waitFor();
    await chooseOption(staff, 'place', '都市春天小区（整个小区）');
    await chooseOption(staff, 'role', '服务站站长');
    await staff.getByLabel('姓名', { exact: true }).fill(CHIEF.name);
    await staff.getByLabel('手机号', { exact: true }).fill(CHIEF.phone);
    await staff.getByRole('button', { name: '授权', exact: true }).click();
    const link = await staff
      .getByRole('dialog', { name: `把邀请交给${CHIEF.name}` })
      .getByRole('textbox', { name: '邀请链接' })
      .inputValue();

    const chief = await pageOf('chief');
    await chief.goto(link);
    const greeting = chief.locator('yishi-activate-page .greeting');
    await greeting.waitFor();
    expect(await visibleText(greeting)).toContain('您被授予：都市春天小区 · 服务站站长');
    await activationFinish(chief, CHIEF.password);
    await chief.locator('main').getByText('服务站站长').first().waitFor();
  });

  test('the chief prints the activation letters: a PDF whose text and QR codes carry each household’s code', async () => {
    const page = await pageOf('chief');
    await page.goto(`${server.url}/compounds/${compoundId}/activation`);
    const activation = page.locator('yishi-activation-page');
    const building = activation.locator('section.building[data-building="1"]');
    await building.getByRole('button', { name: /打印激活信/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      activation.locator('dialog.confirm-print').getByRole('button', { name: '生成并下载 PDF' }).click(),
    ]);
    const pdf = new Uint8Array(readFileSync((await download.path())!));
    const text = pdfText(pdf);
    expect(text).toContain('都市春天小区 1栋1单元301');
    expect(text).toContain('王*国');
    const codes = [...text.matchAll(/\b([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})\b/g)].map((m) => m[1]! + m[2]!);
    expect(codes).toHaveLength(3);
    const qr = pdfQrCodes(pdf, 1);
    // 301 is the first letter (delivery order): its QR code opens activation with its printed code.
    expect(qr[0]).toBe(`${server.url}/activate?code=${codes[0]}`);
    letterLink = qr[0]!;
  });

  test('王建国 scans his letter and activates with a password; 刘洋 activates with an SMS code and no password', async () => {
    const a = await pageOf('ownerA');
    await a.goto(letterLink);
    const greeting = a.locator('yishi-activate-page .greeting');
    await greeting.waitFor();
    expect(await visibleText(greeting)).toContain('1栋1单元301');
    await activationFinish(a, OWNER_A.password);

    const b = await pageOf('ownerB');
    await b.goto(`${server.url}/activate`);
    await b.getByRole('tab', { name: '用手机号' }).click();
    await b.getByLabel('手机号', { exact: true }).fill(OWNER_B.phone);
    await b.getByRole('button', { name: '获取验证码' }).click();
    const [, code] = await fromLog(new RegExp(`\\[yishi sms:log\\] to ${OWNER_B.phone}: 您的议事平台验证码为(\\d{6})`));
    await b.getByLabel('短信验证码', { exact: true }).fill(code!);
    // The SMS code greets the owner by masked name and flat before she goes on, as a letter code does.
    await b.locator('yishi-activate-page').getByRole('button', { name: '核对验证码' }).click();
    await b.locator('yishi-activate-page .greeting').waitFor();
    await activationFinish(b, null);
  });

  test("the chief opens a vote with art. 278's thresholds; both owners vote on their phones; it closes with the right result", async () => {
    const chief = await pageOf('chief');
    await chief.goto(`${server.url}/compounds/${compoundId}/votes/new`);
    await chief.getByLabel('表决事项').fill('使用专项维修资金维修1栋屋面防水');
    // An art. 278 vote itself opens no sooner than 15 days after its notice (vote-timeline-browser.test.ts);
    // today's vote takes its thresholds as a custom rule: 2/3 of area and heads take part, more than half approve.
    await chooseOption(chief.locator('yishi-vote-create-page'), 'rule', '自定义比例');
    await chief.getByLabel('参与比例下限（如 2/3，可不填）').fill('2/3');
    await chief.getByRole('button', { name: '创建表决' }).click();
    // Opening at once texts the owners: asked first, with how many.
    await expect.poll(() => visibleText(chief, 'yishi-vote-create-page')).toMatch(/现在开始表决，并通知 \d+ 位业主/);
    await chief.getByRole('button', { name: '开始并通知' }).click();
    await chief.waitForURL(/\/votes\/[^/]+\/manage$/);
    voteId = new URL(chief.url()).pathname.split('/')[2]!;
    await chief.getByRole('heading', { name: /已投票 0 户 \/ 共 3 户/ }).waitFor();

    expect(await vote(await pageOf('ownerA'), '同意')).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await vote(await pageOf('ownerB'), '同意')).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    await chief.goto(`${server.url}/votes/${voteId}/manage`);
    await chief.getByRole('heading', { name: /已投票 2 户 \/ 共 3 户/ }).waitFor();
    await chief.getByRole('button', { name: '立即结束并计票' }).click();
    await chief.getByRole('button', { name: '立即结束并计票' }).last().click();
    await chief.getByRole('heading', { name: '表决结果', exact: true }).waitFor();
    await chief.screenshot({ path: `${SHOTS}/result.png`, fullPage: true });

    // Two of three owners took part with 179.68 of 264.68 ㎡: heads 2/3 ≥ 2/3 and area 67.89% ≥ 2/3;
    // both approved, more than half of the participating area and heads: art. 278 para. 2 is met.
    // A secret vote of two: the approval figures would show each flat's choice, so only the verdict is published.
    const result = await chief.request.get(`${server.url}/api/votes/${voteId}`);
    const body = (await result.json()) as {
      result: {
        passed: boolean;
        participation: unknown;
        electorate: unknown;
        checks: Array<{ key: string; ok: boolean }>;
        options: Array<{ areaCenti: number | null }>;
        totalsWithheld: { minVoters: number } | null;
      };
    };
    expect(body.result.participation).toEqual({ ballots: 2, heads: 2, areaCenti: 17968 });
    expect(body.result.electorate).toEqual({ voters: 3, heads: 3, areaCenti: 26468 });
    expect(body.result.checks.map((c) => [c.key, c.ok])).toEqual([
      ['participation_area', true],
      ['participation_heads', true],
    ]);
    expect(body.result.options.every((o) => o.areaCenti === null)).toBe(true);
    expect(body.result.totalsWithheld?.minVoters).toBe(10);
    expect(body.result.passed).toBe(true);
    const shown = await visibleText(chief);
    expect(shown).toContain('表决通过');
    expect(shown).toContain('为保护投票秘密，不公布各选项的票数、人数和面积');
  });

  test("an owners'-assembly vote on the new roster: the chief announces it, owner A finds his flat on the published roll, and voting cannot open before the notice period ends", async () => {
    const chief = await pageOf('chief');
    await chief.goto(`${server.url}/compounds/${compoundId}/votes/new`);
    await chief.getByText(/须先发布投票通知公告，公告满 15 日后方可开始投票/).waitFor();
    await chief.getByLabel('表决事项').fill('选聘新的物业服务企业');
    // A draft that texts nobody yet (its notice is published from the manage page): nothing to confirm.
    await chief.getByRole('button', { name: '创建表决' }).click();
    await chief.waitForURL(/\/votes\/[^/]+\/manage$/);
    const statutoryId = new URL(chief.url()).pathname.split('/')[2]!;
    await chief.getByRole('button', { name: '发布投票通知公告' }).click();
    await chief.locator('yishi-vote-stepper dialog').getByRole('button', { name: '确认发布' }).click();
    await chief.locator('yishi-vote-timeline .summary', { hasText: /^投票将于/ }).waitFor();
    // The next step waits for the notice period, and the server says until when.
    expect(await chief.getByRole('button', { name: '开始投票' }).isDisabled()).toBe(true);
    const refused = await chief.request.post(`${server.url}/api/votes/${statutoryId}/open`, { headers: { origin: server.url } });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /公告满 15 日后方可开始投票.*最早可于 \d{4}-\d\d-\d\d \d\d:\d\d 开始投票/,
    );

    // The roll frozen from the imported roster, published for checking: owner A's flat is his.
    const a = await pageOf('ownerA');
    await a.goto(`${server.url}/votes/${statutoryId}/roll-check`);
    await a.getByRole('heading', { level: 1, name: '表决名册核对' }).waitFor();
    await a.locator('li.mine').first().waitFor();
    expect(await a.locator('li.mine').first().textContent()).toContain(`登记业主：${OWNER_A.name}`);
    expect(await a.locator('ul.roll > li').count()).toBe(3);
  });

  test('an evening talk in the meeting room: the chief opens it, owner A asks from his phone, the chief answers on the spot', async () => {
    const chief = await pageOf('chief');
    await chief.goto(`${server.url}/compounds/${compoundId}/meetings`);
    await chooseOption(chief.locator('yishi-meetings-list-page'), 'kind', '居民夜谈');
    await chief.getByLabel('会议名称').fill('秋季居民夜谈');
    await chief.getByLabel('开始时间').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16));
    await chief.getByLabel('地点').fill('服务站');
    await chief.getByRole('button', { name: '保存为草稿' }).click();
    await chief.waitForURL(/\/meetings\/[^/]+$/);
    const talkId = new URL(chief.url()).pathname.split('/')[2]!;
    // The notice goes out to people only once confirmed, and an empty agenda is said before it does.
    await chief.getByRole('button', { name: '发布会议通知' }).click();
    const publish = chief.getByRole('dialog', { name: '发布会议通知' });
    await publish.getByText('议程还是空的').waitFor();
    await chief.screenshot({ path: `${SHOTS}/publish-notice-dialog.png` });
    await publish.getByRole('button', { name: '确定发布' }).click();
    await chief.getByRole('button', { name: '开始会议（锁定议程）' }).click();
    await chief.getByRole('dialog', { name: '开始会议' }).getByRole('button', { name: '确定开始' }).click();
    await chief.getByText('会议进行中').first().waitFor();

    // Owner A on his phone, from the board's link: nothing chosen for him, an empty question refused in words.
    const a = await pageOf('ownerA');
    await a.goto(`${server.url}/meetings/${talkId}/ask`);
    const form = a.locator('yishi-question-form');
    await form.getByRole('button', { name: '提交问题' }).click();
    await form.locator('p.help.invalid').first().waitFor();
    expect(await form.getByLabel('类别', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('问题内容').fill('小区东门晚上没有路灯');
    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    await a.getByText(/您的问题已提交，编号 1/).waitFor();
    await a.screenshot({ path: `${SHOTS}/ask-phone.png`, fullPage: true });
    await setElderModeSwitch(a, true);
    await a.screenshot({ path: `${SHOTS}/ask-phone-elder.png`, fullPage: true });
    await expectNoSeriousA11yViolations(a);

    // The chief, in the meeting room: the question is there; answered on the spot, in her name.
    await chief.reload();
    const question = chief.locator('li.question', { hasText: '小区东门晚上没有路灯' });
    await question.getByRole('button', { name: '现场答复' }).click();
    await question.getByLabel('答复内容').fill('物业本周内装好路灯');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('已现场答复').waitFor();
    expect(await question.textContent()).toContain(CHIEF.name);
    await chief.screenshot({ path: `${SHOTS}/meeting-room-phone.png`, fullPage: true });
    await setElderModeSwitch(chief, true);
    await chief.screenshot({ path: `${SHOTS}/meeting-room-phone-elder.png`, fullPage: true });
    await setElderModeSwitch(chief, false);
  });
});
