/**
 * In a real Chromium on a 360×740 phone, the demo owner 王建国 (yezhu), who owns two flats
 * (1栋1单元301 and 2栋2单元502): the vote page shows each flat's status; voting for one flat ends
 * by saying the other has not voted and offers to vote for it; "the same choice for all my units"
 * is one confirmation that casts a ballot per flat, each with its own receipt, while the tally
 * counts him once. Then the smaller things around it: the votes list says the verdict once, and the
 * receipts page before closing says when the codes will be published instead of an error.
 *
 * Screenshots (the vote page beside the end of the flow, normal and elder mode) go to
 * $YISHI_ARTIFACTS (default /tmp/yishi-artifacts): vote-flow-phone.png, vote-flow-phone-elder.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { voteEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const TITLE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let dsct: string;
let voteId: string;
let staff: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === TITLE && v.status === 'open')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const main = (page: Page) => visibleText(page, 'main');
const myUnits = (page: Page) => visibleText(page.locator('.my-units').first());

/** Two screenshots side by side, as one picture: the vote page and the end of the flow. */
function besideEachOther(left: Buffer, right: Buffer): Buffer {
  const [a, b] = [PNG.sync.read(left), PNG.sync.read(right)];
  const gap = 24;
  const out = new PNG({ width: a.width + gap + b.width, height: Math.max(a.height, b.height) });
  out.data.fill(255);
  PNG.bitblt(a, out, 0, 0, a.width, a.height, 0, 0);
  PNG.bitblt(b, out, 0, 0, b.width, b.height, a.width + gap, 0);
  return PNG.sync.write(out);
}

async function turnout(id: string) {
  return (await staff.ok(voteEndpoints.get, { params: { voteId: id } })).turnout!.participation;
}

