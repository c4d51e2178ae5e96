/**
 * SIGKILL while 1,000 e-mail notices are pending: the server (its own process) is killed once the
 * receiving SMTP server has taken a few hundred, then started again on the same database. Every
 * notice is then delivered, each Message-ID arrives, and the database says every one was sent.
 * SMTP cannot promise exactly once by itself (docs/operations.md, "Notifications"): a message the
 * mail server accepted in the instant before the kill, before our commit, is sent again after the
 * restart with the same Message-ID. The test counts distinct Message-IDs (exactly the 1,000) and
 * reports the raw count; the repeats are bounded by the messages in flight at the kill.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/server/src/db/connect.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { startTestSmtpServer } from '../../packages/server/src/testing/smtp-test-server.js';
import { spawnServer } from '../support/child-server.js';
import { crashTestDatabase } from '../support/database.js';

const database = crashTestDatabase();
const COUNT = 1000;
const CONCURRENCY = 4;

async function pendingNotices(url: string): Promise<string[]> {
  const { db } = openDatabase(url);
  try {
    await migrateToLatest(db);
    const now = new Date().toISOString();
    await db
      .insertInto('notification_events')
      .values({
        id: 'crash-event',
        kind: 'vote_result',
        compound_id: null,
        subject_kind: 'vote',
        subject_id: 'crash-vote',
        dedupe_key: null,
        params_json: JSON.stringify({
          voteId: 'crash-vote',
          title: '续筹专项维修资金',
          compound: '都市春天小区',
          closesAt: now,
          outcome: '通过',
          outcome_en: 'passed',
        }),
        caused_by_user_id: null,
        created_at: now,
      })
      .execute();
    const ids = Array.from({ length: COUNT }, (_, i) => `crash-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 250) {
      await db
        .insertInto('notification_deliveries')
        .values(
          ids.slice(i, i + 250).map((id, j) => ({
            id,
            event_id: 'crash-event',
            notification_id: null,
            person_id: null,
            channel: 'email' as const,
            robot_id: null,
            address: `owner${i + j}@example.com`,
            locale: 'zh-CN',
            status: 'pending' as const,
            next_attempt_at: now,
            created_at: now,
          })),
        )
        .execute();
    }
    return ids;
  } finally {
    await db.destroy();
  }
}

async function deliveryStates(url: string) {
  const { db } = openDatabase(url);
  try {
    const rows = await db.selectFrom('notification_deliveries').select(['status']).execute();
    const attempts = await db.selectFrom('notification_attempts').select(['outcome']).execute();
    return { rows, attempts };
  } finally {
    await db.destroy();
  }
}

describe('SIGKILL with 1,000 notices pending', () => {
  it('delivers every one after the restart, each Message-ID once, and records the interrupted attempts', async () => {
    const ids = await pendingNotices(database.url);
    const smtp = await startTestSmtpServer();
    const env = {
      YISHI_SMTP_URL: smtp.url,
      YISHI_MAIL_FROM: '议事平台 <yishi@test.example>',
      YISHI_PUBLIC_URL: 'https://yishi.test.example',
      YISHI_NOTIFY_CONCURRENCY: String(CONCURRENCY),
      YISHI_NOTIFY_POLL_MS: '100',
      YISHI_NOTIFY_LEASE_SECONDS: '2',
    };
    try {
      const first = await spawnServer({ dbPath: database.url, seedDemo: false, env });
      database.track(first);
      // Killed mid-way: once the mail server has taken 300, whatever is in flight then.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (smtp.received.length >= 300) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      await first.kill('SIGKILL');
      const atKill = smtp.received.length;
      expect(atKill).toBeLessThan(COUNT);

      const second = await spawnServer({ dbPath: database.url, seedDemo: false, env });
      database.track(second);
      await expect.poll(() => new Set(smtp.received.map((m) => m.messageId)).size, { timeout: 60_000, interval: 100 }).toBe(COUNT);
      await expect.poll(async () => (await deliveryStates(database.url)).rows.every((r) => r.status === 'sent'), { timeout: 20_000, interval: 100 }).toBe(true);
      await second.kill('SIGTERM');

      const expected = new Set(ids.map((id) => `<${id}.crash-event@yishi.test.example>`));
      const distinct = new Set(smtp.received.map((m) => m.messageId));
      expect([...distinct].filter((id) => !expected.has(id))).toEqual([]);
      expect(distinct.size).toBe(COUNT);
      const repeats = smtp.received.length - distinct.size;
      // Only a message in flight at the kill can arrive twice: at most one per sending lane.
      expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
      const { rows, attempts } = await deliveryStates(database.url);
      expect(rows).toHaveLength(COUNT);
      expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(COUNT);
      // What was under way when the process died is recorded as interrupted (SQLite, at the restart) or left open (PostgreSQL, taken over after its lease).
      // The kill lands with the lanes busy (4 and 8 in CI's runs): at least one attempt is left unfinished.
      const unfinished = attempts.filter((a) => a.outcome !== 'sent').length;
      expect(unfinished).toBeGreaterThan(0);
      expect(unfinished).toBeLessThanOrEqual(CONCURRENCY * 4);
      console.log(
        `[crash-notifications] ${atKill} received before SIGKILL; after restart ${distinct.size} distinct Message-IDs, ${smtp.received.length} messages received (${repeats} repeated), ${attempts.length - COUNT} attempts interrupted`,
      );
    } finally {
      await smtp.close();
    }
  });
});
