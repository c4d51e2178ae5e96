import { authEndpoints, healthEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, readAnswer, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T12:00:00Z');
  t = await createTestApp({ clock: () => now });
});
afterEach(() => t.close());

describe('POST /api/auth/login', () => {
  it('logs in by username or phone and sets an httpOnly SameSite session cookie', async () => {
    const res = await t.api(authEndpoints.login, { body: { login: 'zhanzhang', password: 'yishi2026' } });
    expect(res.status).toBe(200);
    const cookie = res.response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yishi_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const byPhone = await t.api(authEndpoints.login, { body: { login: '13800000001', password: 'yishi2026' } });
    expect(byPhone.status).toBe(200);
  });

  it('answers 401 with the error body in Chinese, or English on request', async () => {
    const res = await t.api(authEndpoints.login, { body: { login: 'zhanzhang', password: 'wrong' } });
    expect(res.status).toBe(401);
    expect(res.error).toEqual({ code: 'invalid_credentials', message: '手机号/用户名或密码不正确', details: null });
    const en = await t.api(authEndpoints.login, { body: { login: 'nobody', password: 'x' }, headers: { 'accept-language': 'en' } });
    expect(en.error?.message).toBe('The phone number/username or password is incorrect');
  });

  it('brakes repeated failures: the sixth try is refused even with the right password, until the window passes', async () => {
    const login = (name: string, password: string) => t.api(authEndpoints.login, { body: { login: name, password } });
    for (let i = 0; i < 5; i++) {
      expect((await login('shequ', `bad${i}`)).status).toBe(401);
    }
    const locked = await login('shequ', 'yishi2026');
    expect(locked.status).toBe(429);
    expect(locked.response.headers.get('retry-after')).toBe(String(15 * 60));
    expect(locked.error?.code).toBe('login_locked');
    // Another account is not affected.
    expect((await login('jiedao', 'yishi2026')).status).toBe(200);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await login('shequ', 'yishi2026')).status).toBe(200);
  });

  it('validates the body shape', async () => {
    // A body no client of the contract could send: posted raw.
    const res = await readAnswer(authEndpoints.login, await t.call('POST', '/api/auth/login', { json: { login: 42 } }));
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('validation_failed');
    expect(res.error?.details).toMatchObject([{ path: 'login' }, { path: 'password' }]);
  });
});

describe('language', () => {
  it('remembers the choice in a cookie, and for a logged-in user on the account', async () => {
    const anonymous = await t.api(authEndpoints.setLocale, { body: { locale: 'en' } });
    expect(anonymous.data).toEqual({ locale: 'en' });
    expect(anonymous.response.headers.get('set-cookie')).toMatch(/^yishi_locale=en;/);
    const cookie = await t.login('yezhu');
    await t.ok(authEndpoints.setLocale, { cookie, body: { locale: 'en' } });
    expect((await t.ok(authEndpoints.me, { cookie })).locale).toBe('en');
    expect((await t.call('PUT', '/api/me/locale', { cookie, json: { locale: 'fr' } })).status).toBe(400);
  });
});

describe('health', () => {
  it('names the instance and says the database is reachable', async () => {
    expect(await t.ok(healthEndpoints.check, {})).toMatchObject({ ok: true, database: 'ok', relay: 'off', instance: expect.any(String) });
  });

  it('answers 503 when the database is gone, saying which part failed', async () => {
    const { instance } = await t.ok(healthEndpoints.check, {});
    await t.deps.db.destroy();
    const res = await t.api(healthEndpoints.check, {});
    expect(res.status).toBe(503);
    expect(res.error).toMatchObject({ code: 'instance_unhealthy', details: { ok: false, instance, database: 'unreachable', relay: 'off' } });
  });
});

describe('sessions', () => {
  it('GET /api/me needs a session; logout ends it', async () => {
    expect((await t.api(authEndpoints.me, {})).status).toBe(401);
    const cookie = await t.login('zhanzhang');
    const body = await t.ok(authEndpoints.me, { cookie });
    expect(body.displayName).toBe('陈志强');
    expect(body.grants.map((g) => g.role)).toEqual(['station_chief']);
    expect(body.grants[0]?.roleLabel).toEqual({ 'zh-CN': '服务站站长', en: 'Service-station chief' });
    expect(body.compounds.map((c) => [c.name, c.myRoles])).toEqual([['都市春天小区', ['station_chief']]]);

    expect((await t.api(authEndpoints.logout, { cookie })).status).toBe(204);
    expect((await t.api(authEndpoints.me, { cookie })).status).toBe(401);
  });

  it('tells an owner which units are theirs, by address', async () => {
    const cookie = await t.login('yezhu');
    const me = await t.ok(authEndpoints.me, { cookie });
    expect(me.ownedUnits.map((u) => u.label)).toEqual(['1栋1单元301', '2栋2单元502']);
    expect(me.ownedUnits[0]?.compoundName).toBe('都市春天小区');
  });

  it('expires after the idle period', async () => {
    const cookie = await t.login('yezhu');
    now = new Date(now.getTime() + 6 * 86_400_000);
    expect((await t.api(authEndpoints.me, { cookie })).status).toBe(200);
    // Using it slid the expiry forward; 8 idle days later it is gone.
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect((await t.api(authEndpoints.me, { cookie })).status).toBe(401);
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
    const res = await t.api(authEndpoints.logout, { cookie, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe('forbidden_origin');
    expect((await t.api(authEndpoints.me, { cookie })).status).toBe(200);
    const own = await t.api(authEndpoints.logout, { cookie, headers: { origin: 'http://localhost' } });
    expect(own.status).toBe(204);
  });
});
