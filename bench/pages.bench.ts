/**
 * Pages benchmark: what a resident's phone downloads and how soon it shows something, for the
 * resident voting page (/votes/<open vote>, logged in as the owner yezhu; also by one who chose English) and the public board
 * (/board/<DSCT>, anonymous). Real Chromium with a throttled phone-like profile through the DevTools
 * protocol ("Slow 4G"-like: 150 ms RTT, 1.6 Mbps down, 750 kbps up; CPU 4× slower), cold cache
 * (a fresh browser context per run), then one warm reload in the same context.
 *
 * Build first, then run:
 *   npm run build -w @yishi/core && npm run build -w @yishi/web
 *   npx tsx bench/pages.bench.ts            # BENCH_RUNS=5 for more runs (median reported)
 *   BENCH_BEFORE_DIST=/tmp/old-dist npx tsx bench/pages.bench.ts   # also an older build, same run
 *   BENCH_PAGES=voting,public npx tsx bench/pages.bench.ts          # only these pages (name prefixes)
 *   BENCH_LIST_SCRIPTS=1 …                                           # also list what each visit fetched, when
 *
 * Pages: the voting page (owner), the public board (anonymous), a meeting page (the station chief),
 * the page a resident asks an evening-talk question on (a resident), the owners' roll check, receipts,
 * the turnout navigator, login and activation, the dashboard (community staff), and an owner's My
 * account, the lists of meetings and votes, and a signed-off action item to rate. JS gzip KiB: the scripts the page loaded, each gzipped (level 9) from the build ("of it by content": those fetched when the page's own data came on screen, by
 * Resource Timing; the rest are idle prefetches and parts asked for after load), against issue 18's budgets (voting page 30 KiB, board 45 KiB). Then Lighthouse
 * (its default mobile preset: emulated phone, simulated slow 4G and 4× CPU) on the board: performance
 * score, cumulative layout shift, total blocking time, largest contentful paint; median of
 * LIGHTHOUSE_RUNS (3), the builds taking turns run by run. Chromium at /usr/bin/chromium (YISHI_CHROMIUM).
 *
 * Transferred bytes: the sum of encodedDataLength of Network.loadingFinished (headers + compressed
 * bodies, as on the wire). FCP: the browser's first-contentful-paint entry. Content: when the page's
 * own data is on screen (the vote title; the board's compound name in the page body), in
 * performance.now() time from navigation start.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium, type BrowserContext } from 'playwright-core';
import { PHONE_PROFILE, median, serveDemo, throttleLikeAPhone } from './phone-visits.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const WEB_DIST = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;
const BUDGET_KIB: Record<string, number> = { 'voting page (owner)': 30, 'public board (anonymous)': 45 };
const CHROMIUM = process.env.YISHI_CHROMIUM ?? '/usr/bin/chromium';
/** Only the pages whose names start with one of these (BENCH_PAGES=voting,public): all of them when unset. */
const PAGES = (process.env.BENCH_PAGES ?? '').split(',').filter(Boolean);

for (const dist of [WEB_DIST, BEFORE_DIST].filter((d): d is string => d !== undefined)) {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`The web app is not built (${dist}). Run: npm run build -w @yishi/core && npm run build -w @yishi/web`);
    process.exit(1);
  }
}

interface Sample {
  requests: number;
  bytes: number;
  /** Scripts loaded, and their gzip (level 9) bytes from the build. */
  scripts: number;
  jsGzip: number;
  /** Of those, the ones the page had fetched when its own data came on screen (the rest: idle prefetches, parts asked for after load). */
  jsAtContent: number;
  fcp: number;
  content: number;
  load: number;
}

