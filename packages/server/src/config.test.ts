import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('runs alone unless a Redis relay is named', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ YISHI_REDIS_URL: ' redis://10.0.0.5:6379 ' }).redisUrl).toBe('redis://10.0.0.5:6379');
  });

  it('stores live-document updates process-durably unless told to fsync each one', () => {
    expect(loadConfig({}).collabDurability).toBe('process');
    expect(loadConfig({ YISHI_COLLAB_DURABILITY: 'commit' }).collabDurability).toBe('commit');
    expect(loadConfig({ YISHI_COLLAB_DURABILITY: 'nonsense' }).collabDurability).toBe('process');
  });

  it('pings live-document sockets every 30 s unless told otherwise', () => {
    expect(loadConfig({}).collabPingIntervalMs).toBe(30_000);
    expect(loadConfig({ YISHI_COLLAB_PING_SECONDS: '10' }).collabPingIntervalMs).toBe(10_000);
    expect(loadConfig({ YISHI_COLLAB_PING_SECONDS: '0' }).collabPingIntervalMs).toBe(0);
  });

  it('caps each live-document socket at 2 MiB waiting and 8 sockets per person, and checks sessions every 15 s, unless told otherwise', () => {
    const defaults = loadConfig({});
    expect([defaults.collabMaxBufferedBytes, defaults.collabMaxSocketsPerUser, defaults.collabSessionCheckMs]).toEqual([2 * 1024 * 1024, 8, 15_000]);
    const set = loadConfig({ YISHI_COLLAB_MAX_BUFFERED_KIB: '512', YISHI_COLLAB_MAX_SOCKETS_PER_USER: '3', YISHI_COLLAB_SESSION_CHECK_SECONDS: '0' });
    expect([set.collabMaxBufferedBytes, set.collabMaxSocketsPerUser, set.collabSessionCheckMs]).toEqual([512 * 1024, 3, 0]);
    // Nonsense cannot switch the caps off: at least 64 KiB and one socket.
    const low = loadConfig({ YISHI_COLLAB_MAX_BUFFERED_KIB: '0', YISHI_COLLAB_MAX_SOCKETS_PER_USER: '-1' });
    expect([low.collabMaxBufferedBytes, low.collabMaxSocketsPerUser]).toEqual([64 * 1024, 1]);
  });
});
