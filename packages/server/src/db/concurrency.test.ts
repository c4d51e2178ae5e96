/**
 * Requests that race for the same counter, ballot or number. On SQLite the app's one connection runs
 * one transaction at a time; on PostgreSQL (scripts/test-pg.sh) they truly run side by side on the
 * pool's connections, so these are the checks that row locks and unique indexes do their job there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
const now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
beforeEach(async () => {
  t = await createTestApp({ clock: () => now });
});
afterEach(() => t.close());

async function json<T = unknown>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

async function resolvedItem(cookie: string, compoundId: string, title: string): Promise<string> {
  const { id } = await json<{ id: string }>(
    await t.call('POST', `/api/compounds/${compoundId}/action-items`, { cookie, json: { title, source: { kind: 'proposal' } } }),
    201,
  );
  await json(await t.call('POST', `/api/action-items/${id}/resolve`, { cookie, json: { evidence: '已处理' } }), 200);
  return id;
}

/** A yes/no vote (art. 278 thresholds) on the compound's door system, created and opened by `staff`. */
async function openDoorVote(compoundId: string, staff: string): Promise<{ id: string }> {
  const created = await json<{ id: string }>(
    await t.call('POST', `/api/compounds/${compoundId}/votes`, {
      cookie: staff,
      json: {
        title: '是否同意更换小区门禁系统',
        kind: 'yes_no',
        // The thresholds of art. 278 matter 4 without its statutory notice period: it opens at once.
        rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
        closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      },
    }),
    201,
  );
  await json(await t.call('POST', `/api/votes/${created.id}/open`, { cookie: staff }), 200);
  return created;
}

