import { PRIVACY_NOTICE_VERSION, activationEndpoints } from '@yishi/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details: unknown } }).error;
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const lastSmsCode = () => /验证码为(\d{6})/.exec(t.smsLog.at(-1) ?? '')?.[1];
const userCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** An owner of the demo without an account: the first roster owner of 1栋1单元 102. */
async function ownerWithoutAccount() {
  const row = await t.deps.db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('persons', 'persons.id', 'ownerships.person_id')
    .select(['units.id as unitId', 'persons.id as personId', 'persons.name', 'persons.phone'])
    .where('units.compound_id', '=', await t.compoundId('DSCT'))
    .where('buildings.name', '=', '1')
    .where('units.entrance', '=', '1')
    .where('units.room', '=', '102')
    .executeTakeFirstOrThrow();
  return { ...row, phone: row.phone! };
}

describe('activation by SMS code', () => {
  it('an owner on the roster gets a code, consents, and activates for SMS-code login only; the code then logs in', async () => {
    t = await createTestApp();
    const owner = await ownerWithoutAccount();
    const sent = await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ purpose: 'activate' });
    expect(t.smsLog.at(-1)).toContain(`to ${owner.phone}`);

    // The code greets her as a letter code does (masked name, her flat), and stays usable.
    const lookup = await t.call('POST', '/api/activation/lookup-sms', { json: { phone: owner.phone, smsCode: lastSmsCode() } });
    expect(lookup.status).toBe(200);
    const greeting = activationEndpoints.lookupSms.response!.parse(await lookup.json());
    expect(greeting).toMatchObject({ kind: 'activate', compoundName: '都市春天小区', units: ['1栋1单元102'], codeOnlyAllowed: true });
    expect(greeting.name).toMatch(/^.\*/);
    expect(greeting.name).not.toBe(owner.name);

    const noConsent = await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: lastSmsCode(), consent: false } });
    expect(noConsent.status).toBe(400);
    expect((await errorOf(noConsent)).message).toContain('个人信息保护说明');

    const res = await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: lastSmsCode(), consent: true } });
    expect(res.status).toBe(200);
    const me = (await (await t.call('GET', '/api/me', { cookie: cookieOf(res) })).json()) as { displayName: string; ownedUnitIds: string[] };
    expect(me).toMatchObject({ displayName: owner.name, ownedUnitIds: [owner.unitId] });
    const user = await t.deps.db.selectFrom('users').selectAll().where('phone', '=', owner.phone).executeTakeFirstOrThrow();
    expect(user.privacy_consent_at).not.toBeNull();
    expect(user.privacy_notice_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(user.password_hash).toBe('');
    // No password: a password login never matches; the SMS code does.
    expect((await t.call('POST', '/api/auth/login', { json: { login: owner.phone, password: 'anything-at-all' } })).status).toBe(401);
    const again = (await (await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } })).json()) as { purpose: string };
    // The minute between codes has not passed.
    expect(again).toMatchObject({ error: { code: 'sms_too_soon' } });
  });

  it('refuses a phone not on any roster, a wrong code (counting the tries left), an expired code and a re-used one, in words', async () => {
    let now = new Date();
    t = await createTestApp({ clock: () => now });
    const notOnRoster = await t.call('POST', '/api/auth/sms-code', { json: { phone: '13912345678' } });
    expect(notOnRoster.status).toBe(404);
    expect((await errorOf(notOnRoster)).message).toContain('手机号 13912345678 不在小区花名册中');
    expect(t.smsLog).toEqual([]);

    const owner = await ownerWithoutAccount();
    await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    const code = lastSmsCode()!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const users = await userCount();
    const first = await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: wrong, consent: true } });
    expect(first.status).toBe(400);
    expect((await errorOf(first)).message).toBe('短信验证码不正确，还可以再试 4 次');
    // Six minutes later the right code is too late.
    now = new Date(now.getTime() + 6 * 60_000);
    const late = await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: code, consent: true } });
    expect(late.status).toBe(410);
    expect((await errorOf(late)).message).toContain('短信验证码已失效');
    expect(await userCount()).toBe(users);

    // A new code works once.
    await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    const fresh = lastSmsCode()!;
    expect(
      (await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: fresh, consent: true, password: 'chunfeng-301-jia' } })).status,
    ).toBe(200);
    const reused = await t.call('POST', '/api/auth/login-sms', { json: { phone: owner.phone, smsCode: fresh } });
    expect(reused.status).toBe(410);
  });

  it('five wrong tries void a code, checked on its own or on activation: a six-digit code cannot be guessed', async () => {
    t = await createTestApp();
    const owner = await ownerWithoutAccount();
    await t.call('POST', '/api/auth/sms-code', { json: { phone: owner.phone } });
    const code = lastSmsCode()!;
    const answers: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const guess = String((Number(code) + i) % 1_000_000).padStart(6, '0');
      const [path, json] = i % 2 === 1 ? ['/api/activation/lookup-sms', {}] : ['/api/activation', { consent: true }];
      answers.push((await errorOf(await t.call('POST', path, { json: { phone: owner.phone, smsCode: guess, ...json } }))).code);
    }
    expect(answers).toEqual(['sms_code_wrong', 'sms_code_wrong', 'sms_code_wrong', 'sms_code_wrong', 'sms_code_expired']);
    expect((await t.call('POST', '/api/activation', { json: { phone: owner.phone, smsCode: code, consent: true } })).status).toBe(410);
  });
});

