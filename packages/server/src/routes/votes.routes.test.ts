/**
 * The vote routes: the seeded votes on the board; casting (a ballot per unit, co-owners, secret and named
 * ballots, building-scoped votes, paper slips, closing on time, organiser-only steps); owners of several
 * units; residents' polls. What a vote shows outside its ballot box is in votes-board-and-roll.routes.test.ts.
 */
import { voteEndpoints, type BodyInput, type ListedVote, type PublicVote } from '@yishi/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { enterConfirmedPaperBallot } from '../testing/paper-slips.js';
import type { TestApp } from '../testing/test-app.js';
import { useVotesApp } from '../testing/votes-app.js';

const v = useVotesApp();
const { unitId, createOpenVote, cast, roll, closeNow } = v;
let t: TestApp;
let dsct: string;
beforeEach(() => {
  ({ t, dsct } = v);
});

describe('seeded votes on the public board', () => {
  it('shows the matter-5 vote passed, the matter-6 vote failed on 3/4 approval, and the elected building head', async () => {
    const { items: votes } = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } });
    const byTitle = new Map(votes.map((v) => [v.title, v]));
    const m5 = byTitle.get('使用专项维修资金更换2栋电梯')!.result!;
    expect(m5.passed).toBe(true);
    expect(m5.checks.map((c) => c.text['zh-CN']).join('\n')).toMatch(/参与表决面积占比 \d+\.\d{2}% ≥ 2\/3 ✓（[\d.]+ \/ 14412\.30 平方米）/);
    const m6 = byTitle.get('续筹专项维修资金（每平方米 20 元）')!.result!;
    expect(m6.passed).toBe(false);
    expect(m6.checks.filter((c) => c.key.startsWith('participation')).every((c) => c.ok)).toBe(true);
    expect(m6.checks.find((c) => c.key === 'approval_heads')!.text['zh-CN']).toMatch(/< 3\/4 ✗/);
    const head = byTitle.get('1栋楼栋长选举')!.result!;
    expect(head.summary['zh-CN']).toBe('当选：何秀英');
    expect(head.electorate.voters).toBe(40);
  });

  it('an unknown compound has no board', async () => {
    const missing = await t.api(voteEndpoints.publicResults, { params: { compoundId: 'nope' }, query: { limit: 200 } });
    expect(missing.status).toBe(404);
    expect(missing.error?.code).toBe('compound_not_found');
  });
});

