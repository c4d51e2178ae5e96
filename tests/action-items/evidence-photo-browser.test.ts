/**
 * In a real Chromium on a phone: a community worker resolves an item with a photo of the work. The
 * photo is made small on the phone and uploaded as it is chosen, the same way a resident's concern
 * photo is; a file that is not a photo is refused in words; resolving asks first, showing the words and
 * the photo that go to the station (cancelled, nothing is sent); the resolution names the photo by id,
 * and the photo then shows on the item page — served by us, without the GPS position the phone wrote.
 */
import { actionItemEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedElement } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let itemId: string;
/** A phone photo of 3000×2000 pixels with the phone's model and a GPS position in it. */
let phonePhoto: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('shequ');
  itemId = (
    await staff.ok(actionItemEndpoints.create, { params: { compoundId: dsct }, body: { title: '6栋北侧围墙破损', source: { kind: 'council_outcome' } } })
  ).id;
  const wall = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><rect width="3000" height="2000" fill="#9a8f7a"/><rect y="1400" width="3000" height="600" fill="#5a5a4a"/></svg>`,
  );
  phonePhoto = await sharp(wall)
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'Huawei', Model: 'Mate 60' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' } })
    .toBuffer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

describe('evidence photos on the item page', () => {
  test('a photo of the work goes up small, a non-photo is refused in words, resolving is confirmed first, and the photo shows on the item once resolved', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'shequ');
      await page.goto(`${server.url}/action-items/${itemId}`);
      await page.getByRole('heading', { level: 1, name: '6栋北侧围墙破损' }).waitFor();
      const resolveForm = page.locator('form', { has: page.getByRole('button', { name: '办结并提交佐证' }) });
      const input = resolveForm.locator('input[name="photo"]');

      await input.setInputFiles({ name: '围墙.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') });
      await resolveForm.getByText('“围墙.jpg”打不开').waitFor();

      const sent: number[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith(`/action-items/${itemId}/photos`)) sent.push(request.postDataBuffer()?.length ?? 0);
      });
      await input.setInputFiles({ name: '围墙.jpg', mimeType: 'image/jpeg', buffer: phonePhoto });
      await resolveForm.getByRole('img', { name: '第 1 张照片' }).waitFor();
      // Made small on the phone: what went over the wire is far smaller than the photo chosen.
      expect(sent).toHaveLength(1);
      expect(sent[0]).toBeLessThan(phonePhoto.length);
      await expectNoSeriousA11yViolations(page);

      const resolveButton = resolveForm.getByRole('button', { name: '办结并提交佐证' });
      const resolving: string[] = [];
      page.on('request', (request) => void (request.url().endsWith(`/action-items/${itemId}/resolve`) && resolving.push(request.method())));
      const status = async () => (await server.deps.db.selectFrom('action_items').select('status').where('id', '=', itemId).executeTakeFirstOrThrow()).status;
      // Without the words, the field says so and nothing asks.
      await resolveButton.click();
      await expect.poll(() => resolveForm.locator('#evidence-problem').textContent()).toBe('请填写必填项');
      const dialog = page.getByRole('dialog', { name: '确认办结' });
      expect(await dialog.isVisible()).toBe(false);

      // Resolving asks first: where the item goes, and the words and the photo that go with it. Cancel, or Esc, sends nothing.
      await resolveForm.getByLabel('办结佐证（文字说明）').fill('围墙已修补，附现场照片');
      await resolveButton.click();
      await dialog.waitFor();
      const said = (await dialog.textContent()) ?? '';
      expect(said).toContain('交服务站核实');
      expect(said).toContain('围墙已修补，附现场照片');
      await dialog.getByRole('img', { name: '办理照片 1' }).waitFor();
      await expect.poll(() => focusedElement(page)).toBe('BUTTON 取消');
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await resolveButton.click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(resolving).toEqual([]);
      expect(await status()).toBe('open');
      // The form kept the words and the photo; confirmed, the item goes to the station.
      expect(await resolveForm.getByLabel('办结佐证（文字说明）').inputValue()).toBe('围墙已修补，附现场照片');
      await resolveButton.click();
      await dialog.getByRole('button', { name: '确认办结' }).click();
      await page.getByRole('heading', { name: '对账销号' }).waitFor();
      expect(resolving).toEqual(['POST']);
      expect(await status()).toBe('resolved');

      // The photo of the work is on the item, in the sign-off section and on the timeline, served by us without metadata.
      const shown = page.getByRole('img', { name: '办理照片 1' }).first();
      await shown.scrollIntoViewIfNeeded();
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
      const src = (await shown.getAttribute('src')) ?? '';
      expect(src).toMatch(/^\/api\/action-item-photos\/[0-9a-z]+$/);
      const served = await page.request.get(`${server.url}${src}`);
      expect(served.headers()['content-type']).toBe('image/jpeg');
      expect((await sharp(await served.body()).metadata()).exif).toBeUndefined();
      await expectNoSeriousA11yViolations(page);
    });
  });
});