/** Every button the owner taps on the vote page is at least 48 px high and wide. */
async function expectTapTargets(page: Page, min: number): Promise<void> {
  const small = await page.locator('yishi-vote-page').evaluate((host, least) => {
    const root = host.shadowRoot!;
    const targets = Array.from(root.querySelectorAll<HTMLElement>('button, a, sl-button'));
    return targets
      .map((el) => ({ text: el.textContent?.trim() ?? '', box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < least || box.width < least))
      .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`);
  }, min);
  expect(small).toEqual([]);
}

describe('an owner of two flats votes on a phone', () => {
  let overviewShot: Buffer;

  test('the vote page shows each flat; voting for one ends by saying the other has not voted', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('heading', { name: /我的房屋/ }).waitFor();
      expect(await myUnits(page)).toContain('1栋1单元301：○ 未投票');
      expect(await myUnits(page)).toContain('2栋2单元502：○ 未投票');
      // Live turnout against the 2/3 of art. 278, with the exact fraction beside the percentage.
      expect(await main(page)).toMatch(/参与表决人数 \d+ \/ 114 人（\d+\.\d{2}%），需 ≥ 2\/3，还差 \d+ 人/);
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('button', { name: '开始投票' }).click();
      await page.getByText('您有 2 套房屋，请选择为哪一套投票').waitFor();
      await page.getByRole('button', { name: /^1栋1单元301/ }).click();
      await page.getByRole('radio', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: '请确认您的选择' }).waitFor();
      await page.getByRole('button', { name: '确认投票' }).click();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();

      // The end of the flow: the receipt, both flats' status, and the way on to the other flat.
      expect((await page.locator('.receipt').textContent())?.trim()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await main(page)).toContain('2栋2单元502 还没有投票');
      expect(await myUnits(page)).toContain('1栋1单元301：✓ 已投票');
      expect(await myUnits(page)).toContain('2栋2单元502：○ 未投票');
      await page.getByRole('button', { name: '为 2栋2单元502 投票' }).waitFor();
      await expectNoSeriousA11yViolations(page);

      // Back on the vote page the button no longer says "start": one flat is still to vote.
      await page.getByRole('button', { name: '返回表决页' }).click();
      await page.getByRole('button', { name: '继续投票：还有 1 套未投' }).waitFor();
      expect(await page.getByRole('button', { name: '开始投票' }).count()).toBe(0);
      await poll(() => myUnits(page)).toMatch(/1栋1单元301：✓ 已投票 回执码：[0-9A-Z-]{14}/);
      expect(await myUnits(page)).toContain('2栋2单元502：○ 未投票');
      await expectNoSeriousA11yViolations(page);
      overviewShot = await page.screenshot({ fullPage: true });
    });
  });

  test('the same choice for all my flats: one confirmation, a ballot and a receipt each, and the owner counted once', async () => {
    const before = await turnout(voteId);
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('button', { name: '修改选票' }).click();
      await page.getByRole('button', { name: '全部 2 套房屋选同一项' }).click();
      await page.getByText('为 1栋1单元301、2栋2单元502 投票').waitFor();
      await page.getByRole('radio', { name: /反对/ }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByText('同一选择，为以下 2 套房屋各投一票：').waitFor();
      expect(await page.locator('.confirm-units li').allTextContents()).toEqual(['1栋1单元301', '2栋2单元502']);
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: '确认投票' }).click();

      await page.getByRole('heading', { name: '✓ 投票成功：2 套房屋' }).waitFor();
      const codes = (await page.locator('.receipt').allTextContents()).map((c) => c.trim());
      expect(codes).toHaveLength(2);
      expect(new Set(codes).size).toBe(2);
      expect(await page.locator('.receipt-for').allTextContents()).toEqual(['1栋1单元301 的回执码', '2栋2单元502 的回执码']);
      expect(await myUnits(page)).toContain('1栋1单元301：✓ 已投票');
      expect(await myUnits(page)).toContain('2栋2单元502：✓ 已投票');
      expect(await main(page)).not.toContain('还没有投票');
      await expectNoSeriousA11yViolations(page);
      writeFileSync(join(ARTIFACTS, 'vote-flow-phone.png'), besideEachOther(overviewShot, await page.screenshot({ fullPage: true })));

      // The votes list says it too, per flat.
      await page.goto(`${server.url}/compounds/${dsct}/votes`);
      const article = page.locator('article', { has: page.getByRole('link', { name: TITLE }) });
      await poll(() => visibleText(article)).toContain('1栋1单元301：✓ 已投票');
      expect(await visibleText(article)).toContain('2栋2单元502：✓ 已投票');
      // Both voted: the way in offers to look or change, not to vote.
      expect(await article.getByRole('link').allTextContents()).toEqual([TITLE, '查看或修改选票']);
    });
    // 301's ballot was replaced and 502's added: one more ballot, and the owner's head was already counted.
    const after = await turnout(voteId);
    expect(after.ballots).toBe(before.ballots + 1);
    expect(after.heads).toBe(before.heads);
  });

  test('in elder mode, with large tap targets', async () => {
    const { id } = await staff.ok(voteEndpoints.create, {
      params: { compoundId: dsct },
      body: {
        title: '小区东门增设快递柜',
        kind: 'yes_no',
        rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 3, den: 4 }, approvalComparison: 'at_least' },
        closesAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      },
    });
    await staff.ok(voteEndpoints.open, { params: { voteId: id } });
    const heads = (await turnout(id)).heads;
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${id}`);
      await setElderModeSwitch(page, true);
      await page.getByRole('heading', { name: /我的房屋/ }).waitFor();
      await expectTapTargets(page, 48);
      await page.getByRole('button', { name: '开始投票' }).click();
      await page.getByRole('button', { name: '全部 2 套房屋选同一项' }).waitFor();
      await expectTapTargets(page, 48);
      await page.getByRole('button', { name: /^2栋2单元502/ }).click();
      await page.getByRole('radio', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('button', { name: '确认投票' }).click();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();
      expect(await main(page)).toContain('1栋1单元301 还没有投票');
      await expectTapTargets(page, 48);
      await expectNoSeriousA11yViolations(page);
      const end = await page.screenshot({ fullPage: true });
      await page.getByRole('button', { name: '返回表决页' }).click();
      await page.getByRole('button', { name: '继续投票：还有 1 套未投' }).waitFor();
      await poll(() => myUnits(page)).toContain('2栋2单元502：✓ 已投票');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      writeFileSync(join(ARTIFACTS, 'vote-flow-phone-elder.png'), besideEachOther(await page.screenshot({ fullPage: true }), end));
    });
    expect((await turnout(id)).heads).toBe(heads + 1);
  });
});

