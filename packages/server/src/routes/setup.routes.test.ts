import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { announceSetupLink, createSetupLink } from '../services/setup.service.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

const admin = { subdistrict: '秀江街道', name: '李红梅', phone: '13700000001', password: 'yinxing-qiutian-2026' };
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const count = async (table: 'users' | 'subdistricts' | 'role_assignments') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('first-run setup on an empty database', () => {
  it('writes a one-time link to the log; the link creates the subdistrict and its administrator, logged in; then it is dead', async () => {
    t = await createTestApp({ seed: false, config: { publicUrl: 'https://yishi.xiujiang.example' } });
    const log: string[] = [];
    await announceSetupLink(t.deps, (line) => log.push(line));
    const link = /\[yishi setup\] (\S+)/.exec(log.join('\n'))![1]!;
    expect(link).toMatch(/^https:\/\/yishi\.xiujiang\.example\/setup\?token=[\w-]{30,}$/);
    expect(await (await t.call('GET', '/api/setup/status')).json()).toEqual({ needed: true });

    const res = await t.call('POST', '/api/setup', { json: { token: tokenOf(link), ...admin } });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await t.call('GET', '/api/me', { cookie })).json()) as {
      displayName: string;
      grants: Array<{ role: string; scopeKind: string; title: string }>;
    };
    expect(me.displayName).toBe('李红梅');
    expect(me.grants).toMatchObject([{ role: 'subdistrict_committee', scopeKind: 'subdistrict', title: '街道管理员' }]);
    // The administrator logs in with the phone and the chosen password from now on.
    expect((await t.call('POST', '/api/auth/login', { json: { login: admin.phone, password: admin.password } })).status).toBe(200);

    // The same link again, a second setup: refused in words, nothing changes.
    const again = await t.call('POST', '/api/setup', { json: { token: tokenOf(link), ...admin, subdistrict: '另一个街道', phone: '13700000099' } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('已经完成初始设置');
    expect(await count('subdistricts')).toBe(1);
    expect(await count('users')).toBe(1);
    expect(await (await t.call('GET', '/api/setup/status')).json()).toEqual({ needed: false });
    // And no new link is written once there is an administrator.
    expect(await createSetupLink(t.deps)).toBeNull();
  });

  it('refuses a guessed token, a weak password and a bad phone, each in words, and creates nothing', async () => {
    t = await createTestApp({ seed: false });
    const link = (await createSetupLink(t.deps))!;
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ token: 'guessed-token-0000000000', ...admin }, 403, '初始设置链接无效'],
      [{ token: tokenOf(link), ...admin, password: '12345678' }, 400, '密码太常见'],
      [{ token: tokenOf(link), ...admin, password: 'short' }, 400, '密码至少需要 8 位'],
      [{ token: tokenOf(link), ...admin, phone: '1370000' }, 400, '手机号应为 11 位数字'],
      [{ token: tokenOf(link), ...admin, password: `x${admin.phone}` }, 400, '密码不能包含手机号'],
    ];
    for (const [body, status, words] of cases) {
      const res = await t.call('POST', '/api/setup', { json: body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(words);
    }
    expect(await count('users')).toBe(0);
    expect(await count('subdistricts')).toBe(0);
  });

  it('two setups racing: exactly one wins', async () => {
    t = await createTestApp({ seed: false });
    const token = tokenOf((await createSetupLink(t.deps))!);
    const results = await Promise.all(
      ['13700000001', '13700000002', '13700000003'].map((phone) => t.call('POST', '/api/setup', { json: { token, ...admin, phone } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count('users')).toBe(1);
  });
});

describe('yishi setup (the command line)', () => {
  const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
  const run = (dbPath: string, args: string[], stdin: string) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'setup', ...args], {
        env: { ...process.env, YISHI_DB: dbPath },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.stdin.end(stdin);
      child.on('exit', (code) => resolve({ code, out }));
    });

  it('reads the password from standard input, never from the arguments, and works once', async () => {
    t = await createTestApp({ seed: false });
    if (t.dialect !== 'sqlite') return; // the command opens YISHI_DB itself; the PostgreSQL run covers the service above
    const args = ['--subdistrict', '秀江街道', '--name', '李红梅', '--phone', '13700000001'];
    const first = await run(t.dbPath, args, 'yinxing-qiutian-2026\n');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('设置完成');
    expect((await t.call('POST', '/api/auth/login', { json: { login: '13700000001', password: 'yinxing-qiutian-2026' } })).status).toBe(200);
    const second = await run(t.dbPath, args, 'yinxing-qiutian-2026\n');
    expect(second.code).toBe(1);
    expect(second.out).toContain('已经完成初始设置');
    const bad = await run(t.dbPath, ['--subdistrict', '秀江街道', '--name', '李', '--phone', '123'], 'yinxing-qiutian-2026\n');
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('手机号应为 11 位数字');
    expect(bad.out).toContain('姓名应为 2 到 30 个字');
  }, 60_000);
});