describe('codes staff issue in person', () => {
  it('a building head issues a code for an owner of their building, never elsewhere; the owner sets a password the helper never sees', async () => {
    t = await createTestApp();
    const owner = await ownerWithoutAccount();
    const loudong = await t.login('loudong');
    const issued = await t.call('POST', `/api/units/${owner.unitId}/access-codes`, { cookie: loudong, json: { personId: owner.personId } });
    expect(issued.status).toBe(201);
    const { code, kind, link } = (await issued.json()) as { code: string; kind: string; link: string };
    expect(kind).toBe('activate');
    expect(link).toContain(`/activate?code=${code}`);
    expect(await (await t.call('POST', '/api/activation/lookup', { json: { code: `${code.slice(0, 5)}-${code.slice(5)}` } })).json()).toMatchObject({
      kind: 'activate',
      compoundName: '都市春天小区',
      units: ['1栋1单元102'],
    });
    expect((await t.call('POST', '/api/activation', { json: { code, consent: true, password: 'yinxing-1-102' } })).status).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { json: { login: owner.phone, password: 'yinxing-1-102' } })).status).toBe(200);

    // 3栋 is not hers: refused.
    const elsewhere = await t.deps.db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['units.id as unitId', 'ownerships.person_id as personId'])
      .where('buildings.name', '=', '3')
      .where('units.compound_id', '=', await t.compoundId('DSCT'))
      .executeTakeFirstOrThrow();
    expect((await t.call('POST', `/api/units/${elsewhere.unitId}/access-codes`, { cookie: loudong, json: { personId: elsewhere.personId } })).status).toBe(403);
    // A person who is not of that unit: refused in words.
    const notHere = await t.call('POST', `/api/units/${owner.unitId}/access-codes`, { cookie: loudong, json: { personId: elsewhere.personId } });
    expect(notHere.status).toBe(404);
    expect((await errorOf(notHere)).message).toBe('此人不是这套房屋登记的业主或居民');
  });

  it('a forgotten password: the fresh code replaces it and signs the old sessions out', async () => {
    t = await createTestApp();
    const yezhuSession = await t.login('yezhu');
    const unit = await t.deps.db
      .selectFrom('users')
      .innerJoin('ownerships', 'ownerships.person_id', 'users.person_id')
      .select(['ownerships.unit_id', 'users.person_id'])
      .where('users.username', '=', 'yezhu')
      .executeTakeFirstOrThrow();
    const issued = (await (
      await t.call('POST', `/api/units/${unit.unit_id}/access-codes`, { cookie: await t.login('zhanzhang'), json: { personId: unit.person_id } })
    ).json()) as { code: string; kind: string };
    expect(issued.kind).toBe('reset');
    expect(await (await t.call('POST', '/api/activation/lookup', { json: { code: issued.code } })).json()).toMatchObject({ kind: 'reset', name: '王*国' });
    expect((await t.call('POST', '/api/activation', { json: { code: issued.code, consent: true, password: 'wangjianguo-new-1' } })).status).toBe(200);
    expect((await t.call('GET', '/api/me', { cookie: yezhuSession })).status).toBe(401);
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'yezhu', password: 'yishi2026' } })).status).toBe(401);
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'yezhu', password: 'wangjianguo-new-1' } })).status).toBe(200);
  });

  it('guessed codes are refused in words, and an address that keeps guessing is stopped (never the code holders elsewhere)', async () => {
    t = await createTestApp({ config: { trustProxyHops: 1 } });
    const from = (ip: string, code: string) => t.call('POST', '/api/activation/lookup', { json: { code }, headers: { 'x-forwarded-for': ip } });
    const first = await from('10.0.0.66', 'AAAAA-BBBBB');
    expect(first.status).toBe(400);
    expect((await errorOf(first)).message).toContain('激活码不正确');
    for (let i = 0; i < 19; i++) await from('10.0.0.66', `GUESS${String(i).padStart(5, '2')}`);
    const stopped = await from('10.0.0.66', 'CCCCC-DDDDD');
    expect(stopped.status).toBe(429);
    expect((await errorOf(stopped)).message).toMatch(/尝试次数太多，请 \d+ 分钟后再试/);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('10.0.0.5', 'EEEEE-FFFFF')).status).toBe(400);
  });

  it('a code typed too short is refused under the field in words (the hint under it says what a code looks like), in either language', async () => {
    t = await createTestApp();
    const short = await t.call('POST', '/api/activation/lookup', { json: { code: 'AB3' } });
    expect(short.status).toBe(400);
    const error = await errorOf(short);
    expect(error.details).toEqual([{ path: 'code', message: expect.stringContaining('激活码还没有输完整') }]);
    const english = await t.call('POST', '/api/activation/lookup', { json: { code: 'AB3' }, headers: { 'accept-language': 'en' } });
    expect((await errorOf(english)).details).toEqual([{ path: 'code', message: expect.stringContaining('The code is incomplete') }]);
  });
});

