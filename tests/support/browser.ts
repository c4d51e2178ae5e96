/**
 * Real Chromium for browser tests (playwright-core driving the system's /usr/bin/chromium): a
 * phone-sized page like the ones residents use, a login helper that goes through the real form,
 * and an axe-core accessibility check that fails on serious or critical violations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import { ApiClient } from './child-server.js';
import { DEMO_PASSWORD } from './server.js';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export const CHROMIUM_PATH = process.env.YISHI_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The app registers a service worker (issue 19). Once it controls a page, Playwright's page.route no longer sees the
 * requests it answers, and its precache outlives a test's server restarts; so browser tests block service workers
 * unless they test the offline app (`launchBrowser({ serviceWorkers: 'allow' })`, tests/offline/). A context made with
 * its own `serviceWorkers` option keeps it.
 */
export async function launchBrowser(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const serviceWorkers = options.serviceWorkers ?? 'block';
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (context: BrowserContextOptions = {}) => newContext({ serviceWorkers, ...context });
  browser.newPage = (page: Parameters<Browser['newPage']>[0] = {}) => newPage({ serviceWorkers, ...page });
  return browser;
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/** A fresh context (own cookies and storage) with one 360×740 phone page. */
export async function newPhonePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Logs in through the login form and waits for the home page's greeting. */
export async function loginAs(page: Page, url: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/手机号或用户名|Phone number or username/).fill(login);
  await page.getByLabel(/^\s*(密码|Password)\s*$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.locator('yishi-login-page').waitFor({ state: 'detached' });
  await page.locator('main').getByRole('heading', { level: 1 }).waitFor();
}

/**
 * The text a visitor sees in an element, shadow roots included (innerText stops at shadow
 * boundaries): slots are followed to what they show, hidden elements and styles are skipped.
 * Give a page and a CSS selector (Playwright's CSS pierces shadow roots) or a locator.
 */
export function visibleText(target: Page | Locator, selector = 'main'): Promise<string> {
  const locator = 'goto' in target ? target.locator(selector).first() : target;
  return locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent ?? '');
        return;
      }
      if (!(node instanceof Element)) {
        node.childNodes.forEach(walk);
        return;
      }
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName) || node.hasAttribute('hidden')) return;
      if (node instanceof HTMLElement && getComputedStyle(node).display === 'none') return;
      if (node instanceof HTMLSlotElement) {
        const assigned = node.assignedNodes({ flatten: true });
        (assigned.length > 0 ? assigned : Array.from(node.childNodes)).forEach(walk);
        return;
      }
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
      else node.childNodes.forEach(walk);
      if (/^(P|DIV|LI|TR|H\d|SECTION|DT|DD|BR|TD|TH)$/.test(node.tagName)) parts.push(' ');
    };
    walk(root);
    return parts.join('').replace(/\s+/g, ' ').trim();
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page. The product's CSP forbids inline scripts, so the
 * axe source is evaluated through the DevTools protocol (page.evaluate), which CSP does not govern.
 */
export async function a11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Serious or critical axe findings fail; the page is checked once its opening animations (a dialog fading in, a toast) have ended, as a reader sees it. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await animationsSettled(page);
  const serious = (await a11yViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** Turns elder mode on or off through the switch in the header, as a visitor would. */
export async function setElderModeSwitch(page: Page, on: boolean): Promise<void> {
  const toggle = page.locator('yishi-app header').getByRole('switch', { name: /长辈版|Large text/ });
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(on);
}

/** Logs in over the API and hands the session cookie to the page (the login form has its own tests). */
export async function loginWithSessionCookie(page: Page, url: string, login: string): Promise<void> {
  const api = await new ApiClient(url).login(login);
  const [name, value] = api.cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url }]);
}

