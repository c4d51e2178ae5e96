import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { maxBodyBytes: 64 * 1024 } });
});
afterEach(() => t.close());

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toMatch(/at .*\.ts|Error:/);
  expect(body.error.message.length).toBeGreaterThan(2);
}

describe('bad input gets a clear 4xx with the error body', () => {
  it('malformed JSON', async () => {
    await expectError(await t.call('POST', '/api/auth/login', { body: '{"login": "a",', headers: { 'content-type': 'application/json' } }), 400, 'bad_json');
  });
  it('a body that is not JSON', async () => {
    await expectError(
      await t.call('POST', '/api/auth/login', { body: 'login=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
  });
  it('wrong types', async () => {
    await expectError(await t.call('POST', '/api/auth/login', { json: { login: ['a'], password: true } }), 400, 'validation_failed');
  });
  it('oversized bodies', async () => {
    await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'a', password: 'x'.repeat(100_000) } }), 413, 'body_too_large');
  });
  it('deeply nested JSON', async () => {
    const deep = '['.repeat(500) + ']'.repeat(500);
    await expectError(await t.call('POST', '/api/auth/login', { body: deep, headers: { 'content-type': 'application/json' } }), 400, 'json_too_deep');
  });
  it('unknown routes and methods', async () => {
    await expectError(await t.call('GET', '/api/no-such-thing'), 404, 'not_found');
    await expectError(await t.call('DELETE', '/api/me'), 404, 'not_found');
  });
  it('English on request', async () => {
    const res = await t.call('GET', '/api/no-such-thing', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Not found');
  });
});

describe('security headers', () => {
  it('sends a content security policy and no-sniff', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('OpenAPI', () => {
  it('describes every route with its access', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-access': unknown; summary: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/auth/login']?.post?.['x-access']).toBe('public');
    expect(doc.paths['/api/compounds/{compoundId}/roster']?.post?.['x-access']).toEqual({
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'],
    });
    const page = await t.call('GET', '/api/docs');
    expect(await page.text()).toContain('/api/compounds/{compoundId}/roster');
  });
});

describe('compression', () => {
  it('gzips JSON for clients that accept it', async () => {
    const res = await t.call('GET', '/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const plain = await t.call('GET', '/api/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('sends a route’s short answer as it is, with its length, and gzips a long one', async () => {
    const cookie = await t.login('zhanzhang');
    const me = await t.call('GET', '/api/me', { cookie, headers: { 'accept-encoding': 'gzip' } });
    const text = await me.text();
    expect(text.length).toBeLessThan(1024);
    expect(me.headers.get('content-encoding')).toBeNull();
    expect(me.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toHaveProperty('userId');
    const dsct = await t.compoundId('DSCT');
    const units = await t.call('GET', `/api/compounds/${dsct}/units`, { cookie, headers: { 'accept-encoding': 'gzip' } });
    expect(units.headers.get('content-encoding')).toBe('gzip');
    expect(units.headers.get('content-length')).toBeNull();
    const unzipped = JSON.parse(gunzipSync(Buffer.from(await units.arrayBuffer())).toString('utf8')) as { items: unknown[] };
    expect(unzipped.items.length).toBeGreaterThan(10);
  });

  it('sends a refusal as it is too, with its length', async () => {
    const res = await t.call('GET', '/api/me', { headers: { 'accept-encoding': 'gzip' } });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toHaveProperty('error.code', 'unauthenticated');
  });
});
