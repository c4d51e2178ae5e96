/**
 * The evidence bundle from the vote management page in a real Chromium on a phone: the station chief
 * presses "导出存证材料（ZIP）", the button says it is working, and the saved ZIP holds a manifest whose
 * SHA-256 hashes match its files, with the PDF summary among them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { voteEndpoints } from '@yishi/core';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the evidence bundle', () => {
  test('a closed vote’s record downloads as a ZIP whose manifest matches every file', async () => {
    const staff = await new ApiClient(server.url).login('zhanzhang');
    const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: await compoundIdByCode(server.deps, 'DSCT') }, query: { limit: 200 } });
    const closed = votes.find((v) => v.status === 'closed')!;
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${closed.id}/manage`);
      const button = page.getByRole('button', { name: '导出存证材料（ZIP）' });
      await button.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(`${closed.title}-存证材料.zip`);
      await page.getByText(`已下载：${closed.title}-存证材料.zip`).waitFor();
      await page.locator('yishi-evidence-download').screenshot({ path: `${SCREENSHOTS}/evidence-download-phone.png` });
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { subject: { id: string }; files: Array<{ path: string; sha256: string }> };
      expect(manifest.subject.id).toBe(closed.id);
      expect(manifest.files.map((f) => f.path)).toContain('summary.pdf');
      for (const f of manifest.files) expect(createHash('sha256').update(files[f.path]!).digest('hex'), f.path).toBe(f.sha256);
    });
  });
});