describe('under concurrent requests', () => {
  it('sign-off numbers stay gapless and unique, and an item is signed off once', async () => {
    const cy = await t.compoundId('CY');
    const cookie = await t.login('cuiyuan');
    // The station chief resolves them; the community's staff sign them off (nobody signs off what they resolved).
    const signer = await t.login('shequ');
    const ids: string[] = [];
    for (let i = 1; i <= 8; i += 1) ids.push(await resolvedItem(cookie, cy, `路灯${i}不亮`));
    // Every item signed off twice at once: 16 requests, 8 must win.
    const attempts = await Promise.all(
      [...ids, ...ids].map((id) => t.call('POST', `/api/action-items/${id}/sign-off`, { cookie: signer, json: { resolution: '已办结' } })),
    );
    expect(attempts.filter((r) => r.status === 200)).toHaveLength(8);
    expect(attempts.filter((r) => r.status !== 200).every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    const numbers = (await t.deps.db.selectFrom('action_items').select('sign_off_number').where('compound_id', '=', cy).execute())
      .map((r) => r.sign_off_number)
      .sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `CY-2026-${String(i + 1).padStart(4, '0')}`));
    // The next one carries on from the last number: no increment was lost to a refused request.
    const next = await resolvedItem(cookie, cy, '垃圾桶破损');
    expect(
      (
        await json<{ signOffNumber: string }>(
          await t.call('POST', `/api/action-items/${next}/sign-off`, { cookie: signer, json: { resolution: '已办结' } }),
          200,
        )
      ).signOffNumber,
    ).toBe('CY-2026-0009');
    const ledger = await json<{ ok: boolean; entries: number }>(await t.call('GET', `/api/compounds/${cy}/ledger/verify`, { cookie }), 200);
    expect(ledger).toMatchObject({ ok: true, entries: 18 });
  });

  it('a unit keeps one ballot, with every replaced one in its history, when casts for it race', async () => {
    const dsct = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    const created = await openDoorVote(dsct, staff);
    // 王建国 (yezhu) owns two units and picks 1-1-301 on six phones at once.
    const unit = await t.deps.db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('units.id')
      .where('units.compound_id', '=', dsct)
      .where('buildings.name', '=', '1')
      .where('units.entrance', '=', '1')
      .where('units.room', '=', '301')
      .executeTakeFirstOrThrow();
    const owner = await t.login('yezhu');
    const casts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.call('POST', `/api/votes/${created.id}/ballots`, { cookie: owner, json: { unitId: unit.id, choices: [i % 2 ? 'yes' : 'no'] } }),
      ),
    );
    expect(casts.map((r) => r.status)).toEqual(Array(6).fill(201));
    const ballots = await t.deps.db
      .selectFrom('ballots')
      .select(['version', 'receipt_code'])
      .where('vote_id', '=', created.id)
      .where('unit_id', '=', unit.id)
      .execute();
    expect(ballots).toHaveLength(1);
    // Every cast that changed the choice replaced the one before it, and each replaced ballot is kept; one that found
    // its own choice counted (taken in another order than sent) was answered with that ballot's receipt.
    const given = [...new Set(await Promise.all(casts.map(async (r) => ((await r.json()) as { receiptCode: string }).receiptCode)))].sort();
    expect(given.length).toBeGreaterThanOrEqual(2);
    expect(ballots[0]!.version).toBe(given.length);
    const history = await t.deps.db.selectFrom('ballot_history').select(['version', 'receipt_code']).where('vote_id', '=', created.id).execute();
    expect(history.map((h) => h.version).sort()).toEqual(Array.from({ length: given.length - 1 }, (_, i) => i + 1));
    expect([ballots[0]!.receipt_code, ...history.map((h) => h.receipt_code)].sort()).toEqual(given);
  });

  it('questions sent at once to an evening talk get the numbers 1…n, each once', async () => {
    const dsct = await t.compoundId('DSCT');
    const cookie = await t.login('shequ');
    const created = await json<{ meeting: { id: string } }>(
      await t.call('POST', `/api/compounds/${dsct}/meetings`, {
        cookie,
        json: { kind: 'evening_talk', title: '围庐夜话', startsAt: '2026-11-28T11:00:00.000Z', place: '服务站' },
      }),
      201,
    );
    const id = created.meeting.id;
    await json(await t.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call('POST', `/api/meetings/${id}/questions`, {
          cookie,
          json: { text: `问题${i}：垃圾分类点太远`, category: 'environment', askerName: '3栋 李阿姨' },
        }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual(Array(10).fill(201));
    const { items: questions } = await json<{ items: Array<{ number: number }> }>(await t.call('GET', `/api/meetings/${id}/questions`, { cookie }), 200);
    expect(questions.map((q) => q.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('seconds arriving together qualify a proposal when together they reach the threshold', async () => {
    const dsct = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    await json(await t.call('PUT', `/api/compounds/${dsct}/proposal-settings`, { cookie: staff, json: { threshold: { kind: 'count', units: 4 } } }), 200);
    const author = await t.login('loudong');
    const { id } = await json<{ id: string }>(
      await t.call('POST', `/api/compounds/${dsct}/proposals`, {
        cookie: author,
        json: { title: '单元门口加装扶手', body: '老人上下台阶容易摔倒，建议在各单元门口台阶加装不锈钢扶手。' },
      }),
      201,
    );
    const cookies = await Promise.all(['yezhu', 'yezhu2', 'jumin', 'yeweihui'].map((login) => t.login(login)));
    const seconds = await Promise.all(cookies.map((cookie) => t.call('POST', `/api/proposals/${id}/seconds`, { cookie, json: {} })));
    expect(seconds.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const view = await json<{ proposal: { status: string; seconds: number } }>(await t.call('GET', `/api/proposals/${id}`, { cookie: staff }), 200);
    expect(view.proposal).toMatchObject({ status: 'qualified', seconds: 4 });
  });

  it('closing a vote early while owners cast: every accepted ballot is in the result, later ones are refused', async () => {
    const dsct = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    const created = await openDoorVote(dsct, staff);
    const unitOf = async (building: string, entrance: string, room: string) =>
      (
        await t.deps.db
          .selectFrom('units')
          .innerJoin('buildings', 'buildings.id', 'units.building_id')
          .select('units.id')
          .where('units.compound_id', '=', dsct)
          .where('buildings.name', '=', building)
          .where('units.entrance', '=', entrance)
          .where('units.room', '=', room)
          .executeTakeFirstOrThrow()
      ).id;
    const casts: Array<{ login: string; unitId?: string }> = [
      { login: 'yezhu', unitId: await unitOf('1', '1', '301') },
      { login: 'yezhu', unitId: await unitOf('2', '2', '502') },
      { login: 'yezhu2' },
      { login: 'yeweihui' },
      { login: 'loudong' },
    ];
    const cookies = await Promise.all(casts.map((c) => t.login(c.login)));
    const cast = (i: number) => {
      const c = casts[i]!;
      return t.call('POST', `/api/votes/${created.id}/ballots`, { cookie: cookies[i]!, json: { ...(c.unitId ? { unitId: c.unitId } : {}), choices: ['yes'] } });
    };
    // Three ballots go out; the close goes out the moment the first of them is answered, with a fourth
    // ballot beside it; a fifth once the close is answered. The ballots answered before the close are
    // accepted (at least one), those in flight with it may go either way, the last is refused. (With
    // the close sent together with all five, every ballot was refused, so "every accepted ballot is in
    // the result" checked nothing.)
    const early = [cast(0), cast(1), cast(2)];
    const [closing, beside] = await Promise.race(early).then(() => Promise.all([t.call('POST', `/api/votes/${created.id}/close`, { cookie: staff }), cast(3)]));
    const late = await cast(4);
    const results = [...(await Promise.all(early)), beside, late];
    expect(closing.status).toBe(200);
    expect(late.status).toBe(409);
    const accepted = results.filter((r) => r.status === 201).length;
    console.log(`[close race] ${accepted} of ${results.length} ballots accepted`);
    expect(accepted).toBeGreaterThan(0);
    for (const refused of results.filter((r) => r.status !== 201))
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('vote_closed');
    const vote = await t.deps.db.selectFrom('votes').select(['status', 'result_json']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(vote.status).toBe('closed');
    const stored = await t.deps.db.selectFrom('ballots').select('id').where('vote_id', '=', created.id).execute();
    expect(stored).toHaveLength(accepted);
    expect((JSON.parse(vote.result_json!) as { participation: { ballots: number } }).participation.ballots).toBe(accepted);
  });
});
