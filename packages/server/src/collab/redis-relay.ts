/**
 * The collaboration relay on Redis pub/sub (Debian's redis-server): one channel per live document
 * (`<prefix>doc:<name>`) that every instance holding the document subscribes to, one channel per
 * instance (`<prefix>instance:<id>`) for answers to lock requests, and one channel every instance
 * subscribes to (`<prefix>users`) for changes of a person's sessions or roles. Redis pub/sub is fire-and-forget:
 * when the subscriber connection drops, messages published meanwhile are lost, so on reconnecting the
 * hub re-reads every held document from the database (updates are stored before they are published,
 * and applying a Yjs update twice is harmless).
 *
 * Who holds a document is Redis's own count of subscribers (PUBSUB NUMSUB); a lock in progress is a
 * key with a time limit, so an instance that dies mid-freeze cannot leave a document locked forever.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type CollabRelay, decodeRelayMessage, encodeRelayMessage, type RelayHandlers, type RelayMessage, RelayMessageType } from './relay.js';

export interface RedisRelayOptions {
  url: string;
  /** Key and channel prefix, so several deployments can share one Redis. */
  prefix?: string;
  /** A lock key outlives a crashed locker by at most this long. */
  lockTtlMs?: number;
  /** This instance's id (a random one when absent). */
  instanceId?: string;
}

const DEFAULT_LOCK_TIMEOUT_MS = 3_000;

