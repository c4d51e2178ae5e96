/**
 * Web hardening as a browser and a network client see it, against a real server with the built web
 * app (the in-process header, cookie-flag, brake and origin tests live in packages/server and
 * tests/collab; this file adds what only the real thing shows):
 * - the app actually runs under its content security policy in Chromium: home, voting page, public
 *   board and login page load with no CSP violation and no console error, while an injected inline
 *   script IS blocked (so the listener can see a violation when there is one);
 * - the session cookie is invisible to page scripts (HttpOnly), SameSite=Lax, and Secure with HSTS
 *   when secureCookies is on;
 * - the login brake over real HTTP: per account (its name and phone together), and a slow-down per
 *   client address, never a lock (a compound shares one carrier address), which a forged
 *   X-Forwarded-For does not escape;
 * - a page of another origin on the same host cannot open the collaboration websocket, and a client
 *   that does carry the session cookie is refused for any Origin but the app's own — another port
 *   of the same host, a look-alike host name, the opaque "null" origin.
 */
import { authEndpoints } from '@yishi/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readAnswer } from '../../packages/server/src/testing/test-app.js';
import { launchBrowser, loginAs, newPhonePage } from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let dsct: string;
let openVoteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  openVoteId = (await server.deps.db.selectFrom('votes').select('id').where('status', '=', 'open').where('compound_id', '=', dsct).executeTakeFirstOrThrow())
    .id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Watch {
  violations: () => Promise<Array<{ directive: string; blocked: string; sample: string }>>;
  consoleErrors: string[];
}

/** Records CSP violations (from the first script on) and console/page errors of a page. */
async function watch(page: Page): Promise<Watch> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // An anonymous visitor's "who am I?" answered 401 is the app asking, not an error.
    if (m.type() === 'error' && !(/status of 401/.test(m.text()) && m.location().url.endsWith('/api/me')))
      consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return {
    violations: () => page.evaluate(() => (window as unknown as { __csp: Array<{ directive: string; blocked: string; sample: string }> }).__csp),
    consoleErrors,
  };
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main').getByRole('heading', { level: 1 }).first().waitFor();
}

describe('the built app under its content security policy', () => {
  it('serves every page with the policy: own scripts only, no inline script, no framing', async () => {
    for (const path of ['/', '/login', `/board/${dsct}`, `/votes/${openVoteId}`]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('the login page, the public board, the home page and the voting page run with no violation and no console error', async () => {
    const page = await newPhonePage(browser);
    try {
      const w = await watch(page);
      await page.goto(`${server.url}/board/${dsct}`);
      await settle(page);
      await loginAs(page, server.url, 'yezhu');
      await settle(page);
      await page.goto(`${server.url}/votes/${openVoteId}`);
      await settle(page);
      await page
        .getByText(/利用小区共有场地建设电动自行车充电棚/)
        .first()
        .waitFor();
      await page.goto(`${server.url}/`);
      await settle(page);
      expect(await w.violations()).toEqual([]);
      expect(w.consoleErrors).toEqual([]);

      // The listener sees violations when there are any: an injected inline script is blocked.
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran).toBe(false);
      expect((await w.violations()).map((v) => v.directive)).toContain('script-src-elem');
    } finally {
      await page.context().close();
    }
  });

  it('the session cookie is not readable by page scripts', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'yezhu');
      const cookies = await page.context().cookies(server.url);
      const session = cookies.find((c) => c.name === 'yishi_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      expect(await page.evaluate(() => document.cookie)).not.toContain('yishi_session');
    } finally {
      await page.context().close();
    }
  });
});

