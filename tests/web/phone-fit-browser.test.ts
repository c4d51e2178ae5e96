/**
 * Every page of the registry fits a phone in elder mode, the largest text: 360 px in Chinese and, in
 * English, 320 px (WCAG 2.1's reflow width, the narrowest phones). In a real Chromium, each page is opened
 * as the person who uses it (the station chief, the subdistrict's administrator, an owner, or nobody for
 * the public ones), with the demo's own places, meetings, votes and items in its address. Nothing may stick out past the screen's right edge: not
 * the page (it would scroll sideways as a whole), and no visible element either, unless it is inside
 * something that scrolls sideways on purpose (a table's wrapper): a button, a heading or a chart's label
 * cut off at the edge shows here, as the dashboard's pie labels and a triage choice's long word did in English. (What a field draws inside
 * itself is not measured: the date-and-time field's own text is the browser's.) Each page is read too: no
 * error, refusal, undefined, NaN or message key on screen. In Chinese, no serious or critical finding by
 * axe, no text of several lines set closer than 1.3 times its size (MIIT's age-friendly spec), and every
 * control a keyboard reaches among its first forty shows a focus ring.
 */
import { voteEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { a11yViolations, animationsSettled, launchBrowser, loginWithSessionCookie, newPhonePage, pageDrawn, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { readingProblems, registeredPages } from '../support/pages.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const paths = registeredPages().map((page) => page.path);

/** Who opens a page: the administrator for the subdistrict's own pages, an owner for the owner's, nobody for the public ones, else the station chief. */
const ADMIN_PAGES = new Set(['/admin/places', '/staff', '/dashboard']);
const OWNER_PAGES = new Set(['/votes/:voteId', '/votes/:voteId/roll-check', '/compounds/:compoundId/proposals', '/proposals/:proposalId', '/account']);
const PUBLIC_PAGES = new Set([
  '/login',
  '/setup',
  '/activate',
  '/board/:compoundId',
  '/board/:compoundId/poster',
  '/minutes/:meetingId',
  '/votes/:voteId/receipts',
]);
function visitorOf(path: string): string | null {
  if (PUBLIC_PAGES.has(path)) return null;
  if (ADMIN_PAGES.has(path)) return 'jiedao';
  if (OWNER_PAGES.has(path)) return 'yezhu';
  return 'zhanzhang';
}

let server: TestServer;
let browser: Browser;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const db = server.deps.db;
  const compoundId = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId }, query: { limit: 200 } });
  const published = await db
    .selectFrom('minutes_versions')
    .innerJoin('meetings', 'meetings.id', 'minutes_versions.meeting_id')
    .select('meetings.id')
    .where('meetings.compound_id', '=', compoundId)
    .executeTakeFirstOrThrow();
  const item = await db.selectFrom('action_items').select('id').where('compound_id', '=', compoundId).executeTakeFirstOrThrow();
  const proposal = await db.selectFrom('proposals').select('id').where('compound_id', '=', compoundId).executeTakeFirstOrThrow();
  ids = {
    compoundId,
    voteId: votes.find((v) => v.status === 'open' && v.electorateKind === 'owners')!.id,
    meetingId: published.id,
    itemId: item.id,
    proposalId: proposal.id,
  };
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What sticks out past the right edge of the screen, outside anything that scrolls sideways on purpose. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`the page: ${document.documentElement.scrollWidth} px wide`);
    const scrollsSideways = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const visit = (root: Document | ShadowRoot, insideScroller: boolean) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const scroller = insideScroller || scrollsSideways(el) || el.closest('.table-wrap') !== null;
        const box = el.getBoundingClientRect();
        if (!scroller && box.width > 1 && box.height > 1 && box.right > width + 1 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
          const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
          found.push(`${name} "${(el.textContent ?? '').trim().slice(0, 30)}": right edge at ${Math.round(box.right)} px`);
        }
        if (el.shadowRoot) visit(el.shadowRoot, scroller);
      }
    };
    visit(document, false);
    return found;
  });
}

/**
 * Paragraphs, list items, cells and labels of more than one line whose line spacing is under 1.3 times their
 * type size (MIIT's age-friendly spec, ux.md).
 */
function tightLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('p, li, dd, td, th, label, .help, .lead'))) {
        const box = el.getBoundingClientRect();
        if (box.height === 0 || !(el.textContent ?? '').trim()) continue;
        const style = getComputedStyle(el);
        const size = Number.parseFloat(style.fontSize);
        const line = style.lineHeight === 'normal' ? size * 1.2 : Number.parseFloat(style.lineHeight);
        if (box.height > line * 1.5 && line / size < 1.3)
          found.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}": ${(line / size).toFixed(2)}`);
      }
      for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  });
}

/**
 * Tabs through the page's first controls as a keyboard user would, and names those that show no focus ring
 * when they have the focus (no outline, no shadow): a date field's focus sits inside it, where :focus-visible
 * on the field never matched.
 */
async function withoutFocusRing(page: Page, presses = 40): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      const name = el.getAttribute('name') ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 20);
      return { ring, name: `${el.tagName.toLowerCase()} "${name}"` };
    });
    if (!focused) break;
    if (!focused.ring) found.add(focused.name);
  }
  return [...found];
}

/** The phone's width: 360 px in Chinese; in English, 320 px, the width WCAG 2.1's reflow criterion (1.4.10) asks content to fit without scrolling sideways (a desktop at 400 % zoom), and ux.md's 200 % zoom within it. */
const WIDTH = { 'zh-CN': { viewport: { width: 360, height: 740 } }, en: { viewport: { width: 320, height: 740 } } } as const;

describe('every page on a phone in elder mode (360 px in Chinese, 320 px in English)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const also = locale === 'zh-CN' ? ', passes axe, spaces its lines and shows the keyboard its focus' : '';
    test(`${locale}: nothing sticks out past the screen's edge, each page reads in words without an error${also}`, async () => {
      const problems: string[] = [];
      const seen = new Map<string | null, Page>();
      try {
        for (const path of paths) {
          const visitor = visitorOf(path);
          let page = seen.get(visitor);
          if (!page) {
            page = await newPhonePage(browser, WIDTH[locale]);
            await page.addInitScript((language) => {
              localStorage.setItem('yishi.locale', language);
              localStorage.setItem('yishi.elder', '1');
            }, locale);
            if (visitor) await loginWithSessionCookie(page, server.url, visitor);
            seen.set(visitor, page);
          }
          const address = path.replace(/:(\w+)/g, (_, name: string) => ids[name]!);
          await page.goto(`${server.url}${address}`);
          await pageDrawn(page);
          expect(await page.evaluate(() => document.documentElement.classList.contains('elder')), path).toBe(true);
          for (const problem of await overflowing(page)) problems.push(`${path}: ${problem}`);
          // What it says: words in this language for everything, and no error or refusal for the person who uses it.
          for (const problem of readingProblems(await visibleText(page))) problems.push(`${path}: ${problem}`);
          // And in the product's own language, axe's serious and critical findings and the keyboard's focus.
          if (locale === 'zh-CN') {
            await animationsSettled(page);
            for (const line of await tightLines(page)) problems.push(`${path}: lines closer than 1.3 × the type in ${line}`);
            for (const control of await withoutFocusRing(page)) problems.push(`${path}: no focus ring on ${control}`);
            for (const v of await a11yViolations(page))
              if (v.impact === 'serious' || v.impact === 'critical')
                problems.push(`${path}: axe ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
          }
        }
      } finally {
        for (const page of seen.values()) await page.context().close();
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

describe('the header at 200 % zoom', () => {
  test("a 360 px phone at 200 % zoom (180 px) in elder mode: the header's rows wrap, nothing sticks out", async () => {
    const page = await newPhonePage(browser, { viewport: { width: 180, height: 740 } });
    try {
      await page.addInitScript(() => localStorage.setItem('yishi.elder', '1'));
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(server.url);
      await pageDrawn(page);
      const header = await page.evaluate(() => {
        const shell = document.querySelector('yishi-app')!.shadowRoot!;
        const edge = window.innerWidth;
        return Array.from(shell.querySelectorAll('header *'))
          .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > edge + 0.5)
          .map((el) => el.className || el.tagName.toLowerCase());
      });
      expect(header).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(180);
    } finally {
      await page.context().close();
    }
  });
});
