/**
 * Personal answers are never cached: every operation behind a login answers `Cache-Control:
 * no-store`, files included (the roster and the ballot roll carry names and phones); public ones
 * may be cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cookie: string;
let dsct: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('zhanzhang');
  dsct = await t.compoundId('DSCT');
});
afterAll(() => t.close());

describe('Cache-Control on personal answers', () => {
  it('who I am, the roster (JSON and CSV) and my sessions are no-store', async () => {
    for (const path of [
      '/api/me',
      `/api/compounds/${dsct}/units`,
      `/api/compounds/${dsct}/roster.csv`,
      '/api/me/sessions',
      `/api/compounds/${dsct}/activation`,
    ]) {
      const res = await t.call('GET', path, { cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('a refusal of a personal operation is no-store too; the public board is not', async () => {
    expect((await t.call('GET', '/api/me')).headers.get('cache-control')).toBe('no-store');
    const board = await t.call('GET', `/api/public/compounds/${dsct}/board`);
    expect(board.status).toBe(200);
    expect(board.headers.get('cache-control')).not.toBe('no-store');
  });
});
