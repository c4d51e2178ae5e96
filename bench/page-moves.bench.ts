/**
 * Moves within the app on a phone: how long from a tap on an in-app link until the next page's own
 * data is on screen, when that page's files are not in the browser yet (cold cache, no service
 * worker). The shell names the next page's files from the route files it fetched after the first
 * page (packages/web/src/app/route-files.ts); before 2026-12-07 a preload map in the shell did it.
 * Same phone profile as bench/pages.bench.ts (150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU 4× slower).
 *
 * Moves, each from the home page of a logged-in owner (yezhu), after its load and a quiet second:
 * to the open vote (the link on the home page), and to his concern (an action item page).
 *
 *   npm run build -w @yishi/core && npm run build -w @yishi/web
 *   npx tsx bench/page-moves.bench.ts                                    # BENCH_RUNS=5 (median)
 *   BENCH_BEFORE_DIST=/tmp/old-dist npx tsx bench/page-moves.bench.ts    # an older build too, in turns
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { PHONE_PROFILE, median, serveDemo, throttleLikeAPhone } from './phone-visits.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WEB_DIST = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;
const CHROMIUM = process.env.YISHI_CHROMIUM ?? '/usr/bin/chromium';

for (const dist of [WEB_DIST, BEFORE_DIST].filter((d): d is string => d !== undefined)) {
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`The web app is not built (${dist}). Run: npm run build -w @yishi/core && npm run build -w @yishi/web`);
    process.exit(1);
  }
}

interface Move {
  name: string;
  /** The home page's link to follow. */
  link: string;
  /** Text of the next page's own data (its heading). */
  arrived: string;
}

const MOVES: Move[] = [
  { name: 'home → voting page', link: 'yishi-home-page a[href^="/votes/"]', arrived: 'yishi-vote-page h1' },
  { name: 'home → action item', link: 'yishi-home-page a[href^="/action-items/"]', arrived: 'yishi-action-item-page h1' },
];

type Demo = Awaited<ReturnType<typeof serveDemo>>;

/** Milliseconds from the tap to the next page's heading, and the scripts the move fetched. */
async function move(browser: Browser, server: Demo, m: Move): Promise<{ ms: number; scripts: number }> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    await server.logIn(context, 'yezhu');
    const page = await context.newPage();
    await throttleLikeAPhone(context, page);
    await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: 120_000 });
    await page.locator(m.link).first().waitFor({ timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    let scripts = 0;
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts++));
    const start = Date.now();
    await page.locator(m.link).first().click();
    await page.locator(m.arrived).first().waitFor({ timeout: 120_000 });
    return { ms: Date.now() - start, scripts };
  } finally {
    await context.close();
  }
}

const builds = [...(BEFORE_DIST ? [{ label: 'before', dist: BEFORE_DIST }] : []), { label: BEFORE_DIST ? 'after' : 'this build', dist: WEB_DIST }];
const servers = await Promise.all(builds.map((b) => serveDemo(b.dist, 'moves')));
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const samples = new Map<string, { ms: number[]; scripts: number[] }>();
  for (let run = 0; run < RUNS; run++) {
    // The builds take turns run by run, so that the host's drift falls on both.
    for (const [i, build] of builds.entries()) {
      for (const m of MOVES) {
        const { ms, scripts } = await move(browser, servers[i]!, m);
        const key = `${build.label}|${m.name}`;
        const s = samples.get(key) ?? { ms: [], scripts: [] };
        s.ms.push(ms);
        s.scripts.push(scripts);
        samples.set(key, s);
      }
    }
  }
  console.log(
    `\nMoves within the app on a phone (${PHONE_PROFILE.latencyMs} ms RTT, ${PHONE_PROFILE.downKbps / 1000} Mbps down, CPU ${PHONE_PROFILE.cpuSlowdown}× slower), cold cache, no service worker; median of ${RUNS} runs\n`,
  );
  console.log('| build | move | tap to heading, ms (median) | range | scripts fetched |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [key, s] of samples) {
    const [label, name] = key.split('|');
    console.log(`| ${label} | ${name} | ${median(s.ms).toFixed(0)} | ${Math.min(...s.ms)}–${Math.max(...s.ms)} | ${median(s.scripts)} |`);
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
