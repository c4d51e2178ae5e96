/**
 * The phone's Back button in the voting flow, in a real Chromium on a 360×740 phone: the demo owner
 * 王建国 (two flats) opens the open vote from the votes list, starts voting, picks a flat, chooses and
 * reaches the confirm screen. Back takes her one screen back at a time — to her choice, still marked,
 * then to which flat, then to the vote — and only then off the vote page. Once her ballot is cast,
 * Back leaves the flow: it never shows the confirm screen again, and no second ballot is cast.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, holdRequests, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { compoundIdByCode, DEMO_OPEN_VOTE, demoOpenVoteId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let dsct: string;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  voteId = await demoOpenVoteId(server.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const FLAT = '1栋1单元301';
const CONFIRM = '请确认您的选择';

/** The ballots stored for the flat in the open vote (a replaced ballot is one row with a higher version). */
const ballotsOfFlat = () =>
  server.deps.db
    .selectFrom('ballots as b')
    .innerJoin('vote_electorate as e', (join) => join.onRef('e.vote_id', '=', 'b.vote_id').onRef('e.unit_id', '=', 'b.unit_id'))
    .select(['b.receipt_code', 'b.version'])
    .where('b.vote_id', '=', voteId)
    .where('e.label', '=', FLAT)
    .execute();

/** From the votes list, into the open vote by its link (a move within the app, as an owner makes it). */
async function openVoteFromList(page: Page): Promise<void> {
  await loginWithSessionCookie(page, server.url, 'yezhu');
  await page.goto(`${server.url}/compounds/${dsct}/votes`);
  await page.getByRole('heading', { level: 1, name: '表决' }).waitFor();
  await page.getByRole('link', { name: DEMO_OPEN_VOTE }).click();
  await page.waitForURL(`${server.url}/votes/${voteId}`);
  await overview(page).waitFor();
}

/** The vote's own page: its title as the page's heading, and the button that starts (or continues) voting. */
const overview = (page: Page) => page.locator('yishi-vote-page .nav button.primary').filter({ hasText: /开始投票|继续投票|修改选票/ });
const whichFlat = (page: Page) => page.getByText('您有 2 套房屋，请选择为哪一套投票');
const choice = (page: Page, name: RegExp) => page.getByRole('radio', { name });

