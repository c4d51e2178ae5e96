/**
 * The verifiable open ballot and the anchored heads in a real Chromium, read anonymously on a phone:
 * the board's 存证 section with the ledger's and the closed votes' heads and the JSON to download,
 * and a closed vote's receipts page where a found receipt names its position in the ballot log and
 * the files to recount it are linked. Screenshots go to $YISHI_ARTIFACTS (default /tmp/yishi-artifacts).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, visibleText, withPhonePage } from '../support/browser.js';
import { qrTextOnScreen } from '../support/qr.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const LIFT_VOTE = '使用专项维修资金更换2栋电梯';

let server: TestServer;
let browser: Browser;
let dsct: string;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('open ballot and anchored heads on a phone', () => {
  test('the board shows the 存证 heads with their JSON; a found receipt names its log position and the recount files are linked', async () => {
    const board = (await (await fetch(`${server.url}/api/public/compounds/${dsct}/votes`)).json()) as { items: Array<{ id: string; title: string }> };
    const voteId = board.items.find((v) => v.title === LIFT_VOTE)!.id;
    const files = (await (await fetch(`${server.url}/api/public/votes/${voteId}/open-ballot/ballots.json`)).json()) as {
      ballots: Array<{ receiptCode: string; logPosition: number }>;
    };
    const mine = files.ballots[0]!;

    await withPhonePage(browser, async (page) => {
      await page.goto(`${server.url}/board/${dsct}`);
      const anchors = page.locator('yishi-board-anchors');
      await anchors.getByRole('heading', { name: '存证' }).waitFor();
      await anchors.locator('li').first().waitFor();
      const text = await visibleText(anchors);
      expect(text).toMatch(/整改销号台账 · \d+ 条记录 · \d{4}年\d{1,2}月\d{1,2}日（周.） 公布\s*[0-9a-f]{64}/);
      expect(text).toContain(`投票日志：${LIFT_VOTE}`);
      const download = anchors.getByRole('link', { name: '下载指纹文件，留着以后核对' });
      expect(await download.getAttribute('href')).toBe(`/api/public/compounds/${dsct}/anchors`);
      await anchors.scrollIntoViewIfNeeded();
      await anchors.screenshot({ path: join(ARTIFACTS, 'board-anchors-phone.png') });

      // The result notice carries its ballot log's published head (printed with it) and the QR code to the 存证 section.
      const result = page.locator('yishi-board-votes article', { has: page.getByRole('heading', { name: LIFT_VOTE }) });
      const anchor = result.locator('yishi-open-ballot-files .anchor');
      await anchor.waitFor();
      expect(await visibleText(anchor)).toMatch(/存证：本次投票日志共 \d+ 条记录，.* 在公示栏公布了它的指纹：\s*[0-9a-f]{64}/);
      // The code opens the board's 存证 section at the public address, read from the picture as a phone would.
      const { publicUrl } = (await (await fetch(`${server.url}/api/public/site`)).json()) as { publicUrl: string };
      expect(await qrTextOnScreen(anchor.getByRole('img', { name: '扫码查看公示栏存证' }))).toBe(`${publicUrl}/board/${dsct}#anchors`);
      await result.screenshot({ path: join(ARTIFACTS, 'board-result-anchor-phone.png') });

      await page.goto(`${server.url}/votes/${voteId}/receipts`);
      await page.getByLabel('输入您的回执码').fill(mine.receiptCode);
      await page.getByText(`您的选票是本次投票日志中的第 ${mine.logPosition} 条记录`).waitFor();
      const links = page.locator('yishi-open-ballot-files');
      expect(await links.getByRole('link', { name: '下载名册（JSON）' }).getAttribute('href')).toBe(`/api/public/votes/${voteId}/open-ballot/roll.json`);
      expect(await links.getByRole('link', { name: '下载选票和日志（JSON）' }).getAttribute('href')).toBe(
        `/api/public/votes/${voteId}/open-ballot/ballots.json`,
      );
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'vote-receipts-position-phone.png') });
    });
  }, 90_000);

  test('anyone recounts a closed vote on their phone from the published files; a ballot altered on its way is caught', async () => {
    const board = (await (await fetch(`${server.url}/api/public/compounds/${dsct}/votes`)).json()) as { items: Array<{ id: string; title: string }> };
    const voteId = board.items.find((v) => v.title === LIFT_VOTE)!.id;
    const recount = async (page: Page) => {
      await page.goto(`${server.url}/votes/${voteId}/receipts`);
      const files = page.locator('yishi-open-ballot-files');
      await files.getByRole('button', { name: '在本机重新计票' }).click();
      const said = files.getByRole('status');
      await said.getByText(/^结论：/).waitFor();
      return said;
    };

    await withPhonePage(browser, async (page) => {
      const said = await recount(page);
      // The same checks the recount command prints: the log's hash chain, the roll against the ballots, the tally.
      expect(await said.locator('li.bad').count()).toBe(0);
      expect(await said.locator('li.ok').count()).toBeGreaterThan(3);
      expect(await visibleText(said)).toMatch(/ 结论：(与公布的结果一致。|能核对的部分都与公布的结果一致（不记名表决，见上）。)$/);
      await expectNoSeriousA11yViolations(page);
      await page.locator('yishi-open-ballot-files').screenshot({ path: join(ARTIFACTS, 'vote-recount-phone.png') });
    });

    await withPhonePage(browser, async (page) => {
      // One ballot's choice changed between the server and the phone: the log's chain no longer holds.
      await page.route('**/open-ballot/ballots.json', async (route) => {
        const answer = await route.fetch();
        const files = (await answer.json()) as { ballots: Array<{ choices: string[] }> };
        const first = files.ballots[0]!;
        first.choices = first.choices[0] === 'no' ? ['yes'] : ['no'];
        await route.fulfill({ response: answer, json: files });
      });
      const said = await recount(page);
      expect(await said.locator('li.bad').count()).toBeGreaterThan(0);
      expect(await visibleText(said)).toContain('结论：与公布的结果不一致，见上面标 ✗ 的各项。');
    });

    await withPhonePage(browser, async (page) => {
      // No signal when the files are fetched: said in words, and the button works again.
      await page.route('**/open-ballot/*.json', (route) => route.abort('internetdisconnected'));
      await page.goto(`${server.url}/votes/${voteId}/receipts`);
      const files = page.locator('yishi-open-ballot-files');
      await files.getByRole('button', { name: '在本机重新计票' }).click();
      await files.getByText('没能下载公布的文件，请检查网络后再试。').waitFor();
      expect(await files.getByRole('button', { name: '在本机重新计票' }).isEnabled()).toBe(true);
    });
  }, 90_000);
});