describe('account care', () => {
  it('my sessions: two devices listed, sign out the others; a password change ends them too', async () => {
    t = await createTestApp();
    const login = (agent: string) =>
      t.call('POST', '/api/auth/login', { json: { login: 'shequ', password: 'yishi2026' }, headers: { 'user-agent': agent } }).then(cookieOf);
    const phone = await login('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36');
    const desk = await login('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36');
    const list = (await (await t.call('GET', '/api/me/sessions', { cookie: desk })).json()) as {
      sessions: Array<{ id: string; current: boolean; device: string }>;
    };
    expect(list.sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome · Android', false],
      ['Chrome · Windows', true],
    ]);
    expect((await t.call('POST', '/api/me/sessions/end-others', { cookie: desk })).status).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie: phone })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { cookie: desk })).status).toBe(200);

    const other = await login('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1');
    const wrongOld = await t.call('PUT', '/api/me/password', { cookie: desk, json: { oldPassword: 'not-it', newPassword: 'zhangmin-yiyang-2026' } });
    expect(wrongOld.status).toBe(403);
    expect((await errorOf(wrongOld)).message).toBe('原密码不正确');
    const common = await t.call('PUT', '/api/me/password', { cookie: desk, json: { oldPassword: 'yishi2026', newPassword: 'password1' } });
    expect((await errorOf(common)).message).toContain('太常见');
    expect((await t.call('PUT', '/api/me/password', { cookie: desk, json: { oldPassword: 'yishi2026', newPassword: 'zhangmin-yiyang-2026' } })).status).toBe(
      204,
    );
    expect((await t.call('GET', '/api/me', { cookie: other })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { cookie: desk })).status).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { json: { login: '13700000002', password: 'zhangmin-yiyang-2026' } })).status).toBe(200);
  });

  it('the login brake counts an account once, whether it is named by username or phone', async () => {
    t = await createTestApp();
    const tries = ['shequ', '13700000002', 'shequ', '13700000002', 'SHEQU'];
    for (const login of tries) expect((await t.call('POST', '/api/auth/login', { json: { login, password: 'wrong' } })).status).toBe(401);
    const braked = await t.call('POST', '/api/auth/login', { json: { login: '13700000002', password: 'yishi2026' } });
    expect(braked.status).toBe(429);
    // Guessing at names that do not exist never locks a real account.
    const other = await t.call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: 'yishi2026' } });
    expect(other.status).toBe(200);
  });

  it('phones are masked for a building head looking at her building, in full for station staff', async () => {
    t = await createTestApp();
    const compoundId = await t.compoundId('DSCT');
    const view = async (who: string) => {
      const cookie = await t.login(who);
      const status = await t.ok(activationEndpoints.status, { cookie, params: { compoundId } });
      const households = await t.ok(activationEndpoints.households, { cookie, params: { compoundId }, query: { q: '王建国' } });
      return { buildings: status.buildings.map((b) => b.name), phone: households.items[0]?.phone };
    };
    expect(await view('loudong')).toEqual({ buildings: ['1'], phone: '138****0001' });
    expect(await view('zhanzhang')).toEqual({ buildings: ['1', '2', '3'], phone: '13800000001' });
  });
});

