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
});
