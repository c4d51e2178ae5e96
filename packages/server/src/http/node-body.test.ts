/**
 * JSON bodies as node serves them (apiBodyLimit, readJsonBody): read from node's request when a
 * Content-Length is given, through Hono's counting body limit otherwise — the same answers either way.
 */
import { request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let server: ServerType;
let port: number;

beforeAll(async () => {
  t = await createTestApp({ seed: false, config: { maxBodyBytes: 1024 } });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** POSTs raw bytes to the login route, with a Content-Length or chunked. */
function post(body: Buffer, chunked = false): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, code: (JSON.parse(text) as { error: { code: string } }).error.code }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.subarray(0, 10));
      req.end(body.subarray(10));
    } else req.end(body);
  });
}

describe('JSON bodies served by node', () => {
  const login = Buffer.from(JSON.stringify({ login: 'nobody', password: 'wrong-password' }));

  it('reads the body with or without a Content-Length, a UTF-8 byte order mark dropped', async () => {
    expect(await post(login)).toEqual({ status: 401, code: 'invalid_credentials' });
    expect(await post(login, true)).toEqual({ status: 401, code: 'invalid_credentials' });
    expect(await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), login]))).toEqual({ status: 401, code: 'invalid_credentials' });
    expect(await post(Buffer.from('{"login":'))).toEqual({ status: 400, code: 'bad_json' });
  });

  it('refuses a body over the limit, told by its Content-Length or counted as it comes', async () => {
    const big = Buffer.from(JSON.stringify({ login: 'x'.repeat(2000), password: 'y' }));
    expect(await post(big)).toEqual({ status: 413, code: 'body_too_large' });
    expect(await post(big, true)).toEqual({ status: 413, code: 'body_too_large' });
  });

  it('a client that goes away mid-body is a one-line notice, not an unexpected error', async () => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"login":');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await expect.poll(() => warnings.mock.calls.length).toBeGreaterThan(0);
      expect(warnings.mock.calls[0]!.join(' ')).toContain('client closed the connection before its request arrived POST /api/auth/login');
      expect(errors.mock.calls.filter((call) => String(call[0]).includes('unexpected error'))).toEqual([]);
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});
