import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function unitId(label: string): Promise<string> {
  const [b, e, r] = label.split('-');
  const row = await t.deps.db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select('units.id')
    .where('units.compound_id', '=', dsct)
    .where('buildings.name', '=', b!)
    .where('units.entrance', '=', e!)
    .where('units.room', '=', r!)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function createOpenVote(cookie: string, extra: Record<string, unknown> = {}) {
  const res = await t.call('POST', `/api/compounds/${dsct}/votes`, {
    cookie,
    json: { title: '是否同意更换小区门禁系统', kind: 'yes_no', rule: { kind: 'art278', matter: 4 }, closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(), ...extra },
  });
  expect(res.status).toBe(201);
  const { id } = await json<{ id: string }>(res);
  expect((await t.call('POST', `/api/votes/${id}/open`, { cookie })).status).toBe(200);
  return id;
}

describe('seeded votes on the public board', () => {
  it('shows the matter-5 vote passed, the matter-6 vote failed on 3/4 approval, and the elected building head', async () => {
    const res = await t.call('GET', `/api/public/compounds/${dsct}/votes`);
    expect(res.status).toBe(200);
    const { votes } = await json(res);
    const byTitle = new Map<string, any>(votes.map((v: any) => [v.title, v]));
    const m5 = byTitle.get('使用专项维修资金更换2栋电梯');
    expect(m5.result.passed).toBe(true);
    expect(m5.result.checks.map((c: any) => c.text['zh-CN']).join('\n')).toMatch(/参与表决面积占比 \d+\.\d% ≥ 2\/3 ✓/);
    const m6 = byTitle.get('续筹专项维修资金（每平方米 20 元）');
    expect(m6.result.passed).toBe(false);
    expect(m6.result.checks.filter((c: any) => c.key.startsWith('participation')).every((c: any) => c.ok)).toBe(true);
    expect(m6.result.checks.find((c: any) => c.key === 'approval_heads').text['zh-CN']).toMatch(/< 3\/4 ✗/);
    const head = byTitle.get('1栋楼栋长选举');
    expect(head.result.summary['zh-CN']).toBe('当选：何秀英');
    expect(head.result.electorate.voters).toBe(40);
  });
});

describe('casting ballots', () => {
  it('an owner of two units chooses the unit, gets a receipt, may change the ballot; the latest counts and the replaced one is kept', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const owner = await t.login('yezhu');
    const refused = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: ['yes'] } });
    expect(refused.status).toBe(422);
    expect((await json(refused)).error.code).toBe('ballot_unit_required');

    const unit = await unitId('1-1-301');
    const first = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { unitId: unit, choices: ['yes'] } });
    expect(first.status).toBe(201);
    const r1 = await json(first);
    expect(r1.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(r1.voterLabel).toBe('1栋1单元301');
    const second = await json(await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { unitId: unit, choices: ['no'] } }));
    expect(second.replaced).toBe(true);
    expect(second.receiptCode).not.toBe(r1.receiptCode);

    const rows = await t.deps.db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).execute();
    expect(rows).toHaveLength(1);
    const history = await t.deps.db.selectFrom('ballot_history').selectAll().where('vote_id', '=', voteId).execute();
    expect(history.map((h) => [h.receipt_code, JSON.parse(h.choices_json)])).toEqual([[r1.receiptCode, ['yes']]]);
    // The history is append-only.
    await expect(t.deps.db.deleteFrom('ballot_history').execute()).rejects.toThrow(/append_only/);

    // The owner sees their receipt and that the unit voted; not how.
    const mine = await json(await t.call('GET', `/api/votes/${voteId}`, { cookie: owner }));
    expect(mine.mine.find((m: any) => m.label === '1栋1单元301')).toMatchObject({ voted: true, receiptCode: second.receiptCode });
    expect(mine.result).toBeNull();
    expect(mine.turnout.participation).toMatchObject({ ballots: 1, heads: 1 });

    // After closing the published receipts list has the latest code with its choice.
    expect((await t.call('POST', `/api/votes/${voteId}/close`, { cookie: staff })).status).toBe(200);
    const receipts = await json(await t.call('GET', `/api/public/votes/${voteId}/receipts`));
    expect(receipts.receipts).toEqual([{ receiptCode: second.receiptCode, choices: ['no'], choiceLabels: ['反对'], channel: 'online' }]);
  });

  it('a co-owned unit has one ballot: either co-owner may cast it, the latest counts', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const liu = await t.login('yezhu2');
    expect((await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: liu, json: { choices: ['yes'] } })).status).toBe(201);
    const roll = await json(await t.call('GET', `/api/votes/${voteId}/roll`, { cookie: staff }));
    const unit = roll.entries.find((e: any) => e.label === '1栋1单元101');
    expect(unit).toMatchObject({ voted: true, channel: 'online' });
    expect(unit).not.toHaveProperty('choices');
  });

  it('secret ballot: staff see whether a unit voted, never how, and no results until closing', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('loudong'), json: { choices: ['no'] } });
    for (const path of [`/api/votes/${voteId}`, `/api/votes/${voteId}/roll`]) {
      const body = await (await t.call('GET', path, { cookie: staff })).text();
      expect(body).not.toMatch(/"choices"|choices_json|"result":\{/);
    }
    const hidden = await t.call('GET', `/api/public/votes/${voteId}/receipts`);
    expect(hidden.status).toBe(403);
    expect((await json(hidden)).error.code).toBe('vote_results_hidden');
  });

  it('a named ballot shows each unit\'s choice on the roll after closing', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { secret: false, rule: { kind: 'simple_majority' } });
    await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('loudong'), json: { choices: ['no'] } });
    await t.call('POST', `/api/votes/${voteId}/close`, { cookie: staff });
    const roll = await json(await t.call('GET', `/api/votes/${voteId}/roll`, { cookie: staff }));
    expect(roll.entries.find((e: any) => e.label === '1栋2单元602').choices).toEqual(['no']);
  });

  it('building-scoped vote: only that building\'s owners vote; others are refused', async () => {
    const staff = await t.login('zhanzhang');
    const b1 = await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', dsct).where('name', '=', '1').executeTakeFirstOrThrow();
    const voteId = await createOpenVote(staff, { kind: 'election', options: ['何秀英', '张建华'], buildingId: b1.id, rule: { kind: 'simple_majority' } });
    expect((await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('loudong'), json: { choices: ['o1'] } })).status).toBe(201);
    const outsider = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('yeweihui'), json: { choices: ['o2'] } });
    expect(outsider.status).toBe(403);
    const roll = await json(await t.call('GET', `/api/votes/${voteId}/roll`, { cookie: staff }));
    expect(roll.entries).toHaveLength(40);
  });

  it('paper ballots are entered by staff, recorded with them, and never overwrite a cast ballot', async () => {
    const staff = await t.login('fuzhan');
    const voteId = await createOpenVote(staff);
    const unit = await unitId('3-1-201');
    const res = await t.call('POST', `/api/votes/${voteId}/paper-ballots`, { cookie: staff, json: { unitId: unit, choices: ['yes'], slipNumber: 'P-017' } });
    expect(res.status).toBe(201);
    const row = await t.deps.db.selectFrom('ballots').innerJoin('users', 'users.id', 'ballots.entered_by_user_id').select(['ballots.channel', 'users.username', 'ballots.slip_number']).where('vote_id', '=', voteId).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'paper', username: 'fuzhan', slip_number: 'P-017' });
    const again = await t.call('POST', `/api/votes/${voteId}/paper-ballots`, { cookie: staff, json: { unitId: unit, choices: ['no'] } });
    expect(again.status).toBe(409);
    // Owners cannot enter paper ballots.
    expect((await t.call('POST', `/api/votes/${voteId}/paper-ballots`, { cookie: await t.login('yezhu'), json: { unitId: unit, choices: ['no'] } })).status).toBe(403);
  });

  it('closes on time by itself: once the time has passed a ballot is refused with the closing time, and the result is published', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const owner = await t.login('loudong');
    expect((await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: ['yes'] } })).status).toBe(201);
    now = new Date(now.getTime() + 3 * 86_400_000); // exactly the closing time: no timer has run
    const late = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: ['no'] } });
    expect(late.status).toBe(409);
    const err = (await json(late)).error;
    expect(err.code).toBe('vote_closed');
    expect(err.message).toContain('2026-11-24 10:00');
    const view = await json(await t.call('GET', `/api/votes/${voteId}`, { cookie: owner }));
    expect(view.vote).toMatchObject({ status: 'closed', closedOnTime: true, closedAt: '2026-11-24T02:00:00.000Z' });
    expect(view.result.participation.ballots).toBe(1);
    expect(view.result.options.find((o: any) => o.id === 'yes').ballots).toBe(1);
  });

  it('organiser-only actions are refused to owners and to staff of another compound', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    expect((await t.call('POST', `/api/votes/${voteId}/close`, { cookie: await t.login('yezhu') })).status).toBe(403);
    expect((await t.call('POST', `/api/votes/${voteId}/close`, { cookie: await t.login('cuiyuan') })).status).toBe(403);
    expect((await t.call('POST', `/api/compounds/${dsct}/votes`, { cookie: await t.login('yezhu'), json: {} })).status).toBe(403);
  });

  it('rejects invalid ballots in words', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { kind: 'multiple_choice', options: ['A', 'B', 'C'], maxChoices: 2, rule: { kind: 'simple_majority' } });
    const owner = await t.login('loudong');
    const tooMany = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: ['o1', 'o2', 'o3'] } });
    expect((await json(tooMany)).error.message).toBe('最多只能选 2 项');
    const bogus = await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: ['zzz'] } });
    expect((await json(bogus)).error.code).toBe('ballot_invalid_choice');
  });
});