describe('casting ballots', () => {
  it('an owner of two units chooses the unit, gets a receipt, may change the ballot; the latest counts and the replaced one is kept', async () => {
    const staff = await t.login('zhanzhang');
    // Named: a secret vote this small publishes no choices on the receipt list (secret-votes.routes.test.ts).
    const voteId = await createOpenVote(staff, { secret: false });
    const owner = await t.login('yezhu');
    const refused = await cast(owner, voteId, { choices: ['yes'] });
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('ballot_unit_required');

    const unit = await unitId('1-1-301');
    const first = await cast(owner, voteId, { unitId: unit, choices: ['yes'] });
    expect(first.status).toBe(201);
    const r1 = first.data!;
    expect(r1.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(r1).toMatchObject({ voterLabel: '1栋1单元301', replaced: false });
    const second = (await cast(owner, voteId, { unitId: unit, choices: ['no'] })).data!;
    expect(second.replaced).toBe(true);
    expect(second.receiptCode).not.toBe(r1.receiptCode);

    const rows = await t.deps.db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).execute();
    expect(rows).toHaveLength(1);
    const history = await t.deps.db.selectFrom('ballot_history').selectAll().where('vote_id', '=', voteId).execute();
    expect(history.map((h) => [h.receipt_code, JSON.parse(h.choices_json)])).toEqual([[r1.receiptCode, ['yes']]]);
    // The history is append-only.
    await expect(t.deps.db.deleteFrom('ballot_history').execute()).rejects.toThrow(/append_only/);

    // The owner sees their receipt and that the unit voted; not how.
    const mine = await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });
    expect(mine.mine.find((m) => m.label === '1栋1单元301')).toMatchObject({ voted: true, receiptCode: second.receiptCode, channel: 'online' });
    expect(mine.result).toBeNull();
    expect(mine.turnout?.participation).toMatchObject({ ballots: 1, heads: 1 });

    // After closing the published receipts list has the latest code with its choice.
    expect((await closeNow(staff, voteId)).status).toBe(200);
    const receipts = await t.ok(voteEndpoints.receipts, { params: { voteId } });
    expect(receipts.items).toEqual([
      { receiptCode: second.receiptCode, logPosition: second.logPosition, choices: ['no'], choiceLabels: ['反对'], channel: 'online' },
    ]);
    // Closing twice says so.
    expect((await closeNow(staff, voteId)).error?.code).toBe('vote_already_closed');
  });

  it('the same ballot sent again (its answer lost on the way) is answered with the ballot counted: same receipt, nothing written; a co-owner or another choice still replaces it', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const owner = await t.login('yezhu');
    const unit = await unitId('1-1-301');
    const first = (await cast(owner, voteId, { unitId: unit, choices: ['yes'] })).data!;
    const log = () => t.deps.db.selectFrom('ballot_log').select('position').where('vote_id', '=', voteId).execute();
    const logBefore = (await log()).length;

    const again = await cast(owner, voteId, { unitId: unit, choices: ['yes'] });
    expect(again.status).toBe(201);
    expect(again.data).toEqual(first);
    expect(await log()).toHaveLength(logBefore);
    expect(await t.deps.db.selectFrom('ballot_history').select('id').where('vote_id', '=', voteId).execute()).toEqual([]);
    const ballot = await t.deps.db.selectFrom('ballots').select(['version', 'receipt_code']).where('vote_id', '=', voteId).executeTakeFirstOrThrow();
    expect(ballot).toEqual({ version: 1, receipt_code: first.receiptCode });
    // The same choice for both of the owner's units at once: the one already cast is answered as it was, the other cast.
    const both = (
      await t.ok(voteEndpoints.castBallots, { cookie: owner, params: { voteId }, body: { unitIds: [unit, await unitId('2-2-502')], choices: ['yes'] } })
    ).receipts;
    expect(both[0]).toEqual(first);
    expect(both[1]).toMatchObject({ voterLabel: '2栋2单元502', replaced: false });

    // Another choice is a change of mind: a new receipt, the first kept in the history.
    const changed = (await cast(owner, voteId, { unitId: unit, choices: ['no'] })).data!;
    expect(changed).toMatchObject({ replaced: true });
    expect(changed.receiptCode).not.toBe(first.receiptCode);
    // A paper slip the staff entered is not the owner's online ballot: the same choice online replaces it.
    const co = await t.login('yezhu2');
    const paperVote = await createOpenVote(staff);
    const paper = await enterConfirmedPaperBallot(t, paperVote, await t.login('fuzhan'), staff, { unitId: await unitId('1-1-101'), choices: ['yes'] });
    const online = (await cast(co, paperVote, { choices: ['yes'] })).data!;
    expect(online).toMatchObject({ replaced: true });
    expect(online.receiptCode).not.toBe(paper.receiptCode);
  });

  it('a co-owned unit has one ballot: either co-owner may cast it, the latest counts', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const liu = await t.login('yezhu2');
    expect((await cast(liu, voteId, { choices: ['yes'] })).status).toBe(201);
    const unit = (await roll(staff, voteId, '1栋1单元101')).items.find((e) => e.label === '1栋1单元101');
    expect(unit).toMatchObject({ voted: true, channel: 'online' });
    expect(unit).not.toHaveProperty('choices');
  });

  it('secret ballot: staff see whether a unit voted, never how, and no results until closing', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    await cast(await t.login('loudong'), voteId, { choices: ['no'] });
    for (const path of [`/api/votes/${voteId}`, `/api/votes/${voteId}/roll`]) {
      const body = await (await t.call('GET', path, { cookie: staff })).text();
      expect(body).not.toMatch(/"choices"|choices_json|"result":\{/);
    }
    // The public receipts list is empty until closing and says when it will be published.
    const hidden = await t.ok(voteEndpoints.receipts, { params: { voteId } });
    expect(hidden).toMatchObject({ status: 'open', published: false, items: [], closesAt: '2026-11-24T02:00:00.000Z' });
  });

  it("a named ballot shows each unit's choice on the roll after closing", async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { secret: false, rule: { kind: 'simple_majority' } });
    await cast(await t.login('loudong'), voteId, { choices: ['no'] });
    await closeNow(staff, voteId);
    expect((await roll(staff, voteId, '1栋2单元602')).items.find((e) => e.label === '1栋2单元602')?.choices).toEqual(['no']);
  });

  it("building-scoped vote: only that building's owners vote; others are refused", async () => {
    const staff = await t.login('zhanzhang');
    const b1 = await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', dsct).where('name', '=', '1').executeTakeFirstOrThrow();
    const voteId = await createOpenVote(staff, { kind: 'election', options: ['何秀英', '张建华'], buildingId: b1.id, rule: { kind: 'simple_majority' } });
    expect((await cast(await t.login('loudong'), voteId, { choices: ['o1'] })).status).toBe(201);
    const outsider = await cast(await t.login('yeweihui'), voteId, { choices: ['o2'] });
    expect(outsider.status).toBe(403);
    expect((await roll(staff, voteId)).items).toHaveLength(40);
    const view = await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    expect(view.vote).toMatchObject({ buildingId: b1.id, buildingName: '1', kind: 'election' });
    expect(view.canManage).toBe(true);
  });

  it('paper ballots are entered by staff, confirmed by a second, recorded with both, and never overwrite a cast ballot', async () => {
    const staff = await t.login('fuzhan');
    const reviewer = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const unit = await unitId('3-1-201');
    const receipt = await enterConfirmedPaperBallot(t, voteId, staff, reviewer, { unitId: unit, choices: ['yes'], slipNumber: 'P-017' });
    expect(receipt.voterLabel).toBe('3栋1单元201');
    const row = await t.deps.db
      .selectFrom('ballots')
      .innerJoin('users', 'users.id', 'ballots.entered_by_user_id')
      .select(['ballots.channel', 'users.username', 'ballots.slip_number'])
      .where('vote_id', '=', voteId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'paper', username: 'fuzhan', slip_number: 'P-017' });
    const paper = (cookie = staff) =>
      t.api(voteEndpoints.enterPaperBallot, { cookie, params: { voteId }, body: { unitId: unit, choices: ['no'], slipNumber: 'P-018', photoId: 'x' } });
    expect((await paper()).status).toBe(409);
    // Owners cannot enter paper ballots.
    expect((await paper(await t.login('yezhu'))).status).toBe(403);
  });

  it('closes on time by itself: once the time has passed a ballot is refused with the closing time, and the result is published', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { secret: false });
    const owner = await t.login('loudong');
    expect((await cast(owner, voteId, { choices: ['yes'] })).status).toBe(201);
    v.now = new Date(v.now.getTime() + 3 * 86_400_000); // exactly the closing time: no timer has run
    const late = await cast(owner, voteId, { choices: ['no'] });
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe('vote_closed');
    expect(late.error?.message).toContain('2026-11-24 10:00');
    const view = await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });
    expect(view.vote).toMatchObject({ status: 'closed', closedOnTime: true, closedAt: '2026-11-24T02:00:00.000Z' });
    expect(view.result?.participation.ballots).toBe(1);
    expect(view.result?.options.find((o) => o.id === 'yes')?.ballots).toBe(1);
  });

  it('organiser-only actions are refused to owners and to staff of another compound', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    expect((await closeNow(await t.login('yezhu'), voteId)).status).toBe(403);
    expect((await closeNow(await t.login('cuiyuan'), voteId)).status).toBe(403);
    expect((await t.call('POST', `/api/compounds/${dsct}/votes`, { cookie: await t.login('yezhu'), json: {} })).status).toBe(403);
  });

  it('drafts are listed for organisers only, and an owner cannot open one', async () => {
    const staff = await t.login('zhanzhang');
    const draft = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: {
        title: '草稿：是否增设垃圾分类亭',
        kind: 'yes_no',
        rule: { kind: 'simple_majority' },
        closesAt: new Date(v.now.getTime() + 86_400_000).toISOString(),
      },
    });
    const forStaff = await t.ok(voteEndpoints.list, { cookie: staff, params: { compoundId: dsct }, query: { limit: 200 } });
    expect(forStaff.canManage).toBe(true);
    expect(forStaff.items.find((v) => v.id === draft.id)).toMatchObject({ status: 'draft', passed: null, summaryText: null });
    const owner = await t.login('yezhu');
    const forOwner = await t.ok(voteEndpoints.list, { cookie: owner, params: { compoundId: dsct }, query: { limit: 200 } });
    expect(forOwner.canManage).toBe(false);
    expect(forOwner.items.map((v) => v.id)).not.toContain(draft.id);
    expect(forOwner.items.find((v) => v.title === '使用专项维修资金更换2栋电梯')).toMatchObject({ status: 'closed', passed: true });
    expect((await t.api(voteEndpoints.get, { cookie: owner, params: { voteId: draft.id } })).status).toBe(404);
    expect((await t.api(voteEndpoints.open, { cookie: owner, params: { voteId: draft.id } })).status).toBe(403);

    // A page at a time: every vote once, open ones first, then announced, drafts and closed, even when all were created at one instant.
    await t.deps.db.updateTable('votes').set({ created_at: '2026-11-01T00:00:00.000Z' }).where('compound_id', '=', dsct).execute();
    const stored = await t.deps.db.selectFrom('votes').select(['id', 'status']).where('compound_id', '=', dsct).execute();
    const listUrlOf = (after: string | undefined) => listUrl(`/compounds/${dsct}/votes`, { after, limit: 2 });
    const paged = await pageThrough<ListedVote>((after) => t.call('GET', listUrlOf(after), { cookie: staff }));
    expect(paged.statuses.every((s) => s === 200)).toBe(true);
    expect(repeated(paged.items.map((v) => v.id))).toEqual([]);
    expect(paged.items.map((v) => v.id).sort()).toEqual(stored.map((v) => v.id).sort());
    expect(paged.pages).toBe(Math.ceil(stored.length / 2));
    const rank = { open: 0, announced: 1, draft: 2, closed: 3 } as const;
    const ranks = paged.items.map((v) => rank[v.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The closed ones by when they closed, the latest first (their creation is the same instant here).
    const closedAt = paged.items.filter((v) => v.status === 'closed').map((v) => v.closedAt ?? v.closesAt);
    expect(new Set(closedAt).size).toBeGreaterThan(2);
    expect(closedAt).toEqual([...closedAt].sort().reverse());
    const ownerPaged = await pageThrough<ListedVote>((after) => t.call('GET', listUrlOf(after), { cookie: owner }));
    expect(ownerPaged.items.map((v) => v.id).sort()).toEqual(
      stored
        .filter((v) => v.status !== 'draft')
        .map((v) => v.id)
        .sort(),
    );

    // The board's closed votes likewise, closed at one instant; the open ones come with the first page only.
    await t.deps.db
      .updateTable('votes')
      .set({ closed_at: '2026-11-02T00:00:00.000Z' })
      .where('compound_id', '=', dsct)
      .where('status', '=', 'closed')
      .execute();
    const boardUrl = (after: string | undefined) => listUrl(`/public/compounds/${dsct}/votes`, { after, limit: 2 });
    const board = await pageThrough<PublicVote>((after) => t.call('GET', boardUrl(after)));
    const closed = stored.filter((v) => v.status === 'closed').map((v) => v.id);
    expect(closed.length).toBeGreaterThan(2);
    expect(repeated(board.items.map((v) => v.id))).toEqual([]);
    expect(board.items.map((v) => v.id).sort()).toEqual(closed.sort());
    const first = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 2 } });
    expect(first.open.map((v) => v.status)).toContain('open');
    expect((await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 2, after: first.next! } })).open).toEqual([]);
  });

  it('rejects invalid ballots in words', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { kind: 'multiple_choice', options: ['A', 'B', 'C'], maxChoices: 2, rule: { kind: 'simple_majority' } });
    const owner = await t.login('loudong');
    expect((await cast(owner, voteId, { choices: ['o1', 'o2', 'o3'] })).error?.message).toBe('最多只能选 2 项');
    expect((await cast(owner, voteId, { choices: ['zzz'] })).error?.code).toBe('ballot_invalid_choice');
  });
});