/** 开始投票 (or 继续投票) → the flat → a choice → 下一步: the confirm screen. */
async function reachConfirm(page: Page, option: RegExp): Promise<void> {
  await overview(page).click();
  await whichFlat(page).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${FLAT}`) }).click();
  await choice(page, option).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('heading', { name: CONFIRM }).waitFor();
}

describe("the phone's Back button while voting", () => {
  test('Back goes one screen back, her choice kept, and leaves the vote page only from the vote itself', async () => {
    await withPhonePage(browser, async (page) => {
      await openVoteFromList(page);
      await reachConfirm(page, /反对/);
      expect(await page.locator('.confirm-choice').textContent()).toBe('反对');

      // Back: the choice screen again, 反对 still marked, on the same address.
      await page.goBack();
      await choice(page, /反对/).waitFor();
      expect(await choice(page, /反对/).getAttribute('aria-checked')).toBe('true');
      expect(await choice(page, /同意/).getAttribute('aria-checked')).toBe('false');
      expect(page.url()).toBe(`${server.url}/votes/${voteId}`);
      expect(await page.getByRole('heading', { name: CONFIRM }).count()).toBe(0);
      // Focus is on the screen's heading (the question), where a screen reader starts reading.
      await expect.poll(() => page.locator('yishi-vote-page h1').evaluate((h) => h.matches(':focus'))).toBe(true);
      await page.screenshot({ path: '/tmp/vote-back-choose.png' });
      await expectNoSeriousA11yViolations(page);
      await setElderModeSwitch(page, true);
      await page.screenshot({ path: '/tmp/vote-back-choose-elder.png' });
      expect(await choice(page, /反对/).getAttribute('aria-checked')).toBe('true');
      await setElderModeSwitch(page, false);

      // She changes her mind and goes on: the confirm screen says the new choice.
      await choice(page, /同意/).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: CONFIRM }).waitFor();
      expect(await page.locator('.confirm-choice').textContent()).toBe('同意');
      // The screen's own 返回修改 and the phone's Back agree: 返回修改 to the choice, then Back to which flat (not to the confirm screen).
      await page.getByRole('button', { name: '返回修改' }).click();
      await choice(page, /同意/).waitFor();
      await page.goBack();
      await whichFlat(page).waitFor();
      expect(await page.getByRole('heading', { name: CONFIRM }).count()).toBe(0);

      // Back from the first screen of the flow: the vote itself; Back again leaves the vote page.
      await page.goBack();
      await overview(page).waitFor();
      await page.getByRole('heading', { level: 1, name: DEMO_OPEN_VOTE }).waitFor();
      expect(page.url()).toBe(`${server.url}/votes/${voteId}`);
      await page.goBack();
      await page.waitForURL(`${server.url}/compounds/${dsct}/votes`);
      await page.getByRole('heading', { level: 1, name: '表决' }).waitFor();

      // Forward comes back to the vote, and never into a screen of the flow left behind without its state.
      await page.goForward();
      await overview(page).waitFor();
      await page.goForward().catch(() => null);
      await overview(page).waitFor();
      expect(await page.getByRole('heading', { name: CONFIRM }).count()).toBe(0);
      expect(await page.getByRole('radio').count()).toBe(0);
      expect(await ballotsOfFlat()).toEqual([]);
    });
  });

  test('after the ballot is cast, Back leaves the flow: no confirm screen, no second ballot', async () => {
    await withPhonePage(browser, async (page) => {
      await openVoteFromList(page);
      await reachConfirm(page, /同意/);
      await page.getByRole('button', { name: '确认投票' }).click();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();
      const cast = await ballotsOfFlat();
      expect(cast).toHaveLength(1);
      const receipt = ((await page.locator('.receipt').textContent()) ?? '').trim();
      expect(receipt).toBe(cast[0]!.receipt_code);

      // Back from the receipt: the vote, read again (this flat now voted), never the confirm screen.
      await page.goBack();
      await page
        .locator('section.my-units li')
        .filter({ hasText: new RegExp(`${FLAT}：✓ 已投票`) })
        .waitFor();
      await overview(page).waitFor();
      expect(page.url()).toBe(`${server.url}/votes/${voteId}`);
      expect(await page.getByRole('heading', { name: CONFIRM }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '确认投票' }).count()).toBe(0);
      // Forward does not bring the confirm screen back either: the flow's screens are behind her.
      await page.goForward().catch(() => null);
      await page.waitForTimeout(300);
      await overview(page).waitFor();
      expect(await page.getByRole('heading', { name: CONFIRM }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '确认投票' }).count()).toBe(0);
      // Back once more leaves the vote page for the list.
      await page.goBack();
      await page.waitForURL(`${server.url}/compounds/${dsct}/votes`);
      expect(await ballotsOfFlat()).toEqual(cast);
    });
  });

  test('Back while her ballot is on its way keeps the choice being cast on screen; the receipt says what was counted', async () => {
    await withPhonePage(browser, async (page) => {
      await openVoteFromList(page);
      // Her other flat, the one left after the test before: 继续投票 goes straight to its choice.
      await overview(page).click();
      await choice(page, /反对/).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: CONFIRM }).waitFor();
      const held = await holdRequests(page, /\/api\/votes\/[^/]+\/ballots$/);
      await page.getByRole('button', { name: '确认投票' }).click();
      await held.arrived;
      // One bar of signal: she presses Back while it is sending. The confirm screen stays, with her choice.
      await page.goBack();
      await page.waitForTimeout(300);
      await page.getByRole('heading', { name: CONFIRM }).waitFor();
      expect(await page.locator('.confirm-choice').textContent()).toBe('反对');
      expect(await page.getByRole('radio').count()).toBe(0);
      await held.release();
      await page.getByRole('heading', { name: /投票成功/ }).waitFor();
      expect(((await page.locator('.your-choice').textContent()) ?? '').trim()).toBe('您投的是：反对');
      const receipt = ((await page.locator('.receipt').textContent()) ?? '').trim();
      const stored = await server.deps.db.selectFrom('ballots').select('choices_json').where('receipt_code', '=', receipt).executeTakeFirstOrThrow();
      expect(JSON.parse(stored.choices_json)).toEqual(['no']);
    });
  });
});
