/**
 * Pages benchmark: what a resident's phone downloads and how soon it shows something, for the
 * resident voting page (/votes/<open vote>, logged in as the owner yezhu) and the public board
 * (/board/<DSCT>, anonymous). Real Chromium with a throttled phone-like profile through the DevTools
 * protocol ("Slow 4G"-like: 150 ms RTT, 1.6 Mbps down, 750 kbps up; CPU 4× slower), cold cache
 * (a fresh browser context per run), then one warm reload in the same context.
 *
 * Build first, then run:
 *   npm run build -w @yishi/core && npm run build -w @yishi/web
 *   npx tsx bench/pages.bench.ts            # BENCH_RUNS=5 for more runs (median reported)
 *
 * Transferred bytes: the sum of encodedDataLength of Network.loadingFinished (headers + compressed
 * bodies, as on the wire). FCP: the browser's first-contentful-paint entry. Content: when the page's
 * own data is on screen (the vote title; the board's compound name in the page body), in
 * performance.now() time from navigation start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { startServer, testConfig } from '../packages/server/src/index.js';
import { hashToken } from '../packages/server/src/services/auth.service.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WEB_DIST = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const CHROMIUM = process.env.YISHI_CHROMIUM ?? '/usr/bin/chromium';
const PROFILE = { latencyMs: 150, downKbps: 1600, upKbps: 750, cpuSlowdown: 4 };

if (!existsSync(join(WEB_DIST, 'index.html'))) {
  console.error(`The web app is not built (${WEB_DIST}). Run: npm run build -w @yishi/core && npm run build -w @yishi/web`);
  process.exit(1);
}

interface Sample {
  requests: number;
  bytes: number;
  fcp: number;
  content: number;
  load: number;
}

const dir = mkdtempSync(join(tmpdir(), 'yishi-pages-bench-'));
const running = await startServer(testConfig({ databasePath: join(dir, 'bench.db'), port: 0, host: '127.0.0.1', seedDemo: true, webDist: WEB_DIST }));
const { db } = running.deps;
const dsct = await db.selectFrom('compounds').select(['id', 'name']).where('code', '=', 'DSCT').executeTakeFirstOrThrow();
const openVote = await db.selectFrom('votes').select(['id', 'title']).where('status', '=', 'open').where('compound_id', '=', dsct.id).executeTakeFirstOrThrow();

/** A session for the demo owner, written straight into the database (no login form in the timing). */
async function ownerSession(): Promise<string> {
  const user = await db.selectFrom('users').select('id').where('username', '=', 'yezhu').executeTakeFirstOrThrow();
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const later = new Date(now.getTime() + 86_400_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: later,
      absolute_expires_at: later,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return token;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
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

/** Loads `path` in `context` under the throttled profile; the page stays open for a warm reload. */
async function measure(context: BrowserContext, path: string, expectText: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: (PROFILE.downKbps * 1000) / 8,
      uploadThroughput: (PROFILE.upKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    await page.goto(`${running.url}${path}`, { waitUntil: 'load', timeout: 120_000 });
    // The page's own data on screen: search the text through every shadow root, each frame.
    // (No named inner functions: the bundler would wrap them in a helper the page does not have.)
    const content = await page.waitForFunction(
      (text) => {
        const stack: Array<Document | ShadowRoot> = [document];
        while (stack.length > 0) {
          for (const el of stack.pop()!.querySelectorAll('*')) {
            if (el.shadowRoot) stack.push(el.shadowRoot);
            if (!el.closest('header, head') && Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').includes(text)))
              return performance.now();
          }
        }
        return false;
      },
      expectText,
      { polling: 'raf', timeout: 120_000 },
    );
    const contentAt = (await content.jsonValue()) as number;
    await page.waitForLoadState('networkidle');
    const timing = (await page.evaluate(`({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? NaN,
    })`)) as { fcp: number; load: number };
    return { requests, bytes, fcp: timing.fcp, content: contentAt, load: timing.load };
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface PageCase {
  name: string;
  path: string;
  text: string;
  owner: boolean;
}
const cases: PageCase[] = [
  { name: 'voting page (owner)', path: `/votes/${openVote.id}`, text: openVote.title, owner: true },
  { name: 'public board (anonymous)', path: `/board/${dsct.id}`, text: dsct.name, owner: false },
];

const rows: string[][] = [];
try {
  for (const c of cases) {
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      try {
        if (c.owner) {
          const { hostname } = new URL(running.url);
          await context.addCookies([{ name: 'yishi_session', value: await ownerSession(), domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
        }
        cold.push(await measure(context, c.path, c.text));
        warm.push(await measure(context, c.path, c.text));
      } finally {
        await context.close();
      }
    }
    for (const [cache, samples] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      rows.push([
        c.name,
        cache,
        String(median(samples.map((s) => s.requests))),
        (median(samples.map((s) => s.bytes)) / 1024).toFixed(1),
        median(samples.map((s) => s.fcp)).toFixed(0),
        median(samples.map((s) => s.content)).toFixed(0),
        median(samples.map((s) => s.load)).toFixed(0),
      ]);
    }
  }
} finally {
  await browser.close();
  await running.close();
  rmSync(dir, { recursive: true, force: true });
}

const header = ['page', 'cache', 'requests', 'transferred KiB', 'FCP ms', 'content ms', 'load ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
console.log(
  `\nPages in Chromium, phone profile: ${PROFILE.latencyMs} ms RTT, ${PROFILE.downKbps / 1000} Mbps down / ${PROFILE.upKbps} kbps up, CPU ${PROFILE.cpuSlowdown}× slower; median of ${RUNS} runs (cold = fresh context, warm = reload in the same context)\n`,
);
console.log(line(header));
console.log(`| ${widths.map((w, i) => (i < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