describe('an owner of several units', () => {
  const castAll = (cookie: string, voteId: string, body: BodyInput<typeof voteEndpoints.castBallots>) =>
    t.api(voteEndpoints.castBallots, { cookie, params: { voteId }, body });

  it('casts the same choice for every unit in one step: a ballot and a receipt per unit, and still one head', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, { secret: false });
    const owner = await t.login('yezhu');
    const units = [await unitId('1-1-301'), await unitId('2-2-502')];
    const cast = await castAll(owner, voteId, { unitIds: units, choices: ['yes'] });
    expect(cast.status).toBe(201);
    const { receipts } = cast.data!;
    expect(receipts.map((r) => [r.voterKey, r.voterLabel, r.replaced])).toEqual([
      [units[0], '1栋1单元301', false],
      [units[1], '2栋2单元502', false],
    ]);
    expect(new Set(receipts.map((r) => r.receiptCode)).size).toBe(2);

    const view = await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });
    expect(view.mine.map((m) => [m.label, m.voted, m.receiptCode])).toEqual([
      ['1栋1单元301', true, receipts[0]!.receiptCode],
      ['2栋2单元502', true, receipts[1]!.receiptCode],
    ]);
    // Two units' ballots and areas, one owner's head.
    expect(view.turnout?.participation).toMatchObject({ ballots: 2, heads: 1 });
    expect(view.turnout?.progress.find((p) => p.key === 'participation_heads')).toMatchObject({ value: { num: 1, den: 114 }, reached: false, missing: 75 });

    expect((await closeNow(staff, voteId)).status).toBe(200);
    const result = (await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } })).result!;
    expect(result.participation).toMatchObject({ ballots: 2, heads: 1 });
    expect(result.options.find((o) => o.id === 'yes')).toMatchObject({ ballots: 2, heads: 1 });
  });

  it('all or none: a unit that is not the caller’s refuses the whole step, and nothing is cast', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const owner = await t.login('yezhu');
    const refused = await castAll(owner, voteId, { unitIds: [await unitId('1-1-301'), await unitId('1-1-101')], choices: ['no'] });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('not_in_electorate');
    expect((await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } })).mine.every((m) => !m.voted)).toBe(true);
    // A unit named twice is a malformed request.
    const unit = await unitId('1-1-301');
    expect((await castAll(owner, voteId, { unitIds: [unit, unit], choices: ['no'] })).status).toBe(400);
  });

  it('the votes list says, per unit, which of my units have voted', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    const owner = await t.login('yezhu');
    expect((await cast(owner, voteId, { unitId: await unitId('1-1-301'), choices: ['yes'] })).status).toBe(201);
    const { items: votes } = await t.ok(voteEndpoints.list, { cookie: owner, params: { compoundId: dsct }, query: { limit: 200 } });
    expect(votes.find((v) => v.id === voteId)!.mine.map((m) => [m.label, m.voted])).toEqual([
      ['1栋1单元301', true],
      ['2栋2单元502', false],
    ]);
    // Staff without units have none; closed votes list the units that were on the roll.
    expect(
      (await t.ok(voteEndpoints.list, { cookie: staff, params: { compoundId: dsct }, query: { limit: 200 } })).items.every((v) => v.mine.length === 0),
    ).toBe(true);
  });
});

