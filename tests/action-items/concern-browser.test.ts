/**
 * A resident on a phone reports a concern with a photo: the photo is made small on the phone, a file
 * that is not a photo is refused in words, the urgency's promise and the confirmation agree, and the
 * photo reaches the staff's item page and — because she agreed — the public board. The staff words
 * are explained to her, and the rating choices are tap-sized in elder mode.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  setElderModeSwitch,
  visibleText,
  withPhonePage,
} from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let dsct: string;
/** A phone photo of 4000×3000 pixels with the phone's model and a GPS position in it. */
let phonePhoto: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000"><rect width="4000" height="3000" fill="#6b8e9f"/><rect y="1800" width="4000" height="1200" fill="#4a5a3a"/><circle cx="2000" cy="1500" r="700" fill="#2f4f6f"/></svg>`,
  );
  phonePhoto = await sharp(stripes)
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'Xiaomi', Model: 'Redmi Note 12' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' } })
    .toBuffer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

describe('a concern with a photo, on a phone', () => {
  let itemId = '';

  test('the photo goes up small, a non-photo is refused in words, and the confirmation says what the urgency promised', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/compounds/${dsct}/concerns`);
      const view = page.locator('yishi-concern-page');
      await view.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      // A language switch re-words the page in place, the photo field and the urgency's promises included.
      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await view.getByRole('heading', { level: 1, name: 'Report a concern' }).waitFor();
      expect(await visibleText(view.locator('fieldset.photos'))).toContain('Photos (optional, up to 4)');
      expect(await view.locator('fieldset.choices label').allTextContents()).toContain('Urgent · ordinary: on site in 10 minutes, solved within 30 minutes');
      await page.locator('yishi-app header').getByRole('button', { name: '中文' }).click();
      await view.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();

      // A text file with a photo's name is not a photo: said in words, nothing added.
      const input = view.locator('input[name="photo"]');
      await input.setInputFiles({ name: '门口积水.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') });
      await expect.poll(() => view.getByRole('alert').textContent()).toContain('“门口积水.jpg”打不开');

      // A real phone photo (3 MB of pixels) is shrunk before it is sent.
      const sent: number[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/concern-photos')) sent.push(request.postDataBuffer()?.length ?? 0);
      });
      await input.setInputFiles({ name: 'IMG_2031.jpg', mimeType: 'image/jpeg', buffer: phonePhoto });
      const thumb = view.getByRole('img', { name: '第 1 张照片' });
      await thumb.waitFor();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toBeLessThan(1_500_000);
      expect(await view.getByRole('alert').count()).toBe(0);

      await view.getByLabel('一句话说明问题').fill('3栋单元门口积水结冰');
      await view.getByLabel('详细情况').fill('下雨后门口积水，早上结冰，老人出门差点滑倒');
      // The urgency says what it promises; the confirmation must say the same.
      await chooseOption(view, 'urgency', '紧急·一般问题：10分钟内到场，30分钟内解决');
      // The checkbox itself is under Shoelace's drawn box: tap the control, as a finger would.
      await view.getByRole('checkbox', { name: '可以在小区公示栏展示这些照片' }).click();
      expect(await view.getByRole('checkbox', { name: '可以在小区公示栏展示这些照片' }).isChecked()).toBe(true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'concern-form-photo.png'), fullPage: true });
      await view.getByRole('button', { name: '提交' }).click();
      const done = view.getByRole('status').filter({ hasText: '已提交' });
      await done.waitFor();
      const words = (await done.textContent()) ?? '';
      expect(words).toMatch(/^已提交。网格员将在 .+ 前到场，.+ 前解决。$/);
      expect(words).not.toContain('工作日');

      // My concerns: the new one, its photo counted, its status said plainly.
      const mine = view.locator('ul.mine li').filter({ hasText: '3栋单元门口积水结冰' });
      await mine.waitFor();
      const line = await visibleText(mine);
      expect(line).toContain('1 张照片');
      expect(line).toContain('待办理：已经收到，正在安排人处理。');
      itemId = ((await mine.getByRole('link').getAttribute('href')) ?? '').split('/').pop() ?? '';
      expect(itemId).not.toBe('');

      await mine.getByRole('link').click();
      const item = page.locator('yishi-action-item-page');
      await item.getByRole('heading', { level: 1, name: '3栋单元门口积水结冰' }).waitFor();
      const photo = item.getByRole('img', { name: '照片 1：3栋单元门口积水结冰' });
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
      // The staff words, explained for her.
      await item.getByText('这些词是什么意思？').click();
      const explained = await visibleText(item.locator('details.explain'));
      expect(explained).toContain('绿色：小问题，网格员当场处理。');
      expect(await visibleText(item)).toContain('紧急问题，须在');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'concern-photo.png'), fullPage: true });
      await setElderModeSwitch(page, true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'concern-photo-elder.png'), fullPage: true });
    });
  });

  test('the station sees the photo on the item page, and the public board shows it because she agreed', async () => {
    expect(itemId).not.toBe('');
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/action-items/${itemId}`);
      const item = page.locator('yishi-action-item-page');
      const photo = item.getByRole('img', { name: /^照片 1：/ });
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    });
    await withPage(async (page) => {
      await page.goto(`${server.url}/board/${dsct}`);
      const row = page.locator(`[data-item="${itemId}"]`);
      await row.waitFor();
      const photo = row.getByRole('img', { name: /^照片 1：/ });
      // Photos load as they come into view.
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);
      // The board explains its words too.
      await page.locator('yishi-board-action-items').getByText('这些词是什么意思？').click();
      expect(await visibleText(page.locator('yishi-board-action-items details.explain'))).toContain('已办结待销号：已经处理完');
      await expectNoSeriousA11yViolations(page);
    });
  });
});

test('in elder mode the rating choices are at least 48 px tall and wide', async () => {
  const corridor = await server.deps.db.selectFrom('action_items').select('id').where('title', 'like', '3栋楼道%').executeTakeFirstOrThrow();
  await withPage(async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/action-items/${corridor.id}`);
    await page.getByRole('radio', { name: '满意', exact: true }).waitFor();
    await setElderModeSwitch(page, true);
    // What the finger hits: each choice's label, the radio inside it.
    const boxes = await page.locator('yishi-action-item-page fieldset.choices label').evaluateAll((labels) =>
      labels.map((label) => {
        const box = label.getBoundingClientRect();
        return [box.width, box.height];
      }),
    );
    expect(boxes).toHaveLength(3);
    for (const box of boxes) for (const side of box) expect(side).toBeGreaterThanOrEqual(48);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'rating-elder.png'), fullPage: true });
  });
});
