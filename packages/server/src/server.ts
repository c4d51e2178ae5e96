/**
 * Starting and stopping the whole product: open and migrate the database, seed the demo on first
 * start, serve HTTP (and the collaboration websocket). main.ts calls it with the environment's
 * configuration; end-to-end tests call it with a temporary database on port 0.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { attachCollab } from './collab/index.js';
import { createRedisRelay } from './collab/redis-relay.js';
import { INSTANCE_ID } from './instance.js';
import type { Config } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import { seedDemoIfEmpty } from './seed/index.js';
import { createSmsSender } from './sms/create-sms-sender.js';
import { closePdfRenderer } from './services/minutes-pdf.service.js';
import { announceSetupLink } from './services/setup.service.js';
import { startVoteScheduler } from './services/vote-scheduler.js';
import { startIdempotencySweeper } from './services/idempotency.js';
import { startAnchorPublisher } from './services/anchors.service.js';
import { startNotifications } from './services/notification-runtime.js';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  close: () => Promise<void>;
}

export async function startServer(config: Config, clock: () => Date = () => new Date()): Promise<RunningServer> {
  const { db } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  const deps: Deps = { db, config, clock, sms: createSmsSender(config.sms) };
  if (deps.sms.provider === 'log') {
    console.warn(
      '[yishi] No SMS provider is configured: text messages, codes included, are written to this log. Not for production (docs/operations.md, "Text messages").',
    );
  }
  if (config.seedDemo) await seedDemoIfEmpty(deps);
  // Several instances: live documents are relayed between them through Redis (docs/operations.md).
  // Connected before listening: an instance that cannot reach its relay does not take requests.
  const relay = config.redisUrl ? await createRedisRelay({ url: config.redisUrl, instanceId: INSTANCE_ID }) : null;
  const app = createApp(deps);
  const voteScheduler = startVoteScheduler(deps);
  const idempotencySweeper = startIdempotencySweeper(deps);
  const anchorPublisher = startAnchorPublisher(deps);
  const notifications = startNotifications(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const collabOptions = {
    durability: config.collabDurability,
    pingIntervalMs: config.collabPingIntervalMs,
    maxBufferedBytes: config.collabMaxBufferedBytes,
    maxSocketsPerUser: config.collabMaxSocketsPerUser,
    sessionCheckIntervalMs: config.collabSessionCheckMs,
  };
  const collab = attachCollab(server as Server, deps, collabOptions, relay);
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  // Links the server hands out name YISHI_PUBLIC_URL; without it, the address this server listens on.
  if (!config.publicUrl) deps.config = { ...config, publicUrl: `http://${host}:${port}` };
  // An empty database (YISHI_SEED_DEMO=0): the one-time link to set up the first administrator.
  await announceSetupLink(deps);
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    deps,
    close: async () => {
      if (closed) return;
      closed = true;
      await voteScheduler.stop();
      await idempotencySweeper.stop();
      await anchorPublisher.stop();
      await notifications.stop();
      await collab.close();
      await relay?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closePdfRenderer();
      await db.destroy();
    },
  };
}