describe('the households a page at a time', () => {
  it('pages through every household exactly once, ties on the unit included; the status carries only the counts per building', async () => {
    t = await createTestApp();
    const compoundId = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    // Six more owners of one unit: building, entrance, room, unit and relation all tie, the person breaks the tie.
    const owner = await ownerWithoutAccount();
    const now = new Date().toISOString();
    const extra = Array.from({ length: 6 }, (_, i) => ({ id: `tied-${i}`, name: `同户${i}`, phone: null, created_at: now }));
    await t.deps.db.insertInto('persons').values(extra).execute();
    await t.deps.db
      .insertInto('ownerships')
      .values(extra.map((p) => ({ unit_id: owner.unitId, person_id: p.id, created_at: now })))
      .execute();

    const status = await t.ok(activationEndpoints.status, { cookie: staff, params: { compoundId } });
    expect(status).not.toHaveProperty('persons');
    const households = status.buildings.reduce((n, b) => n + b.households, 0);
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(activationEndpoints.households, { cookie: staff, params: { compoundId }, query: { limit: 4, after } });
      expect(page.total).toBe(households);
      seen.push(...page.items.map((h) => `${h.unitId}|${h.relation}|${h.personId}`));
      sizes.push(page.items.length);
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(households);
    expect(new Set(seen).size).toBe(households);
    expect(sizes.slice(0, -1).every((n) => n === 4)).toBe(true);
    const tied = seen.filter((k) => k.startsWith(`${owner.unitId}|owner|`));
    expect(tied).toHaveLength(7);
    expect(tied.filter((k) => k.includes('|tied-'))).toEqual(extra.map((p) => `${owner.unitId}|owner|${p.id}`));

    const bad = await t.api(activationEndpoints.households, { cookie: staff, params: { compoundId }, query: { after: 'bm90LWEtY3Vyc29y' } });
    expect(bad.status).toBe(400);
  });

  it('filters on the server: building, waiting or activated, a unit label, a name or a phone (not by phone, and phones masked, for a building head)', async () => {
    t = await createTestApp();
    const compoundId = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    const list = (cookie: string, query: Record<string, string>) => t.ok(activationEndpoints.households, { cookie, params: { compoundId }, query });
    const owner = await ownerWithoutAccount();

    const byLabel = await list(staff, { q: '1栋1单元102' });
    expect(byLabel.items.map((h) => h.unitLabel)).toEqual(byLabel.items.map(() => '1栋1单元102'));
    expect(byLabel.items.map((h) => h.personId)).toContain(owner.personId);
    expect(byLabel.total).toBe(byLabel.items.length);
    expect((await list(staff, { q: owner.name })).items.map((h) => h.personId)).toContain(owner.personId);
    expect((await list(staff, { q: owner.phone })).items.map((h) => h.phone)).toContain(owner.phone);

    const status = await t.ok(activationEndpoints.status, { cookie: staff, params: { compoundId } });
    const one = status.buildings.find((b) => b.name === '1')!;
    const inOne = await list(staff, { buildingId: one.id, limit: '100' });
    expect(inOne.total).toBe(one.households);
    expect(inOne.items.every((h) => h.buildingId === one.id)).toBe(true);
    const activated = await list(staff, { buildingId: one.id, show: 'activated', limit: '100' });
    const waiting = await list(staff, { buildingId: one.id, show: 'waiting', limit: '100' });
    expect([activated.total, waiting.total]).toEqual([one.activated, one.households - one.activated]);
    expect(activated.items.every((h) => h.activated) && waiting.items.every((h) => !h.activated)).toBe(true);

    // The building head of 1栋: their building only, phones masked, a phone typed finds nobody.
    const loudong = await t.login('loudong');
    const theirs = await list(loudong, { limit: '100' });
    expect(theirs.total).toBe(one.households);
    expect(theirs.items.find((h) => h.personId === owner.personId)?.phone).toMatch(/\*{4}/);
    expect((await list(loudong, { q: owner.phone })).total).toBe(0);
    const elsewhere = status.buildings.find((b) => b.name === '3')!;
    expect((await list(loudong, { buildingId: elsewhere.id })).total).toBe(0);
  });
});
