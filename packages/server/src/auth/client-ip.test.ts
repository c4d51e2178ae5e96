import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { clientAddress } from './client-ip.js';

describe('clientAddress', () => {
  const socketAddress = '127.0.0.1';
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ socketAddress, forwardedFor: '10.0.0.7', trustProxyHops: 0 })).toBe('127.0.0.1');
  });

  it('behind one proxy: the last X-Forwarded-For entry (the one our proxy appended), never a forged one on the left', () => {
    expect(clientAddress({ socketAddress, forwardedFor: '10.0.0.7', trustProxyHops: 1 })).toBe('10.0.0.7');
    expect(clientAddress({ socketAddress, forwardedFor: '1.2.3.4, 5.6.7.8 ,10.0.0.7', trustProxyHops: 1 })).toBe('10.0.0.7');
    // No header: the request did not come through the proxy; the peer is all we know.
    expect(clientAddress({ socketAddress, forwardedFor: undefined, trustProxyHops: 1 })).toBe('127.0.0.1');
  });

  it('behind a chain of proxies: as many entries from the right as there are proxies', () => {
    expect(clientAddress({ socketAddress, forwardedFor: 'forged, 10.0.0.7, 172.16.0.2', trustProxyHops: 2 })).toBe('10.0.0.7');
    expect(clientAddress({ socketAddress, forwardedFor: '10.0.0.7', trustProxyHops: 3 })).toBe('10.0.0.7');
  });

  it('YISHI_TRUST_PROXY: off by default, 1/true for one proxy, a number for a chain', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ YISHI_TRUST_PROXY: '0' }).trustProxyHops).toBe(0);
    expect(loadConfig({ YISHI_TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
    expect(loadConfig({ YISHI_TRUST_PROXY: '1' }).trustProxyHops).toBe(1);
    expect(loadConfig({ YISHI_TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ YISHI_TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
  });
});

describe('the per-address slow-down behind a reverse proxy', () => {
  let t: TestApp;
  afterEach(() => t.close());

  /** Thirty wrong passwords (on thirty made-up logins, so no account brake) from one client behind the proxy. */
  async function thirtyFailuresFrom(address: string) {
    for (let i = 0; i < 30; i += 1) {
      const res = await t.call('POST', '/api/auth/login', {
        json: { login: `guess${i}`, password: 'x' },
        headers: { 'x-forwarded-for': `198.51.100.${i}, ${address}` },
      });
      expect(res.status).toBe(401);
    }
  }
  const loginFrom = (address: string) =>
    t.call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: 'yishi2026' }, headers: { 'x-forwarded-for': address } });

  it('with YISHI_TRUST_PROXY on, slows the guessing client only; its forged left-hand entries do not help it', async () => {
    t = await createTestApp({ config: { trustProxyHops: 1 } });
    await thirtyFailuresFrom('10.0.0.66');
    const guesser = await loginFrom('10.0.0.66');
    // Slowed, never locked: a resident behind the guesser's address still gets in.
    expect(guesser.status).toBe(200);
    expect(Number(guesser.headers.get('x-login-delay-ms'))).toBeGreaterThan(0);
    const neighbour = await loginFrom('10.0.0.5');
    expect(neighbour.status).toBe(200);
    expect(neighbour.headers.get('x-login-delay-ms')).toBeNull();
  });

  it('without it, every request looks like the proxy: everybody is slowed, nobody is locked out (why the setting exists)', async () => {
    t = await createTestApp();
    await thirtyFailuresFrom('10.0.0.66');
    const res = await loginFrom('10.0.0.5');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-login-delay-ms'))).toBeGreaterThan(0);
  });
});
