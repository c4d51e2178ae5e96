import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const attempt = (login: string, password: string) => t.call('POST', '/api/auth/login', { json: { login, password } });

describe('the login brake under guesses sent all at once', () => {
  it('twenty wrong passwords for one account sent together: at most five are even checked, never more in the window', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('shequ', `guess${i}`)));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(20 - checked);
    // Whatever the burst used, five guesses in all are checked in the window; then the account is
    // locked, even for the right password.
    for (let i = checked; i < 5; i += 1) expect((await attempt('shequ', `late${i}`)).status).toBe(401);
    expect((await attempt('shequ', 'yishi2026')).status).toBe(429);
  });

  it('people logging in together are not refused for each other: thirty-five accounts at once from one address all get in', async () => {
    // Thirty-five correct logins in flight from one address (a service-station Wi-Fi) exceed the
    // thirty failures an address may have; attempts being checked must not count against it.
    const logins = ['jiedao', 'shequ', 'zhanzhang', 'fuzhan', 'wangge', 'wuye', 'yeweihui'];
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => attempt(logins[i % logins.length]!, 'yishi2026')));
    expect(results.map((r) => r.status)).toEqual(Array(35).fill(200));
  });
});