/** Runs `run` on a fresh phone-sized page (with `options` over the phone's) and closes its context afterwards, whatever happens. */
export async function withPhonePage(browser: Browser, run: (page: Page) => Promise<void>, options: BrowserContextOptions = {}): Promise<void> {
  const page = await newPhonePage(browser, options);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** Chooses an option by its words, among the controls named `name` inside `scope`: a native select or native radio buttons. */
export async function chooseOption(scope: Locator, name: string, option: string): Promise<void> {
  // Whichever kind the form draws, once it is drawn (a page still loading has none yet).
  await scope.locator(`select[name="${name}"], input[type="radio"][name="${name}"]`).first().waitFor();
  // A select is chosen from as the phone's picker does.
  const select = scope.locator(`select[name="${name}"]`);
  if ((await select.count()) > 0) {
    await select.selectOption({ label: option });
    return;
  }
  // Radio buttons (components/forms/choice-field.ts): tapped by their words.
  await scope
    .locator(`input[type="radio"][name="${name}"]`)
    .and(scope.getByRole('radio', { name: option, exact: true }))
    .check();
}

/**
 * A slow connection at the moment a test chooses: requests to `url` (those `when` picks) wait until
 * `release()`, which also stops holding later ones. `arrived` settles once the first is held.
 * `hold: 'answer'` sends the request at once and holds its answer instead: the server's answer of
 * that moment, delivered late (an older answer landing after a newer one).
 */
export async function holdRequests(
  page: Page,
  url: string | RegExp,
  when: (request: Request) => boolean = () => true,
  hold: 'request' | 'answer' = 'request',
): Promise<{ arrived: Promise<void>; release: () => Promise<void> }> {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const passing: Promise<void>[] = [];
  await page.route(url, async (route) => {
    if (!when(route.request())) return route.continue();
    const answer = hold === 'answer' ? await route.fetch() : null;
    arrive();
    const passed = held.then(() => (answer ? route.fulfill({ response: answer }) : route.continue()));
    passing.push(passed);
    await passed;
  });
  return {
    arrived,
    release: async () => {
      open();
      // The held ones go on first: a route taken away while its handler waits is continued twice.
      await Promise.all(passing);
      await page.unroute(url);
    },
  };
}

/**
 * Waits until the page's animations have finished (a notice fading in: axe reads colours mid-fade
 * otherwise) and, once the page has shown a notice, none has started for 150 ms: the first notice into
 * a new live region is shown 100 ms after the region is made (app/notify.ts), so an instant with
 * nothing running was not enough under load (a signed minutes' notice failed axe on its fade).
 * Some run inside shadow roots, which document.getAnimations() does not look into.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    (quietMs) => {
      const running: Animation[] = [];
      let notices = false;
      const visit = (root: Document | ShadowRoot) => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          running.push(...el.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity));
          // The notices' region: in the shell, or in an open dialog's shadow root.
          notices ||= el.id === 'yishi-toasts';
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(document);
      // No notice has been made on this page: none can be about to fade in.
      if (!notices) return running.length === 0;
      const state = window as unknown as { __animationsQuietSince?: number | null };
      if (running.length > 0 || state.__animationsQuietSince == null) state.__animationsQuietSince = running.length > 0 ? null : performance.now();
      return state.__animationsQuietSince != null && performance.now() - state.__animationsQuietSince >= quietMs;
    },
    150,
    { polling: 50 },
  );
  await page.evaluate(() => delete (window as unknown as { __animationsQuietSince?: number }).__animationsQuietSince);
}

/**
 * Waits until the page has drawn what it fetched: its main heading is on screen and no part of it still
 * shows the loading state (`.state-loading`, in any shadow root). Quicker than waiting for the network to go
 * quiet, which costs half a second on every page.
 */
export async function pageDrawn(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => {
    const loading = (root: Document | ShadowRoot): boolean =>
      root.querySelector('.state-loading') !== null || Array.from(root.querySelectorAll('*')).some((el) => el.shadowRoot !== null && loading(el.shadowRoot));
    return !loading(document);
  });
}

/**
 * The whole page in one picture, drawn as a reader scrolling it would see it: the window is made as
 * tall as the page first (a full-page screenshot leaves blank what `content-visibility: auto` has not
 * drawn yet, the board's lower sections), then put back.
 */
export async function wholePageScreenshot(page: Page, path: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height });
  await animationsSettled(page);
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

/**
 * Pictures of the page (or of one part of it) as it is now, as `<prefix>-phone.png`,
 * `<prefix>-phone-elder.png` and `<prefix>-desktop.png`: on the 360×740 phone, the phone in elder mode
 * and a 1280×800 desktop; the page is left on the phone, not in elder mode.
 */
export async function shootThreeWindows(page: Page, prefix: string, options: { fullPage?: boolean; part?: Locator } = {}): Promise<void> {
  const fullPage = options.fullPage ?? true;
  // Through the header's switch where it can be reached (so the picture shows it on); under an open dialog, or on a
  // page without the header, the page's class alone.
  const headerSwitch = page.locator('yishi-app header').getByRole('switch', { name: /长辈版|Large text/ });
  const dialogOpen = () =>
    page.evaluate(() => {
      const open = (root: Document | ShadowRoot): boolean =>
        root.querySelector('dialog[open]') !== null || Array.from(root.querySelectorAll('*')).some((el) => el.shadowRoot !== null && open(el.shadowRoot));
      return open(document);
    });
  const elder = async (on: boolean) =>
    (await headerSwitch.count()) > 0 && !(await dialogOpen())
      ? setElderModeSwitch(page, on)
      : page.evaluate((value) => document.documentElement.classList.toggle('elder', value), on);
  const take = async (path: string) => {
    await animationsSettled(page);
    await (options.part ? options.part.screenshot({ path }) : page.screenshot({ path, fullPage }));
  };
  await take(`${prefix}-phone.png`);
  await elder(true);
  await take(`${prefix}-phone-elder.png`);
  await elder(false);
  await page.setViewportSize({ width: 1280, height: 800 });
  await take(`${prefix}-desktop.png`);
  await page.setViewportSize({ width: 360, height: 740 });
}

/**
 * axe on the page as it is once dialogs have finished opening, a screenshot at `failureShot` if it
 * finds anything. Toasts go first: they float over whatever is below them for five seconds, and axe
 * would measure the covered text's contrast.
 */
export async function expectNoSeriousA11yViolationsSettled(page: Page, failureShot: string): Promise<void> {
  // In the shell, or in an open dialog (app/notice-placement.ts): Playwright's locators look into shadow roots.
  await page.locator('.toast-stack .toast').evaluateAll((toasts) => toasts.forEach((toast) => toast.remove()));
  await animationsSettled(page);
  try {
    await expectNoSeriousA11yViolations(page);
  } catch (error) {
    await page.screenshot({ path: failureShot });
    throw error;
  }
}
