/**
 * A deployment that starts with nothing: no demo, only what the administrator makes on the first day
 * (the first-run setup, a community, one compound and its small roster, through the API as the
 * administration pages make them). In a real Chromium on a phone, the administrator opens every page of
 * the registry that needs no meeting, vote, item or proposal yet: each draws its heading and says in
 * words that there is nothing yet (an empty state), never an error, a placeholder such as `undefined`
 * or `NaN`, or a message key where words belong; the residents' page to report a concern says it is the
 * residents' and leads to the action items. Then the public board and the login page, logged out.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installNeighbourhood, type Installation } from '../support/empty-install.js';
import { launchBrowser, newPhonePage, pageDrawn, visibleText } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const registry = readFileSync(new URL('../../packages/web/src/routes.ts', import.meta.url), 'utf8');
/** The pages whose address holds nothing but a compound: the ones a new deployment can open on its first day. */
const paths = [...registry.matchAll(/\bpath:\s*'([^']+)'/g)].map(([, path]) => path!).filter((path) => !/:(?!compoundId\b)\w+/.test(path));
const PUBLIC = new Set(['/board/:compoundId', '/board/:compoundId/poster', '/login', '/activate', '/setup']);

let server: TestServer;
let browser: Browser;
let install: Installation;

beforeAll(async () => {
  server = await startTestServer({ config: { seedDemo: false } });
  browser = await launchBrowser();
  install = await installNeighbourhood(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A message key on screen instead of words (`votes.title`), or what a missing value prints as. */
const KEY = /(?<![\w./@-])[a-z][a-zA-Z]+\.[a-z][\w.]*[a-zA-Z](?![\w/@-])/;
const PLACEHOLDER = /\b(undefined|NaN|null|Invalid Date)\b|\[object /;

async function problemsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(`${server.url}${path.replace(':compoundId', install.compoundId)}`);
  await pageDrawn(page);
  const text = await visibleText(page);
  const problems: string[] = [];
  if (PLACEHOLDER.test(text)) problems.push(`${path}: "${PLACEHOLDER.exec(text)![0]}" on screen`);
  // Addresses are not keys: a link, an e-mail address, a host name (qyapi.weixin.qq.com).
  const words = text.replace(/https?:\/\/\S+|[\w.-]+@[\w.-]+|\b[\w-]+(\.[\w-]+)*\.(com|cn|net|org)\b/g, '');
  if (KEY.test(words)) problems.push(`${path}: a message key on screen: ${KEY.exec(words)![0]}`);
  // The load state's error (没能加载) or the page's own refusal for someone not allowed.
  const error = /.{0,60}(没能加载|页面加载失败|您没有权限).{0,60}/s.exec(text);
  if (error) problems.push(`${path}: an error or a refusal: ${error[0]}`);
  return problems;
}

describe('every page of a deployment on its first day', () => {
  test('the administrator opens each page that needs no meeting, vote or item yet: headings and empty states, no errors', async () => {
    expect(paths.length).toBeGreaterThan(15);
    const page = await newPhonePage(browser);
    try {
      const [name, value] = install.adminCookie.split('=') as [string, string];
      await page.context().addCookies([{ name, value, url: server.url }]);
      const problems: string[] = [];
      for (const path of paths.filter((p) => !PUBLIC.has(p))) problems.push(...(await problemsOn(page, path)));
      expect(problems).toEqual([]);
      // The residents' page to report a concern tells the administrator it is the residents', and where their
      // concerns are handled (it showed the form and, under it, 您没有权限进行此操作).
      await page.goto(`${server.url}/compounds/${install.compoundId}/concerns`);
      await page.getByText('您在本小区没有登记为业主或住户，不能在这里提交。', { exact: false }).waitFor();
      expect(await page.getByRole('textbox').count()).toBe(0);
      await page.getByRole('link', { name: '查看居民反映的问题和整改事项' }).click();
      await page.getByRole('heading', { level: 1, name: '整改事项' }).waitFor();
    } finally {
      await page.context().close();
    }
  }, 180_000);

  test('logged out: the compound board, its poster, the login and activation pages', async () => {
    const page = await newPhonePage(browser);
    try {
      const problems: string[] = [];
      for (const path of [...PUBLIC].filter((p) => p !== '/setup')) problems.push(...(await problemsOn(page, path)));
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
