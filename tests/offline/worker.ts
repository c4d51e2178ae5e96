/** The service worker as the offline browser tests wait for it. */
import type { Page } from 'playwright-core';

/** Waits until the service worker has installed (the precache filled) and controls the page. */
export async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
