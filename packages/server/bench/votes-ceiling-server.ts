/**
 * The ceiling the ballots benchmark (votes.bench.ts) holds Yishi against: the least a ballot endpoint
 * can do and still be one — hono on @hono/node-server, the session cookie's sha256 looked up with its
 * account's unit, the JSON body parsed the usual hono way (c.req.json()), and one durable upsert of the
 * unit's ballot (one row per vote and unit, a new receipt each time). No roll, no history, no log, no
 * validation beyond the choice: what is left is HTTP, one session read and the commit. It runs in its
 * own process, on the same kind of storage as the Yishi server it is compared to:
 *
 *   CEILING_DB=<sqlite file | postgres url> CEILING_SESSIONS=32 node --import tsx packages/server/bench/votes-ceiling-server.ts
 *
 * SQLite: WAL and synchronous=FULL, as Yishi opens it. PostgreSQL: a pool of 10 (Yishi's size), with
 * the server's own durable settings. Session i's cookie is `yishi_session=ceiling-session-<i>` (Yishi's cookie name). Prints
 * `serving http://…` once it listens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import SqliteDatabase from 'better-sqlite3';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import pg from 'pg';

const target = process.env.CEILING_DB ?? ':memory:';
const sessions = Number(process.env.CEILING_SESSIONS ?? 32);
const VOTE = 'ceiling-vote';

interface Store {
  /** The unit the session's account votes for, or null when the session is unknown or expired. */
  unitOf: (sessionId: string, now: string) => Promise<string | null>;
  /** Inserts or replaces the unit's ballot as one durable commit. */
  upsert: (unitId: string, choicesJson: string, receipt: string, castAt: string) => Promise<void>;
}

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS c_users (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS c_sessions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES c_users(id), expires_at TEXT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS c_ballots (vote_id TEXT NOT NULL, unit_id TEXT NOT NULL, choices_json TEXT NOT NULL, receipt_code TEXT NOT NULL,
     cast_at TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (vote_id, unit_id))`,
];
const SESSION_SQL = 'SELECT u.unit_id FROM c_sessions s JOIN c_users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > $2';
const UPSERT_SQL = `INSERT INTO c_ballots (vote_id, unit_id, choices_json, receipt_code, cast_at, version) VALUES ($1, $2, $3, $4, $5, 1)
  ON CONFLICT (vote_id, unit_id) DO UPDATE SET choices_json = excluded.choices_json, receipt_code = excluded.receipt_code,
  cast_at = excluded.cast_at, version = c_ballots.version + 1`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const expires = new Date(Date.now() + 86_400_000).toISOString();

async function openStore(): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    for (const statement of SCHEMA) await pool.query(statement);
    for (let i = 0; i < sessions; i += 1) {
      await pool.query('INSERT INTO c_users VALUES ($1, $2) ON CONFLICT DO NOTHING', [`u${i}`, `unit${i}`]);
      await pool.query('INSERT INTO c_sessions VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256(`ceiling-session-${i}`), `u${i}`, expires]);
    }
    return {
      unitOf: async (id, now) => (await pool.query<{ unit_id: string }>({ name: 'session', text: SESSION_SQL, values: [id, now] })).rows[0]?.unit_id ?? null,
      upsert: async (unitId, choicesJson, receipt, castAt) => {
        await pool.query({ name: 'upsert', text: UPSERT_SQL, values: [VOTE, unitId, choicesJson, receipt, castAt] });
      },
    };
  }
  const db = new SqliteDatabase(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  for (const statement of SCHEMA) db.exec(statement);
  for (let i = 0; i < sessions; i += 1) {
    db.prepare('INSERT OR IGNORE INTO c_users VALUES (?, ?)').run(`u${i}`, `unit${i}`);
    db.prepare('INSERT OR IGNORE INTO c_sessions VALUES (?, ?, ?)').run(sha256(`ceiling-session-${i}`), `u${i}`, expires);
  }
  const session = db.prepare(SESSION_SQL.replace(/\$\d/g, '?')).pluck();
  const upsert = db.prepare(UPSERT_SQL.replace(/\$\d/g, '?'));
  return {
    unitOf: async (id, now) => (session.get(id, now) as string | undefined) ?? null,
    upsert: async (unitId, choicesJson, receipt, castAt) => {
      upsert.run(VOTE, unitId, choicesJson, receipt, castAt);
    },
  };
}

const store = await openStore();
const app = new Hono();
app.post('/api/votes/:voteId/ballots', async (c) => {
  const token = getCookie(c, 'yishi_session');
  const now = new Date().toISOString();
  const unitId = token ? await store.unitOf(sha256(token), now) : null;
  if (!unitId) return c.json({ error: { code: 'unauthenticated' } }, 401);
  let body: { choices?: unknown };
  try {
    body = (await c.req.json()) as { choices?: unknown };
  } catch {
    // A body cut off (the load generator closing its connections at the end of a run) or not JSON.
    return c.json({ error: { code: 'bad_json' } }, 400);
  }
  const choices = Array.isArray(body.choices) ? body.choices.filter((x): x is string => x === 'yes' || x === 'no' || x === 'abstain') : [];
  if (choices.length !== 1) return c.json({ error: { code: 'ballot_invalid_choice' } }, 400);
  const receiptCode = randomBytes(12).toString('base64url');
  await store.upsert(unitId, JSON.stringify(choices), receiptCode, now);
  return c.json({ voterKey: unitId, receiptCode, castAt: now }, 201);
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`serving http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
