import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestRedis, type TestRedis } from '../testing/redis-server.js';
import { createRedisRelay } from './redis-relay.js';
import { type CollabRelay, decodeRelayMessage, encodeRelayMessage, type RelayHandlers, RelayMessageType } from './relay.js';

function recorder() {
  const log: string[] = [];
  let lockDelay = 0;
  const handlers: RelayHandlers = {
    update: (doc, update) => log.push(`update ${doc} ${[...update].join(',')}`),
    awareness: (doc, update) => log.push(`awareness ${doc} ${update.length}`),
    awarenessQuery: (doc) => log.push(`query ${doc}`),
    lock: async (doc) => {
      log.push(`lock ${doc}`);
      await new Promise((resolve) => setTimeout(resolve, lockDelay));
      log.push(`locked ${doc}`);
    },
    refresh: (doc) => log.push(`refresh ${doc}`),
    resync: () => log.push('resync'),
    userChanged: async (user) => {
      log.push(`user ${user}`);
      await new Promise((resolve) => setTimeout(resolve, lockDelay));
      log.push(`checked ${user}`);
    },
  };
  return { log, handlers, setLockDelay: (ms: number) => (lockDelay = ms) };
}

const until = async (check: () => boolean, what: string) => {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('relay wire format', () => {
  it('round-trips every message type and refuses garbage', () => {
    const update = encodeRelayMessage({ type: RelayMessageType.Update, sender: 'a', doc: 'agenda:1', payload: new Uint8Array([1, 2, 3]) });
    expect(decodeRelayMessage(update)).toEqual({ type: RelayMessageType.Update, sender: 'a', doc: 'agenda:1', payload: new Uint8Array([1, 2, 3]) });
    const lock = encodeRelayMessage({ type: RelayMessageType.Lock, sender: 'b', doc: '会议', requestId: 'r1' });
    expect(decodeRelayMessage(lock)).toEqual({ type: RelayMessageType.Lock, sender: 'b', doc: '会议', requestId: 'r1' });
    const user = encodeRelayMessage({ type: RelayMessageType.UserChanged, sender: 'c', user: 'u-1', requestId: 'r2' });
    expect(decodeRelayMessage(user)).toEqual({ type: RelayMessageType.UserChanged, sender: 'c', user: 'u-1', requestId: 'r2' });
    expect(() => decodeRelayMessage(new Uint8Array([1, 97, 9, 0]))).toThrow();
    expect(() => decodeRelayMessage(update.slice(0, update.length - 2))).toThrow();
  });
});

describe('Redis relay between two instances', () => {
  let redis: TestRedis;
  let a: CollabRelay;
  let b: CollabRelay;
  const recA = recorder();
  const recB = recorder();

  beforeAll(async () => {
    redis = await startTestRedis();
    a = await createRedisRelay({ url: redis.url });
    b = await createRedisRelay({ url: redis.url });
    a.setHandlers(recA.handlers);
    b.setHandlers(recB.handlers);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('delivers updates and awareness only to instances holding the document, never back to the sender', async () => {
    await a.join('doc-1');
    await b.join('doc-1');
    a.publishUpdate('doc-1', new Uint8Array([7, 8]));
    a.publishUpdate('doc-2', new Uint8Array([9])); // nobody holds doc-2
    a.publishAwareness('doc-1', new Uint8Array(5));
    b.queryAwareness('doc-1');
    await until(() => recB.log.length >= 2 && recA.log.length >= 1, 'relay messages');
    expect(recB.log).toEqual(['update doc-1 7,8', 'awareness doc-1 5']);
    expect(recA.log).toEqual(['query doc-1']);
    expect(await a.heldElsewhere('doc-1')).toBe(true);
    expect(await a.heldElsewhere('doc-2')).toBe(false);
    await b.leave('doc-1');
    expect(await a.heldElsewhere('doc-1')).toBe(false);
    recA.log.length = 0;
    recB.log.length = 0;
  });

  it("tells every other instance, holding documents or not, that a person's sessions or roles changed, and waits until each has checked", async () => {
    recB.setLockDelay(300);
    await a.publishUserChanged('user-7');
    // Resolved only after b had checked the person's sockets (b logs 'checked' at the end of its delay).
    expect(recB.log).toEqual(['user user-7', 'checked user-7']);
    expect(recA.log).not.toContain('user user-7');
    recB.setLockDelay(0);
    recB.log.length = 0;
  });

  it('waits for every holder to lock and store before resolving, and marks the document locked meanwhile', async () => {
    await b.join('agenda-x');
    recB.setLockDelay(300);
    await a.lockEverywhere('agenda-x');
    // Resolved only after b had locked and stored (b logs 'locked' at the end of its delay).
    expect(recB.log).toEqual(['lock agenda-x', 'locked agenda-x']);
    expect(await b.isLocked('agenda-x')).toBe(true);
    await a.unlockEverywhere('agenda-x');
    await until(() => recB.log.includes('refresh agenda-x'), 'refresh');
    expect(await b.isLocked('agenda-x')).toBe(false);
    recB.setLockDelay(0);
    recB.log.length = 0;
  });

  it('does not wait forever for an instance that does not answer', async () => {
    // A subscriber that is not a relay: it holds the channel but never answers.
    const silent = new Redis(redis.url);
    await silent.subscribe('yishi:doc:agenda-silent');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await a.lockEverywhere('agenda-silent', 400);
      // It gave up on the silent holder at its time limit, and said so.
      expect(warn).toHaveBeenCalledWith('[yishi relay] lock answers missing after timeout', 'agenda-silent');
    } finally {
      warn.mockRestore();
    }
    await a.unlockEverywhere('agenda-silent');
    await silent.quit();
  });

  it('asks its hub to catch up from the database after the Redis connection was lost', async () => {
    const admin = new Redis(redis.url);
    await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await until(() => recA.log.includes('resync') && recB.log.includes('resync'), 'resync after reconnect');
    // Subscriptions came back by themselves.
    await b.join('doc-after');
    a.publishUpdate('doc-after', new Uint8Array([1]));
    await until(() => recB.log.includes('update doc-after 1'), 'update after reconnect');
    await admin.quit();
  });
});
