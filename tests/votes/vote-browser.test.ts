/**
 * In a real Chromium on a 360×740 phone: the demo owner 王建国 opens the open vote, picks which of
 * his two flats he is voting for, chooses 同意, confirms, and sees his receipt code big; the station
 * chief closes the vote from the manage page; an anonymous visitor then finds the result with its
 * explanation on the public notice board and the receipt code in the published list.
 */
import { voteEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { demoActor } from '../../packages/server/src/seed/demo-actors.js';
import { enterDemoPaperBallot } from '../../packages/server/src/seed/paper-ballots.seed.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const TITLE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let dsct: string;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === TITLE && v.status === 'open')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const loginAs = loginWithSessionCookie;
const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

describe('voting on a phone', () => {
  let receipt = '';

  test('an owner votes one screen at a time, confirms, and sees the receipt code', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // Before voting, the page says in words what the secret ballot covers and what it does not.
      const secrecy = page.locator('section.secrecy');
      await secrecy.getByRole('heading', { name: '不记名投票保护什么，不保护什么' }).waitFor();
      const words = (await secrecy.textContent()) ?? '';
      expect(words).toContain('工作人员能看到哪些户已投票');
      expect(words).toContain('但看不到每户选了什么');
      expect(words).toContain('参与户数少于 10 户时，连各选项的票数、人数和面积也不公布');
      expect(words).toContain('您把回执码给谁看，谁就能在清单上查到您投了什么');
      await expectNoSeriousA11yViolations(page);
      // What the owner came to do comes first: the flats and the button, then the rule, the timeline and the explainer.
      const start = page.getByRole('button', { name: '开始投票' });
      const top = async (locator: typeof start) => (await locator.boundingBox())!.y;
      expect(await top(start)).toBeLessThan(await top(page.getByText('表决规则：', { exact: true })));
      expect(await top(start)).toBeLessThan(await top(secrecy));
      expect(await top(page.locator('section.my-units'))).toBeLessThan(await top(start));
      await start.click();
      // Two flats: first say which one (or all of them).
      await page.getByText('您有 2 套房屋，请选择为哪一套投票').waitFor();
      await page.getByRole('button', { name: /^1栋1单元301/ }).click();
      await page.getByRole('radio', { name: /同意/ }).click();
      expect(await page.getByRole('radio', { name: /同意/ }).getAttribute('aria-checked')).toBe('true');
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: '请确认您的选择' }).waitFor();
      expect(await page.locator('.confirm-choice').textContent()).toBe('同意');
      await page.getByRole('button', { name: '确认投票' }).click();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();
      receipt = ((await page.locator('.receipt').textContent()) ?? '').trim();
      expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // The receipt names its place in the ballot log, published after closing.
      await page.getByText(/^您的选票是本次投票日志中的第 \d+ 条记录$/).waitFor();
      // The receipt is big enough to read and copy: at least 28 px type on a 360 px screen.
      const size = await page.locator('.receipt').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(28);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('a paper slip staff entered says so, and voting online over it warns first; the answer to that ballot lost on the way (one bar of signal): the page says it may have arrived; tapping again shows the same receipt, and one ballot is counted', async () => {
    // The station deputy enters a paper slip for 王建国's other flat, the station chief confirms it.
    const flat502 = await server.deps.db
      .selectFrom('vote_electorate')
      .select('unit_id')
      .where('vote_id', '=', voteId)
      .where('label', '=', '2栋2单元502')
      .executeTakeFirstOrThrow();
    await enterDemoPaperBallot(server.deps, await demoActor(server.deps, 'fuzhan'), await demoActor(server.deps, 'zhanzhang'), voteId, {
      unitId: flat502.unit_id!,
      choices: ['yes'],
      slipNumber: 'K-900',
    });
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page
        .locator('section.my-units li')
        .filter({ hasText: /^\s*2栋2单元502：✓ 已投票（纸质选票，\d{4}年\d{1,2}月\d{1,2}日（周.）由工作人员登记）/ })
        .waitFor();
      // 继续投票 after the first test's ballot for 301: straight to the flat not yet voted for, 2栋2单元502 (开始投票 asks which).
      await page.locator('.nav button.primary').click();
      const flat = page.getByRole('button', { name: /^2栋2单元502/ });
      await flat
        .or(page.getByRole('radio', { name: /反对/ }))
        .first()
        .waitFor();
      if (await flat.isVisible()) await flat.click();
      await page.getByRole('radio', { name: /反对/ }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: '请确认您的选择' }).waitFor();
      await page.getByRole('note').filter({ hasText: '2栋2单元502 已有工作人员登记的纸质选票。确认后以这次网上投票为准，纸质选票不再计入。' }).waitFor();
      await page.screenshot({ path: '/tmp/vote-replaces-paper.png' });
      // The ballot reaches the server; its answer does not reach the phone.
      const isCast = (url: URL) => url.pathname === `/api/votes/${voteId}/ballots`;
      let delivered = 0;
      await page.route(isCast, async (route) => {
        const answer = await route.fetch();
        if (answer.status() === 201) delivered += 1;
        await route.abort('internetdisconnected');
      });
      await page.getByRole('button', { name: '确认投票' }).click();
      const unsure = page.getByRole('alert').filter({ hasText: '不确定选票是否已经送达' });
      await unsure.waitFor();
      expect(await unsure.textContent()).toContain('已送达的选票不会重复计算，回执码也不会变');
      expect(delivered).toBe(1);
      const ballotOf502 = () =>
        server.deps.db
          .selectFrom('ballots as b')
          .innerJoin('vote_electorate as e', (join) => join.onRef('e.vote_id', '=', 'b.vote_id').onRef('e.unit_id', '=', 'b.unit_id'))
          .select(['b.receipt_code', 'b.version'])
          .where('b.vote_id', '=', voteId)
          .where('e.label', '=', '2栋2单元502')
          .execute();
      const counted = await ballotOf502();
      expect(counted).toHaveLength(1);

      // Signal again: the same tap shows the receipt the server gave the first time, and nothing more is written.
      await page.unroute(isCast);
      await page.getByRole('button', { name: '确认投票' }).click();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();
      expect(((await page.locator('.receipt').textContent()) ?? '').trim()).toBe(counted[0]!.receipt_code);
      // It replaced the paper slip: the slip's code no longer counts.
      await page.getByText('之前的回执码已作废，请以这个新回执码为准。').waitFor();
      await page.screenshot({ path: '/tmp/vote-receipt-replaced.png', fullPage: true });
      expect(await ballotOf502()).toEqual(counted);
    });
  });

  test('the voting screens load in the background once the page is drawn; when they cannot load, the tap says why and works again later', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      // The voting screens' chunk fails to load while this route is in place, as on a lost signal.
      const isFlow = (url: URL) => /\/assets\/vote-flow-[\w-]+\.js$/.test(url.pathname);
      let asked = 0;
      await page.route(isFlow, async (route) => {
        asked += 1;
        await route.abort('internetdisconnected');
      });
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // Fetched without a tap, once the page was drawn.
      await expect.poll(() => asked, { timeout: 10_000 }).toBeGreaterThan(0);
      // 开始投票, or 继续投票 after the first test's ballot.
      const next = page.locator('.nav button.primary');
      await next.click();
      // The browser keeps a module that failed to load as failed until the page is loaded again: the page says so, and how.
      const failed = page.getByRole('alert').filter({ hasText: '投票页面没能加载完整' });
      await failed.waitFor();
      expect(await failed.textContent()).toContain('您还没有投出任何选票');
      expect(await page.getByRole('radio', { name: /同意/ }).count()).toBe(0);
      await failed.screenshot({ path: '/tmp/flow-unavailable.png' });
      // The network is back: 重新加载, and the same tap opens the voting screens.
      await page.unroute(isFlow);
      await failed.getByRole('button', { name: '重新加载' }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.locator('.nav button.primary').click();
      await page
        .getByText(/请选择为哪一套投票/)
        .or(page.getByRole('radio', { name: /同意/ }))
        .first()
        .waitFor();
      expect(await page.getByRole('alert').filter({ hasText: '投票页面没能加载完整' }).count()).toBe(0);
    });
  });

  test('a visitor without a ballot of their own here (the station chief) does not download the voting screens', async () => {
    await withPage(async (page) => {
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await loginAs(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // The proxy panel is fetched when the browser is idle, as the flow would be: once it has been asked for and the
      // network has gone quiet, the flow would have been asked for too.
      await expect.poll(() => asked.some((path) => /\/assets\/proxy-panel-[\w-]+\.js$/.test(path)), { timeout: 10_000 }).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(asked.filter((path) => /\/assets\/vote-flow-[\w-]+\.js$/.test(path))).toEqual([]);
    });
  });

  test('the station chief closes the vote from the manage page', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // The roll comes a page at a time (100 of the 120 units), the rest when its end scrolls into view; typing a number asks the server.
      const roll = page.locator('yishi-vote-roll');
      await roll.getByRole('button', { name: '已显示 100 条，加载更多' }).waitFor();
      await roll.getByRole('button', { name: '已显示 100 条，加载更多' }).scrollIntoViewIfNeeded();
      await roll.getByText('共 120 条，已全部显示').waitFor();
      expect(await roll.locator('tbody tr').count()).toBe(120);
      await roll.getByRole('searchbox', { name: '查找房屋' }).fill('1栋1单元301');
      await roll.getByText('共 1 条，已全部显示').waitFor();
      expect(await roll.locator('tbody tr').first().innerText()).toContain('1栋1单元301');
      await page.getByRole('button', { name: '立即结束并计票' }).click();
      await page.getByText('确定现在结束表决吗？结束后不能再投票。').waitFor();
      await page.getByRole('button', { name: '立即结束并计票' }).click();
      await page.getByRole('heading', { name: '表决结果', exact: true }).waitFor();
      expect(await page.getByText('已结束').first().isVisible()).toBe(true);
    });
  });

  test('the public board shows the result with its explanation, and the receipt is in the published list', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/board/${dsct}`);
      const section = page.locator('yishi-board-votes');
      await section.getByRole('heading', { name: TITLE }).waitFor();
      // The vote just closed, with its checks spelled out (text inside nested shadow roots).
      const article = section.locator('article', { has: page.getByRole('heading', { name: TITLE }) });
      await article.getByText(/^参与表决面积占比 \d+\.\d{2}% [<≥] 2\/3 [✓✗]（[\d.]+ \/ 14412\.30 平方米）$/).waitFor();
      await article.getByText(/^[✓✗] (表决通过|未通过)/).waitFor();
      await section.getByRole('heading', { name: '使用专项维修资金更换2栋电梯' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      // The chart's names are in the page's own type, and grow with it in elder mode (a drawing's did not).
      const chartType = () =>
        article
          .locator('.bars .name')
          .first()
          .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      const plain = await chartType();
      expect(plain).toBeGreaterThanOrEqual(15);
      await setElderModeSwitch(page, true);
      expect(await chartType()).toBeGreaterThan(plain);
      await setElderModeSwitch(page, false);

      await page.goto(`${server.url}/votes/${voteId}/receipts`);
      await page.getByLabel('输入您的回执码').fill(receipt.toLowerCase());
      await page.getByText('找到了：您的选票记为“同意”。').waitFor();
    });
  });

  test('an owner finds a proposal from the votes page and seconds it; the count goes up in words', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yeweihui');
      await page.goto(`${server.url}/compounds/${dsct}/votes`);
      await page.getByRole('heading', { level: 1, name: '表决' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('link', { name: '居民提案' }).click();
      await page.getByRole('link', { name: '东门增设快递柜' }).click();
      await page.getByText('已有 1 户附议').waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: '我附议' }).click();
      await page.getByText('已有 2 户附议').waitFor();
      await page.getByText('您家已附议').waitFor();
    });
  });

  test('staff create an art. 278 vote through the form: it proposes the opening after the 15-day notice, and the next step is the notice', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/compounds/${dsct}/votes/new`);
      await page.getByRole('heading', { level: 1, name: '发起表决' }).waitFor();
      await page.getByText(/须先发布投票通知公告，公告满 15 日后方可开始投票/).waitFor();
      // The few-way choices are radio rows, each read whole; the nine matters of art. 278 stay a select.
      expect(await page.getByRole('group', { name: '通过规则' }).getByRole('radio').count()).toBe(3);
      expect(await page.getByRole('radio', { name: '民法典第二百七十八条（双三分之二）' }).isChecked()).toBe(true);
      expect(await page.getByRole('group', { name: '表决方式' }).getByRole('radio').count()).toBe(4);
      // Without its matter the vote is refused under that field, in words, with the focus there.
      await page.getByRole('button', { name: '创建表决' }).click();
      const form = page.locator('yishi-vote-create-page');
      await form.locator('#title-problem').waitFor();
      expect(await form.locator('#title-problem').textContent()).toBe('不能为空');
      await expect.poll(() => focusedControl(page)).toBe('title');
      await page.getByLabel('表决事项').fill('选聘新的物业服务企业');
      expect(await form.locator('#title-problem').count()).toBe(0);
      expect(await page.evaluate(() => ['sl-input', 'sl-select', 'sl-button', 'sl-checkbox'].filter((tag) => customElements.get(tag)))).toEqual([]);
      await page.getByRole('button', { name: '创建表决' }).click();
      await page.waitForURL(/\/votes\/[^/]+\/manage$/);
      await page.getByRole('heading', { level: 1, name: '选聘新的物业服务企业' }).waitFor();
      await page.getByText('未开始').first().waitFor();
      await page.getByRole('button', { name: '发布投票通知公告' }).waitFor();
    });
  });
});