describe('around the vote', () => {
  test('the votes list says a verdict once, in words beside the glyph', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/compounds/${dsct}/votes`);
      const failed = page.locator('article', { has: page.getByRole('link', { name: '续筹专项维修资金（每平方米 20 元）' }) });
      await poll(() => visibleText(failed)).toContain('✗ 未通过：同意面积占参与表决面积未达到要求');
      const text = await main(page);
      expect(text).not.toMatch(/未通过[：:]\s*未通过/);
      expect(text).not.toMatch(/通过[：:]\s*表决通过/);
      expect(text).toContain('✓ 当选：何秀英');
      // A result still in its objection period says it is the preliminary count; a vote announced, when voting opens.
      const preliminary = page.locator('article', { has: page.getByRole('link', { name: '1栋加装电梯' }) });
      expect(await visibleText(preliminary)).toContain('这是初步统计结果：询异期满、异议处理完毕后公布最终结果。');
      expect(await visibleText(failed)).not.toContain('初步统计');
      const announced = page.locator('article', { has: page.getByRole('link', { name: '续聘物业服务企业（2027—2029 年）' }) });
      expect(await visibleText(announced)).toMatch(/投票开始：\d{4}年\d{1,2}月\d{1,2}日（周.） \d\d:\d\d，截止：/);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('a closed yes/no vote\'s result on a phone set to English: the page in Chinese, its options too, and the "yes" that passed not called elected', async () => {
    const { items } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
    const closed = items.find((v) => v.title === '使用专项维修资金更换2栋电梯')!;
    await withPhonePage(
      browser,
      async (page) => {
        await loginWithSessionCookie(page, server.url, 'yezhu');
        // Opened from its address: the vote comes in the page's HTML, asked for by the server, not by the app.
        await page.goto(`${server.url}/votes/${closed.id}`);
        const result = page.locator('yishi-vote-result');
        await poll(() => visibleText(result)).toContain('表决通过');
        const text = await visibleText(result);
        for (const label of ['同意', '反对', '弃权']) expect(text).toContain(label);
        expect(text).not.toMatch(/\b(Yes|No|Abstain)\b/);
        expect(text).not.toContain('当选');
        // The owner's own flats stay on the page once it closed, with whether each voted (and its receipt code to check
        // during the objection period).
        const mine = page.locator('.my-units li');
        expect(await mine.count()).toBe(2);
        for (const unit of await mine.allTextContents()) expect(unit).toMatch(/^\s*\d栋\d单元\d+：(✓ 已投票|○ 未投票)/);
        // Switched to English on the page, the options the server words follow, without a reload.
        await page.locator('yishi-app header button.language').click();
        await poll(() => visibleText(result)).toContain('Passed');
        await poll(() => visibleText(result)).toMatch(/\bYes\b[\s\S]*\bNo\b[\s\S]*\bAbstain\b/);
        expect(await visibleText(result)).not.toMatch(/同意|反对|弃权/);
      },
      { locale: 'en-US' },
    );
  });

  test('before closing, the receipts page says in words when the codes will be published', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/votes/${voteId}/receipts`);
      await page.getByRole('heading', { level: 1, name: '回执码公示' }).waitFor();
      await poll(() => main(page)).toMatch(/回执码将在表决结束（\d{4}年\d{1,2}月\d{1,2}日（周.） \d{2}:\d{2}）后公布/);
      const text = await main(page);
      expect(text).toContain(TITLE);
      expect(text).not.toContain('没能加载');
      expect(await page.locator('.alert.danger, .state-error').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
    });
  });
});
