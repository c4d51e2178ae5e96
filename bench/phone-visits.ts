/**
 * What the page benchmarks share (pages.bench.ts, page-moves.bench.ts): a build served over a fresh
 * demo database with sessions written straight into it (no login form in the timing), the phone
 * profile they throttle Chromium to, and the median they report.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { startServer, testConfig } from '../packages/server/src/index.js';
import { hashToken } from '../packages/server/src/services/auth.service.js';

/** "Slow 4G"-like: 150 ms RTT, 1.6 Mbps down, 750 kbps up; CPU 4× slower. */
export const PHONE_PROFILE = { latencyMs: 150, downKbps: 1600, upKbps: 750, cpuSlowdown: 4 };

/** One build served by its own server over a fresh demo database (removed on close). */
export async function serveDemo(webDist: string, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `yishi-${name}-bench-`));
  const running = await startServer(testConfig({ databasePath: join(dir, 'bench.db'), port: 0, host: '127.0.0.1', seedDemo: true, webDist }));
  const { db } = running.deps;

  /** A session for a demo user, written straight into the database. */
  async function session(username: string): Promise<string> {
    const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
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

  return {
    url: running.url,
    db,
    session,
    /** Logs `context` in as the demo user. */
    async logIn(context: BrowserContext, username: string): Promise<void> {
      const { hostname } = new URL(running.url);
      await context.addCookies([{ name: 'yishi_session', value: await session(username), domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    },
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Throttles the page's network and CPU to the phone profile; answers its DevTools session. */
export async function throttleLikeAPhone(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE_PROFILE.latencyMs,
    downloadThroughput: (PHONE_PROFILE.downKbps * 1000) / 8,
    uploadThroughput: (PHONE_PROFILE.upKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });
  return cdp;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
