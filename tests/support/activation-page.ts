/**
 * The activation page (/activate) as the account browser tests drive it: its fields, its step title,
 * the consent step, and a phone page that must not throw along the way.
 */
import { mkdirSync } from 'node:fs';
import { meSchema, type Me } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, newPhonePage } from './browser.js';
import { installNeighbourhood, type Installation } from './empty-install.js';
import { control } from './forms.js';
import { startTestServer, type TestServer } from './server.js';

export const ACTIVATE = 'yishi-activate-page';

export interface AccountPages {
  server: TestServer;
  browser: Browser;
  install: Installation;
}

/**
 * Registers the file's hooks: before its tests, a server on an EMPTY database (text messages kept
 * for the test to read) with a neighbourhood installed through the API, and a browser, in the object
 * answered (its fields are set once the hook has run); `shots` is made for the screenshots.
 */
export function useAccountPages(shots: string): AccountPages {
  const pages = {} as AccountPages;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    pages.server = await startTestServer({ config: { seedDemo: false }, captureSms: true });
    pages.browser = await launchBrowser();
    pages.install = await installNeighbourhood(pages.server);
  });
  afterAll(async () => {
    await pages.browser?.close();
    await pages.server?.close();
  });
  return pages;
}

/** A control of the activation page by its name. */
export const activationField = (page: Page, name: string) => control(page, ACTIVATE, name);

/** The heading of the step the page is on ("步骤 2/3：…"). */
export const stepTitle = (page: Page) => page.locator(`${ACTIVATE} h2.step-title`);

/** Runs `run` on a fresh phone page and checks that the page threw nothing along the way. */
export async function withCheckedPhonePage(browser: Browser, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPhonePage(browser);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
}

/** Who the page's browser is logged in as at `url` (the answer checked against its schema), or null. */
export async function loggedInAs(page: Page, url: string): Promise<Me | null> {
  const res = await page.request.get(`${url}/api/me`);
  return res.ok() ? meSchema.parse(await res.json()) : null;
}

/** Step 2 → 3: tick the consent and go on. */
export async function agreeToNotice(page: Page): Promise<void> {
  await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');
  const consent = page.getByRole('checkbox', { name: '我已阅读并同意' });
  // Tap the words, as a finger does: the whole row is the checkbox's label.
  if (!(await consent.isChecked())) await activationField(page, 'consent').getByText('我已阅读并同意', { exact: true }).click();
  expect(await consent.isChecked()).toBe(true);
  await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
  await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 3/3');
}