describe('cookies and transport behind HTTPS (secureCookies on)', () => {
  it('marks the session cookie Secure, HttpOnly, SameSite=Lax and sends HSTS', async () => {
    const secure = await startTestServer({ web: false, config: { secureCookies: true } });
    try {
      const res = await fetch(`${secure.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'yezhu', password: 'yishi2026' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^yishi_session=[\w-]{40,};/);
      for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(cookie).toContain(flag);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });

  it('without secureCookies (plain HTTP on a LAN) the cookie is not Secure and there is no HSTS', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'yezhu2', password: 'yishi2026' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toContain('Secure');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('login brake over real HTTP', () => {
  const login = (url: string, body: { login: string; password: string }, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('five wrong passwords lock the account, by name or phone; thirty failures slow the address down, forged X-Forwarded-For or not, never lock it', async () => {
    const braked = await startTestServer({ web: false });
    try {
      for (let i = 0; i < 5; i++) expect((await login(braked.url, { login: i % 2 ? 'shequ' : '13700000002', password: `bad${i}` })).status).toBe(401);
      const locked = await readAnswer(authEndpoints.login, await login(braked.url, { login: 'shequ', password: 'yishi2026' }));
      expect(locked.status).toBe(429);
      expect(Number(locked.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.error).toMatchObject({ code: 'login_locked', message: expect.stringMatching(/分钟/) });
      expect((await login(braked.url, { login: 'jiedao', password: 'yishi2026' })).status).toBe(200);

      // Guessing across many accounts from one address: 30 failures in all, then logins from that
      // address are slowed (said in a header), but a right password still gets in; a made-up
      // X-Forwarded-For changes nothing.
      for (let i = 0; i < 25; i++) {
        const res = await login(braked.url, { login: `guess${i}`, password: 'x' }, { 'x-forwarded-for': `10.0.${i}.1` });
        expect(res.status).toBe(401);
      }
      const fromAddress = await login(braked.url, { login: 'zhanzhang', password: 'yishi2026' }, { 'x-forwarded-for': '10.9.9.9' });
      expect(fromAddress.status).toBe(200);
      expect(Number(fromAddress.headers.get('x-login-delay-ms'))).toBeGreaterThan(0);
    } finally {
      await braked.close();
    }
  });
});

describe('collaboration websocket from a page of another origin', () => {
  let foreign: Server;
  let foreignUrl: string;
  beforeAll(async () => {
    // Another service on the same host (another port).
    foreign = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>other</title><p>other site</p>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

  /** Opens the agenda socket from the page's own origin; 'open' or the close code of a refusal. */
  const tryOpen = (page: Page, wsUrl: string) =>
    page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new window.WebSocket(url);
          ws.onopen = () => {
            ws.close();
            resolve('open');
          };
          ws.onclose = (e) => resolve(`closed ${e.code}`);
          setTimeout(() => resolve('timeout'), 5000);
        }),
      wsUrl,
    );

  it('the foreign page cannot open the socket; the app itself can', async () => {
    const meeting = await server.deps.db.selectFrom('meetings').select('id').where('compound_id', '=', dsct).executeTakeFirstOrThrow();
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/collab/agenda-${meeting.id}`;
    const page = await newPhonePage(browser);
    try {
      await loginAs(page, server.url, 'zhanzhang');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      const handshakes: Array<Record<string, string>> = [];
      cdp.on('Network.webSocketWillSendHandshakeRequest', (e: { request: { headers: Record<string, string> } }) => handshakes.push(e.request.headers));

      expect(await tryOpen(page, wsUrl)).toBe('open');

      await page.goto(foreignUrl);
      expect(await tryOpen(page, wsUrl)).toBe('closed 1006');
      const sent = handshakes.at(-1)!;
      const header = (name: string) => Object.entries(sent).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
      expect(header('origin')).toBe(foreignUrl);
      // Chromium does not even attach the session cookie to this handshake; the Origin check below
      // is what stops a client that does.
      expect(header('cookie')).not.toContain('yishi_session=');
    } finally {
      await page.context().close();
    }
  });
});

describe('collaboration websocket origin check with a valid session', () => {
  const handshake = (url: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', reject);
    });

  it("upgrades only for the app's own Origin", async () => {
    const meeting = await server.deps.db.selectFrom('meetings').select('id').where('compound_id', '=', dsct).executeTakeFirstOrThrow();
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/collab/agenda-${meeting.id}`;
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'zhanzhang', password: 'yishi2026' }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const own = new URL(server.url);
    expect(await handshake(wsUrl, { cookie, origin: own.origin })).toBe(101);
    // The same host under https is allowed on purpose (TLS ends at a proxy in front of the server).
    expect(await handshake(wsUrl, { cookie, origin: `https://${own.host}` })).toBe(101);
    for (const origin of [`http://${own.hostname}:${Number(own.port) + 1}`, 'null', `http://${own.hostname}.evil.example:${own.port}`, 'http://localhost']) {
      expect(await handshake(wsUrl, { cookie, origin }), origin).toBe(403);
    }
  });
});
