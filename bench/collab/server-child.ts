/**
 * One collaboration server in its own process, so its memory can be measured alone. Started by
 * collab.bench.ts with the kind as argument; talks to the parent over IPC:
 *   → { type: 'ready', port, cookie? }       once listening
 *   ← { type: 'docs', count }  → { type: 'docs', names }   prepare document names (Yishi: real meetings)
 *   ← { type: 'memory' }       → { type: 'memory', heapUsed, rss }   after a full GC
 *   ← { type: 'heapsnapshot', path? } → { type: 'heapsnapshot', path }   a V8 heap snapshot (for analysis)
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
const kind = process.argv[2];
const port = Number(process.argv[3] ?? 0);
const dbPath = process.argv[4];

type Reply = (message: unknown) => void;
const send: Reply = (message) => process.send?.(message);
// Names as long as Yishi's (`agenda-` + a 16-character id), so every server keeps the same bytes per name.
let prepareDocs: (count: number) => Promise<string[]> = async (count) => Array.from({ length: count }, (_, i) => `agenda-${String(i).padStart(16, '0')}`);

/** Things to undo when the bench stops this server (a PostgreSQL database to drop). */
const cleanups: Array<() => Promise<void>> = [];

/** A fresh database on the PostgreSQL server BENCH_PG names (an admin URL, see bench/pg-server.sh). */
async function newPgDatabase(): Promise<string> {
  const adminUrl = process.env.BENCH_PG;
  if (!adminUrl) throw new Error('yishi-pg needs BENCH_PG (bench/pg-server.sh start prints it)');
  const { createPostgresDatabase } = await import('../../packages/server/src/testing/pg-database.js');
  const database = await createPostgresDatabase(adminUrl, 'yishi_collab_bench');
  cleanups.push(database.drop);
  return database.url;
}

async function startYishi(onPostgres: boolean): Promise<{ port: number; cookie: string }> {
  const { startServer, testConfig } = await import('../../packages/server/src/index.js');
  const { collabHubFor } = await import('../../packages/server/src/collab/index.js');
  const { newId } = await import('../../packages/server/src/db/ids.js');
  const { hashToken } = await import('../../packages/server/src/services/auth.service.js');
  const path = onPostgres ? await newPgDatabase() : (dbPath ?? join(mkdtempSync(join(tmpdir(), 'yishi-bench-')), 'bench.db'));
  // Every editor of the bench uses one login: lift the per-person socket cap (8 in production).
  const config = testConfig({ databasePath: path, port, host: '127.0.0.1', seedDemo: true, collabMaxSocketsPerUser: 100_000 });
  const running = await startServer(config);
  cleanups.unshift(() => running.close());
  const { db } = running.deps;
  // BENCH_COLLAB_DURABILITY=commit: every live update fsynced before it is sent (see persistence.ts).
  const hub = collabHubFor(running.deps);
  if (hub && process.env.BENCH_COLLAB_DURABILITY) hub.options.durability = process.env.BENCH_COLLAB_DURABILITY as 'commit' | 'process';
  const user = await db.selectFrom('users').select('id').where('username', '=', 'jiedao').executeTakeFirstOrThrow();
  const compound = await db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
  const token = `bench${'x'.repeat(40)}`;
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 86_400_000).toISOString();
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: user.id, created_at: now, expires_at: later, absolute_expires_at: later, last_seen_at: now })
    .execute();
  prepareDocs = async (count) => {
    const existing = await db.selectFrom('meetings').select('id').where('title', 'like', 'bench %').orderBy('title').execute();
    const ids = existing.map((m) => m.id);
    for (let i = ids.length; i < count; i++) {
      const id = newId();
      await db
        .insertInto('meetings')
        .values({
          id,
          compound_id: compound.id,
          kind: 'four_party',
          title: `bench ${String(i).padStart(5, '0')}`,
          starts_at: later,
          duration_minutes: 90,
          place: '服务站',
          status: 'draft',
          convener_user_id: user.id,
          agenda_frozen_at: null,
          scheduled_at: null,
          started_at: null,
          closed_at: null,
          hall_agenda_item_id: null,
          hall_question_id: null,
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
      ids.push(id);
    }
    return ids.slice(0, count).map((id) => `agenda-${id}`);
  };
  return { port: running.port, cookie: `yishi_session=${token}` };
}

async function startReference(): Promise<{ port: number }> {
  const { setupWSConnection } = require('y-websocket-v2/bin/utils') as { setupWSConnection: (ws: unknown, req: unknown) => void };
  const server = http.createServer((_req, res) => res.end('okay'));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port };
}

async function startHocuspocus(): Promise<{ port: number }> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  return { port: server.address.port };
}

const started =
  kind === 'yishi' || kind === 'yishi-pg' ? await startYishi(kind === 'yishi-pg') : kind === 'reference' ? await startReference() : await startHocuspocus();
send({ type: 'ready', ...started });

process.on('message', async (message: { type: string; count?: number }) => {
  if (message.type === 'memory') {
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'memory', heapUsed, rss });
  } else if (message.type === 'heapsnapshot') {
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    const { writeHeapSnapshot } = await import('node:v8');
    send({ type: 'heapsnapshot', path: writeHeapSnapshot((message as { path?: string }).path) });
  } else if (message.type === 'docs') {
    send({ type: 'docs', names: await prepareDocs(message.count ?? 1) });
  }
});
// A normal exit (so that --cpu-prof gets to write its profile), after closing the server and
// dropping its PostgreSQL database; at most a few seconds.
let exiting = false;
function exitCleanly(): void {
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(0), 5000).unref();
  void (async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    process.exit(0);
  })();
}
process.on('disconnect', exitCleanly);
process.on('SIGTERM', exitCleanly);
