import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T12:00:00Z');
  t = await createTestApp({ clock: () => now });
});
afterEach(() => t.close());

describe('POST /api/auth/login', () => {
  it('logs in by username or phone and sets an httpOnly SameSite session cookie', async () => {
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: 'yishi2026' } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yishi_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const byPhone = await t.call('POST', '/api/auth/login', { json: { login: '13800000001', password: 'yishi2026' } });
    expect(byPhone.status).toBe(200);
  });

  it('answers 401 with the error body in Chinese, or English on request', async () => {
    const res = await t.call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: 'wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'invalid_credentials', message: '手机号/用户名或密码不正确', details: null } });
    const en = await t.call('POST', '/api/auth/login', { json: { login: 'nobody', password: 'x' }, headers: { 'accept-language': 'en' } });
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe('The phone number/username or password is incorrect');
  });

  it('brakes repeated failures: the sixth try is refused even with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.call('POST', '/api/auth/login', { json: { login: 'shequ', password: `bad${i}` } })).status).toBe(401);
    }
    const locked = await t.call('POST', '/api/auth/login', { json: { login: 'shequ', password: 'yishi2026' } });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60));
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('login_locked');
    // Another account is not affected.
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'jiedao', password: 'yishi2026' } })).status).toBe(200);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'shequ', password: 'yishi2026' } })).status).toBe(200);
  });

  it('validates the body shape', async () => {
    const res = await t.call('POST', '/api/auth/login', { json: { login: 42 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['login', 'password']);
  });
});

describe('sessions', () => {
  it('GET /api/me needs a session; logout ends it', async () => {
    expect((await t.call('GET', '/api/me')).status).toBe(401);
    const cookie = await t.login('zhanzhang');
    const me = await t.call('GET', '/api/me', { cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { displayName: string; grants: Array<{ role: string }>; compounds: Array<{ name: string }> };
    expect(body.displayName).toBe('陈志强');
    expect(body.grants.map((g) => g.role)).toEqual(['station_chief']);
    expect(body.compounds.map((c) => c.name)).toEqual(['都市春天小区']);

    expect((await t.call('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('tells an owner which units are theirs, by address', async () => {
    const cookie = await t.login('yezhu');
    const me = (await (await t.call('GET', '/api/me', { cookie })).json()) as { ownedUnits: Array<{ label: string; compoundName: string; areaCenti: number }> };
    expect(me.ownedUnits.map((u) => u.label)).toEqual(['1栋1单元301', '2栋2单元502']);
    expect(me.ownedUnits[0]?.compoundName).toBe('都市春天小区');
  });

  it('expires after the idle period', async () => {
    const cookie = await t.login('yezhu');
    now = new Date(now.getTime() + 6 * 86_400_000);
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(200);
    // Using it slid the expiry forward; 8 idle days later it is gone.
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('sweeps sessions that expired unused when someone logs in', async () => {
    await t.login('yezhu');
    now = new Date(now.getTime() + 31 * 86_400_000);
    await t.login('shequ');
    const rows = await t.deps.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('users.username').execute();
    expect(rows.map((r) => r.username)).toEqual(['shequ']);
  });

  it('refuses state-changing requests from another site (CSRF)', async () => {
    const cookie = await t.login('shequ');
    const res = await t.call('POST', '/api/auth/logout', { cookie, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(200);
    const own = await t.call('POST', '/api/auth/logout', { cookie, headers: { origin: 'http://localhost' } });
    expect(own.status).toBe(204);
  });
});