/** One build served by its own server over a fresh demo database, with the pages to visit there. */
async function serve(webDist: string) {
  const demo = await serveDemo(webDist, 'pages');
  const { db } = demo;
  const dsct = await db.selectFrom('compounds').select(['id', 'name']).where('code', '=', 'DSCT').executeTakeFirstOrThrow();
  const openVote = await db
    .selectFrom('votes')
    .select(['id', 'title'])
    .where('status', '=', 'open')
    .where('compound_id', '=', dsct.id)
    .executeTakeFirstOrThrow();
  const closedVote = await db
    .selectFrom('votes')
    .select(['id'])
    .where('status', '=', 'closed')
    .where('compound_id', '=', dsct.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const meeting = await db.selectFrom('meetings').select(['id', 'title']).where('compound_id', '=', dsct.id).orderBy('id').executeTakeFirstOrThrow();
  // The evening talk a resident asks a question at, from the QR code on the board.
  const talk = await db
    .selectFrom('meetings')
    .select(['id', 'title'])
    .where('compound_id', '=', dsct.id)
    .where('kind', '=', 'evening_talk')
    .where('status', 'in', ['scheduled', 'in_session'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // A signed-off action item its owner may rate.
  const ratedItem = await db.selectFrom('action_items').select(['id', 'title']).where('title', 'like', '3栋楼道%').executeTakeFirstOrThrow();

  const cases: PageCase[] = [
    { name: 'voting page (owner)', path: `/votes/${openVote.id}`, text: openVote.title, user: 'yezhu' },
    // The same visit by an owner who chose English on this phone (the choice in its storage and cookie).
    { name: 'voting page in English (owner)', path: `/votes/${openVote.id}`, text: openVote.title, user: 'yezhu', english: true },
    { name: 'public board (anonymous)', path: `/board/${dsct.id}`, text: dsct.name, user: null },
    { name: 'meeting page (station chief)', path: `/meetings/${meeting.id}`, text: meeting.title, user: 'zhanzhang' },
    { name: 'ask page (resident)', path: `/meetings/${talk.id}/ask`, text: talk.title, user: 'jumin' },
    { name: 'roll check (owner)', path: `/votes/${openVote.id}/roll-check`, text: '表决名册核对', user: 'yezhu' },
    { name: 'receipts (owner)', path: `/votes/${closedVote.id}/receipts`, text: '回执码公示', user: 'yezhu' },
    { name: 'navigator (station chief)', path: `/votes/${openVote.id}/navigator`, text: openVote.title, user: 'zhanzhang' },
    { name: 'login page (anonymous)', path: '/login', text: '登录议事', user: null },
    { name: 'activation page (owner)', path: '/activate', text: '激活账号', user: null },
    { name: 'dashboard (community staff)', path: '/dashboard', text: '议事工作统计', user: 'shequ' },
    { name: 'my account (owner)', path: '/account', text: '本机', user: 'yezhu' },
    { name: 'meetings list (resident)', path: `/compounds/${dsct.id}/meetings`, text: meeting.title, user: 'jumin' },
    { name: 'votes list (owner)', path: `/compounds/${dsct.id}/votes`, text: openVote.title, user: 'yezhu' },
    { name: 'action item (owner)', path: `/action-items/${ratedItem.id}`, text: '评价办理结果', user: 'yezhu' },
  ];
  return { ...demo, cases };
}

interface PageCase {
  name: string;
  path: string;
  text: string;
  /** Logged in as this demo user; null for an anonymous visitor. */
  user: string | null;
  /** The visitor chose English on this phone. */
  english?: boolean;
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

/** Gzipped (level 9) bytes of a built script, as the budget test counts them. */
function gzipOf(webDist: string, pathname: string): number {
  const file = join(webDist, pathname);
  return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
}

/** Loads `path` in `context` under the throttled profile; the page stays open for a warm reload. */
async function measure(context: BrowserContext, base: string, webDist: string, path: string, expectText: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    const cdp = await throttleLikeAPhone(context, page);
    let bytes = 0;
    let requests = 0;
    const scripts = new Set<string>();
    cdp.on('Network.responseReceived', (e: { type: string; response: { url: string } }) => {
      if (e.type === 'Script') scripts.add(new URL(e.response.url).pathname);
    });
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: 120_000 });
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
    // The scripts fetched by then, by Resource Timing (modulepreload links and imports alike).
    const scriptsAtContent = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.responseEnd <= ${contentAt} && new URL(e.name).pathname.endsWith('.js')).map((e) => new URL(e.name).pathname)`,
    )) as string[];
    await page.waitForLoadState('networkidle');
    const timing = (await page.evaluate(`({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? NaN,
    })`)) as { fcp: number; load: number };
    const jsGzip = [...scripts].reduce((sum, pathname) => sum + gzipOf(webDist, pathname), 0);
    // BENCH_LIST_SCRIPTS=1: what the visit fetched, in the order it started (ms from navigation start), each script with its gzipped size.
    if (process.env.BENCH_LIST_SCRIPTS) {
      const entries = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd])`)) as [
        string,
        number,
        number,
      ][];
      console.error(
        `${path} (its data on screen at ${contentAt.toFixed(0)} ms):\n` +
          entries
            .sort((a, b) => a[1] - b[1])
            .map(([pathname, start, end]) => {
              const size = pathname.endsWith('.js') ? `${(gzipOf(webDist, pathname) / 1024).toFixed(1).padStart(5)} KiB` : '         ';
              return `  ${start.toFixed(0).padStart(5)}–${end.toFixed(0).padStart(5)} ms ${size}  ${pathname}`;
            })
            .join('\n'),
      );
    }
    const jsAtContent = [...new Set(scriptsAtContent)].reduce((sum, pathname) => sum + gzipOf(webDist, pathname), 0);
    return { requests, bytes, scripts: scripts.size, jsGzip, jsAtContent, fcp: timing.fcp, content: contentAt, load: timing.load };
  } finally {
    await page.close();
  }
}