describe('residents poll and sources', () => {
  it('a residents poll is one ballot per person: residents and owners vote, each once', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff, {
      title: '小区春节活动形式',
      kind: 'single_choice',
      options: ['游园会', '联欢晚会'],
      electorateKind: 'residents',
      rule: { kind: 'simple_majority' },
    });
    const jumin = await t.login('jumin');
    expect((await cast(jumin, voteId, { choices: ['o1'] })).status).toBe(201);
    expect((await cast(jumin, voteId, { choices: ['o2'] })).data?.replaced).toBe(true);
    // 王建国 owns two units but is one person: one ballot, no unit to choose.
    expect((await cast(await t.login('yezhu'), voteId, { choices: ['o1'] })).status).toBe(201);
    const rows = await t.deps.db.selectFrom('ballots').select(['person_id', 'unit_id']).where('vote_id', '=', voteId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.person_id !== null && r.unit_id === null)).toBe(true);
  });

  it('refuses art. 278 on a residents poll, and a vote from an agenda item that does not exist', async () => {
    const staff = await t.login('zhanzhang');
    const closesAt = new Date(v.now.getTime() + 86_400_000).toISOString();
    const create = (body: BodyInput<typeof voteEndpoints.create>) => t.api(voteEndpoints.create, { cookie: staff, params: { compoundId: dsct }, body });
    expect((await create({ title: '无面积的表决', kind: 'yes_no', electorateKind: 'residents', rule: { kind: 'art278', matter: 5 }, closesAt })).status).toBe(
      400,
    );
    const agenda = await create({
      title: '议题表决',
      kind: 'yes_no',
      rule: { kind: 'simple_majority' },
      closesAt,
      sourceKind: 'agenda_item',
      sourceId: 'nope',
    });
    expect(agenda.status).toBe(400);
    expect(agenda.error?.code).toBe('vote_source_not_found');
  });
});
