/**
 * The built scripts and style sheets as a phone downloads them, over real HTTP from the server that
 * serves the built web app: Brotli to a browser that accepts it, gzip to one that accepts only that,
 * the plain file to one that accepts neither, each the bytes the build wrote (web/build/precompress.ts)
 * with its length, cached for a year; a file too small to gain from compression goes out as it is.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, WEB_DIST, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** The shell's script, named in the built index.html. */
function shellScript(): string {
  const name = /assets\/index-[\w-]+\.js/.exec(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))?.[0];
  if (!name) throw new Error('no shell script in the built index.html');
  return name;
}

/** Node's fetch would decode the body itself: ask with the http module's plain bytes instead. */
function get(path: string, acceptEncoding: string | null): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const h = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') h.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers: h, bytes: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('built scripts and style sheets', () => {
  test('Brotli when the browser accepts it, the bytes written at build time, with their length and a year of caching', async () => {
    const path = shellScript();
    const plain = readFileSync(join(WEB_DIST, path));
    const res = await get(`/${path}`, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-length')).toBe(String(res.bytes.length));
    expect(res.bytes.equals(readFileSync(join(WEB_DIST, `${path}.br`)))).toBe(true);
    expect(brotliDecompressSync(res.bytes).equals(plain)).toBe(true);
    // Smaller than the gzip of the same file, which a browser without Brotli gets.
    expect(res.bytes.length).toBeLessThan(statSync(join(WEB_DIST, `${path}.gz`)).size);
  });

  test('gzip to a browser without Brotli, the plain file to one that asks for neither', async () => {
    const path = shellScript();
    const plain = readFileSync(join(WEB_DIST, path));
    const gzip = await get(`/${path}`, 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(plain)).toBe(true);
    expect(gzip.headers.get('content-length')).toBe(String(gzip.bytes.length));
    const identity = await get(`/${path}`, null);
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.bytes.equals(plain)).toBe(true);
  });

  test('a file under 1 KiB has no compressed copy and goes out as it is', async () => {
    const tiny = readdirSync(join(WEB_DIST, 'assets')).find((name) => name.endsWith('.js') && statSync(join(WEB_DIST, 'assets', name)).size < 1024);
    expect(tiny).toBeDefined();
    const res = await get(`/assets/${tiny}`, 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.bytes.equals(readFileSync(join(WEB_DIST, 'assets', tiny!)))).toBe(true);
  });
});