interface LighthouseSample {
  score: number;
  cls: number;
  tbt: number;
  lcp: number;
  fcp: number;
}

/** Lighthouse's default (mobile) run of the performance category, in its own Chromium; null when the run failed (its runtimeError). */
async function lighthouseRun(url: string, label: string): Promise<LighthouseSample | null> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    if (!result) throw new Error('Lighthouse returned nothing');
    const { lhr } = result;
    // BENCH_LH_DUMP=<dir>: keep each run's report (its long tasks, main-thread breakdown and LCP element).
    if (process.env.BENCH_LH_DUMP)
      writeFileSync(`${process.env.BENCH_LH_DUMP}/lighthouse-${label.replace(/\W/g, '-')}-${Date.now()}.json`, JSON.stringify(lhr));
    if (lhr.runtimeError) {
      console.error(`Lighthouse run failed: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      return null;
    }
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      score: (lhr.categories.performance?.score ?? NaN) * 100,
      cls: audit('cumulative-layout-shift'),
      tbt: audit('total-blocking-time'),
      lcp: audit('largest-contentful-paint'),
      fcp: audit('first-contentful-paint'),
    };
  } finally {
    await chrome.kill();
  }
}

const builds = [...(BEFORE_DIST ? [{ label: 'before', dist: BEFORE_DIST }] : []), { label: BEFORE_DIST ? 'after' : 'this build', dist: WEB_DIST }];
const rows: string[][] = [];
const lighthouseRows: string[][] = [];
try {
  for (const build of builds) {
    const server = await serve(build.dist);
    try {
      for (const c of server.cases.filter((c) => PAGES.length === 0 || PAGES.some((p) => c.name.startsWith(p)))) {
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
            if (c.user) await server.logIn(context, c.user);
            if (c.english) {
              await context.addCookies([{ name: 'yishi_locale', value: 'en', url: server.url }]);
              await context.addInitScript(() => localStorage.setItem('yishi.locale', 'en'));
            }
            const sample = () =>
              measure(context, server.url, build.dist, c.path, c.text).catch((error: Error) =>
                Promise.reject(new Error(`${build.label}, ${c.name}: ${error.message}`)),
              );
            cold.push(await sample());
            warm.push(await sample());
          } finally {
            await context.close();
          }
        }
        for (const [cache, samples] of [
          ['cold', cold],
          ['warm', warm],
        ] as const) {
          const budget = BUDGET_KIB[c.name];
          const js = median(samples.map((s) => s.jsGzip)) / 1024;
          rows.push([
            build.label,
            c.name,
            cache,
            String(median(samples.map((s) => s.requests))),
            (median(samples.map((s) => s.bytes)) / 1024).toFixed(1),
            cache === 'cold' ? String(median(samples.map((s) => s.scripts))) : '',
            cache === 'cold' ? js.toFixed(1) : '',
            cache === 'cold' ? (median(samples.map((s) => s.jsAtContent)) / 1024).toFixed(1) : '',
            cache === 'cold' && budget ? `${budget} (${(js / budget).toFixed(2)}×)` : '',
            median(samples.map((s) => s.fcp)).toFixed(0),
            median(samples.map((s) => s.content)).toFixed(0),
            median(samples.map((s) => s.load)).toFixed(0),
          ]);
        }
      }
    } finally {
      await server.close();
    }
  }
  // Lighthouse on the board only (none when the board is not among BENCH_PAGES or LIGHTHOUSE_RUNS=0), the builds taking
  // turns run by run, each on its own server: a host that slows down part-way slows both builds alike.
  if (LIGHTHOUSE_RUNS > 0 && (PAGES.length === 0 || PAGES.some((p) => 'public board'.startsWith(p)))) {
    const servers = await Promise.all(builds.map((build) => serve(build.dist)));
    try {
      const samples = builds.map((): LighthouseSample[] => []);
      for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
        for (const [i, server] of servers.entries()) {
          const board = server.cases.find((c) => c.user === null)!;
          const sample = await lighthouseRun(`${server.url}${board.path}`, builds[i]!.label);
          if (sample && Number.isFinite(sample.score)) samples[i]!.push(sample);
        }
      }
      for (const [i, build] of builds.entries()) {
        const mine = samples[i]!;
        if (mine.length === 0) throw new Error(`${build.label}: every Lighthouse run failed`);
        lighthouseRows.push([
          build.label,
          `${mine.length}/${LIGHTHOUSE_RUNS}`,
          median(mine.map((s) => s.score)).toFixed(0),
          `${Math.min(...mine.map((s) => s.score)).toFixed(0)}–${Math.max(...mine.map((s) => s.score)).toFixed(0)}`,
          median(mine.map((s) => s.cls)).toFixed(3),
          Math.max(...mine.map((s) => s.cls)).toFixed(3),
          median(mine.map((s) => s.tbt)).toFixed(0),
          median(mine.map((s) => s.fcp)).toFixed(0),
          median(mine.map((s) => s.lcp)).toFixed(0),
        ]);
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  }
} finally {
  await browser.close();
}

function printTable(header: string[], body: string[][], leftColumns: number): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w, i) => (i < leftColumns ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const row of body) console.log(line(row));
}

console.log(
  `\nPages in Chromium, phone profile: ${PHONE_PROFILE.latencyMs} ms RTT, ${PHONE_PROFILE.downKbps / 1000} Mbps down / ${PHONE_PROFILE.upKbps} kbps up, CPU ${PHONE_PROFILE.cpuSlowdown}× slower; median of ${RUNS} runs (cold = fresh context, warm = reload in the same context)\n`,
);
printTable(
  [
    'build',
    'page',
    'cache',
    'requests',
    'transferred KiB',
    'scripts',
    'JS gzip KiB',
    'of it by content',
    'budget KiB (ratio)',
    'FCP ms',
    'content ms',
    'load ms',
  ],
  rows,
  3,
);
console.log(`\nLighthouse (mobile preset, simulated throttling) on the public board; median of the runs that completed (of ${LIGHTHOUSE_RUNS})\n`);
printTable(['build', 'runs', 'performance', 'range', 'CLS', 'CLS max', 'TBT ms', 'FCP ms', 'LCP ms'], lighthouseRows, 1);