describe('residents poll and sources', () => {
  it('a residents poll is one ballot per person: residents and owners vote, each once', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { title: '小区春节活动形式', kind: 'single_choice', options: ['游园会', '联欢晚会'], electorateKind: 'residents', rule: { kind: 'simple_majority' } });
    const jumin = await t.login('jumin');
    expect((await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: jumin, json: { choices: ['o1'] } })).status).toBe(201);
    const again = await json(await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: jumin, json: { choices: ['o2'] } }));
    expect(again.replaced).toBe(true);
    // 王建国 owns two units but is one person: one ballot, no unit to choose.
    expect((await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('yezhu'), json: { choices: ['o1'] } })).status).toBe(201);
    const rows = await t.deps.db.selectFrom('ballots').select(['person_id', 'unit_id']).where('vote_id', '=', voteId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.person_id !== null && r.unit_id === null)).toBe(true);
  });

  it('refuses art. 278 on a residents poll, and a vote from an agenda item that does not exist', async () => {
    const staff = await t.login('zhanzhang');
    const closesAt = new Date(now.getTime() + 86_400_000).toISOString();
    const poll = await t.call('POST', `/api/compounds/${dsct}/votes`, { cookie: staff, json: { title: '无面积的表决', kind: 'yes_no', electorateKind: 'residents', rule: { kind: 'art278', matter: 5 }, closesAt } });
    expect(poll.status).toBe(400);
    const agenda = await t.call('POST', `/api/compounds/${dsct}/votes`, { cookie: staff, json: { title: '议题表决', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt, sourceKind: 'agenda_item', sourceId: 'nope' } });
    expect(agenda.status).toBe(400);
    expect((await json(agenda)).error.code).toBe('vote_source_not_found');
  });
});

describe('roll export', () => {
  it('staff download the roll as CSV with who voted and how (channel), never what for a secret ballot', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    await t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: await t.login('loudong'), json: { choices: ['no'] } });
    const res = await t.call('GET', `/api/votes/${voteId}/roll.csv`, { cookie: staff });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('房屋,面积（平方米）,是否已投票,方式,投票时间');
    expect(lines).toHaveLength(121);
    expect(lines.find((l) => l.startsWith('1栋2单元602,'))).toMatch(/^1栋2单元602,[\d.]+,是,网上,2026-11-21 10:00$/);
    expect(text).not.toContain('反对');
    expect((await t.call('GET', `/api/votes/${voteId}/roll.csv`, { cookie: await t.login('yezhu') })).status).toBe(403);
  });
});