export async function createRedisRelay(options: RedisRelayOptions): Promise<CollabRelay> {
  const prefix = options.prefix ?? 'yishi:';
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const instanceId = options.instanceId ?? randomUUID();
  const docChannel = (doc: string) => `${prefix}doc:${doc}`;
  const instanceChannel = `${prefix}instance:${instanceId}`;
  const usersChannel = `${prefix}users`;
  const lockKey = (doc: string) => `${prefix}lock:${doc}`;

  // A subscribed connection can do nothing else, so commands go through a second one.
  const redisOptions = { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: true } as const;
  const commands = new Redis(options.url, redisOptions);
  const subscriber = new Redis(options.url, redisOptions);
  for (const connection of [commands, subscriber]) {
    connection.on('error', (error: Error) => console.error('[yishi relay] redis', error.message));
  }
  await Promise.all([commands.connect(), subscriber.connect()]);

  let handlers: RelayHandlers | null = null;
  const joined = new Set<string>();
  /** Requests this instance is waiting on (locks, user checks): request id → answers still expected. */
  const pendingLocks = new Map<string, { remaining: number; done: () => void }>();

  const publish = (doc: string, message: RelayMessage, channel = docChannel(doc)) => {
    commands.publish(channel, Buffer.from(encodeRelayMessage(message))).catch((error: unknown) => {
      console.error('[yishi relay] publish failed', doc, error);
    });
  };

  const onMessage = (message: RelayMessage) => {
    if (message.sender === instanceId || !handlers) return;
    switch (message.type) {
      case RelayMessageType.Update:
        return handlers.update(message.doc, message.payload);
      case RelayMessageType.Awareness:
        return handlers.awareness(message.doc, message.payload);
      case RelayMessageType.AwarenessQuery:
        return handlers.awarenessQuery(message.doc);
      case RelayMessageType.Refresh:
        return handlers.refresh(message.doc);
      case RelayMessageType.UserChanged: {
        const { user, requestId, sender } = message;
        void handlers
          .userChanged(user)
          .catch((error: unknown) => console.error('[yishi relay] re-checking sockets failed', user, error))
          .then(() => publish('', { type: RelayMessageType.UserChecked, sender: instanceId, user, requestId }, `${prefix}instance:${sender}`));
        return;
      }
      case RelayMessageType.Lock: {
        const { doc, requestId, sender } = message;
        void handlers
          .lock(doc)
          .catch((error: unknown) => console.error('[yishi relay] lock failed', doc, error))
          .then(() => publish(doc, { type: RelayMessageType.Locked, sender: instanceId, doc, requestId }, `${prefix}instance:${sender}`));
        return;
      }
      case RelayMessageType.Locked:
      case RelayMessageType.UserChecked: {
        const pending = pendingLocks.get(message.requestId);
        if (pending && --pending.remaining <= 0) pending.done();
        return;
      }
    }
  };

  subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => {
    let message: RelayMessage;
    try {
      message = decodeRelayMessage(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
    } catch (error) {
      console.error('[yishi relay] malformed message dropped', error);
      return;
    }
    onMessage(message);
  });
  // ioredis subscribes again by itself after a reconnect; what was published meanwhile is lost.
  // (Connected already: every later 'ready' is a reconnect.) Subscribing again is harmless and also
  // covers documents whose first subscribe failed while Redis was away.
  subscriber.on('ready', () => {
    const channels = [...joined].map(docChannel);
    void (channels.length > 0 ? subscriber.subscribe(...channels) : Promise.resolve())
      .catch((error: unknown) => console.error('[yishi relay] resubscribe failed', error))
      .then(() => handlers?.resync());
  });
  await subscriber.subscribe(instanceChannel, usersChannel);

  /** How many other instances are subscribed to a channel (a document's: those holding it; the users channel: all). */
  const othersOn = async (channel: string, self: boolean): Promise<number> => {
    const reply = (await commands.pubsub('NUMSUB', channel)) as [string, number | string];
    return Math.max(0, Number(reply[1] ?? 0) - (self ? 1 : 0));
  };
  const othersHolding = (doc: string) => othersOn(docChannel(doc), joined.has(doc));

  /**
   * Publishes a request (built with its id) and resolves when `expected` instances have answered it,
   * or after `timeoutMs` (an instance that does not answer is gone).
   */
  const askAndWait = (what: string, subject: string, expected: number, timeoutMs: number, request: (requestId: string) => void): Promise<void> => {
    if (expected === 0) return Promise.resolve();
    const requestId = randomUUID();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pendingLocks.delete(requestId);
        console.warn(`[yishi relay] ${what} answers missing after timeout`, subject);
        resolve();
      }, timeoutMs);
      pendingLocks.set(requestId, {
        remaining: expected,
        done: () => {
          clearTimeout(timer);
          pendingLocks.delete(requestId);
          resolve();
        },
      });
      request(requestId);
    });
  };

  return {
    instanceId,
    setHandlers: (h) => {
      handlers = h;
    },
    join: async (doc) => {
      if (joined.has(doc)) return;
      // Kept even if subscribing fails now (Redis away): the reconnect subscribes again.
      joined.add(doc);
      await subscriber.subscribe(docChannel(doc));
    },
    leave: async (doc) => {
      if (!joined.delete(doc)) return;
      await subscriber.unsubscribe(docChannel(doc));
    },
    publishUpdate: (doc, payload) => publish(doc, { type: RelayMessageType.Update, sender: instanceId, doc, payload }),
    publishAwareness: (doc, payload) => publish(doc, { type: RelayMessageType.Awareness, sender: instanceId, doc, payload }),
    queryAwareness: (doc) => publish(doc, { type: RelayMessageType.AwarenessQuery, sender: instanceId, doc }),
    publishUserChanged: async (user, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS) => {
      const others = await othersOn(usersChannel, true);
      await askAndWait('user check', user, others, timeoutMs, (requestId) =>
        publish('', { type: RelayMessageType.UserChanged, sender: instanceId, user, requestId }, usersChannel),
      );
    },
    lockEverywhere: async (doc, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS) => {
      // The key first: an instance that loads the document from now on starts locked.
      await commands.set(lockKey(doc), instanceId, 'PX', lockTtlMs);
      const others = await othersHolding(doc);
      await askAndWait('lock', doc, others, timeoutMs, (requestId) => publish(doc, { type: RelayMessageType.Lock, sender: instanceId, doc, requestId }));
    },
    unlockEverywhere: async (doc) => {
      await commands.del(lockKey(doc));
      publish(doc, { type: RelayMessageType.Refresh, sender: instanceId, doc });
    },
    isLocked: async (doc) => (await commands.exists(lockKey(doc))) === 1,
    heldElsewhere: async (doc) => (await othersHolding(doc)) > 0,
    ping: async () => {
      try {
        return (await commands.ping()) === 'PONG' && subscriber.status === 'ready';
      } catch {
        return false;
      }
    },
    close: async () => {
      handlers = null;
      for (const pending of pendingLocks.values()) pending.done();
      await Promise.allSettled([subscriber.quit(), commands.quit()]);
    },
  };
}
