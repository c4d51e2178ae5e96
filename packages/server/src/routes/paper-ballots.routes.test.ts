/** Paper ballots with four eyes (issue 17, item 3): entered with slip number and photo, counted only once a second staff member confirms. */
import { proxyEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { uploadVotePhoto } from '../testing/paper-slips.js';
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

async function openVote(cookie: string) {
  const { id } = await t.ok(voteEndpoints.create, {
    cookie,
    params: { compoundId: dsct },
    body: {
      title: '是否同意更换小区门禁系统',
      kind: 'yes_no',
      rule: { kind: 'simple_majority' },
      secret: false,
      closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    },
  });
  await t.ok(voteEndpoints.open, { cookie, params: { voteId: id } });
  return id;
}

async function firstUnits(cookie: string, voteId: string, n: number) {
  return (await t.ok(voteEndpoints.roll, { cookie, params: { voteId } })).items.filter((e) => !e.developerHeld).slice(0, n);
}

const entries = (cookie: string, voteId: string) => t.ok(proxyEndpoints.paperEntries, { cookie, params: { voteId } });
const participation = async (cookie: string, voteId: string) => (await t.ok(voteEndpoints.get, { cookie, params: { voteId } })).turnout!.participation;

describe('paper ballots with four eyes', () => {
  it('an entry needs the slip number and the photo; it is pending and does not count; the one who entered it cannot confirm it; a second staff member does, and then it counts with both recorded', async () => {
    const clerk = await t.login('fuzhan');
    const chief = await t.login('zhanzhang');
    const voteId = await openVote(chief);
    const [unit] = await firstUnits(chief, voteId, 1);
    const enter = (body: Record<string, unknown>) =>
      t.api(voteEndpoints.enterPaperBallot, { cookie: clerk, params: { voteId }, body: { unitId: unit!.voterKey, choices: ['yes'], ...body } });

    const noSlip = await enter({ photoId: await uploadVotePhoto(t, clerk, voteId) });
    expect(noSlip.error?.code).toBe('paper_slip_required');
    expect(noSlip.error?.message).toBe('请填写纸质选票编号');
    const noPhoto = await enter({ slipNumber: 'P-001' });
    expect(noPhoto.error?.code).toBe('paper_photo_required');
    expect(noPhoto.error?.message).toBe('请拍照上传签字的纸质选票');

    const photoId = await uploadVotePhoto(t, clerk, voteId);
    const entered = await enter({ slipNumber: 'P-001', photoId });
    expect(entered.status).toBe(201);
    expect(entered.data).toMatchObject({ status: 'pending', voterLabel: unit!.label });
    const entryId = entered.data!.entryId;
    // Pending: not a ballot, not in the turnout, not in the roll.
    expect(await participation(chief, voteId)).toMatchObject({ ballots: 0, paperBallots: 0 });
    expect((await t.ok(voteEndpoints.roll, { cookie: chief, params: { voteId } })).items.find((e) => e.voterKey === unit!.voterKey)?.voted).toBe(false);
    // A second slip for the same unit waits for the first to be reviewed.
    const again = await enter({ slipNumber: 'P-002', photoId: await uploadVotePhoto(t, clerk, voteId) });
    expect(again.error?.code).toBe('paper_entry_pending');

    const listed = await entries(chief, voteId);
    expect(listed.pending).toBe(1);
    expect(listed.items[0]).toMatchObject({ slipNumber: 'P-001', status: 'pending', enteredBy: '周丽', enteredByMe: false, choiceLabels: ['同意'] });
    // The reviewer sees the slip's photo.
    const photo = await t.call('GET', listed.items[0]!.photo.url, { cookie: chief });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    const same = await t.api(proxyEndpoints.confirmPaper, { cookie: clerk, params: { voteId, entryId } });
    expect(same.status).toBe(403);
    expect(same.error?.code).toBe('paper_same_staff');
    expect(same.error?.message).toContain('录入人不能复核自己录入的纸质票');

    const receipt = await t.ok(proxyEndpoints.confirmPaper, { cookie: chief, params: { voteId, entryId } });
    expect(receipt).toMatchObject({ voterLabel: unit!.label, logPosition: 1 });
    expect(await participation(chief, voteId)).toMatchObject({ ballots: 1, paperBallots: 1 });
    const ballot = await t.deps.db
      .selectFrom('ballots')
      .innerJoin('users', 'users.id', 'ballots.entered_by_user_id')
      .select(['users.username', 'ballots.slip_number', 'ballots.channel', 'ballots.receipt_code'])
      .where('vote_id', '=', voteId)
      .executeTakeFirstOrThrow();
    expect(ballot).toEqual({ username: 'fuzhan', slip_number: 'P-001', channel: 'paper', receipt_code: receipt.receiptCode });
    const reviewed = (await entries(clerk, voteId)).items[0]!;
    expect(reviewed).toMatchObject({ status: 'confirmed', reviewedBy: '陈志强', enteredByMe: true });
    // Reviewed once only.
    expect((await t.api(proxyEndpoints.confirmPaper, { cookie: chief, params: { voteId, entryId } })).error?.code).toBe('paper_entry_reviewed');
    // Owners may not review slips.
    expect((await t.api(proxyEndpoints.confirmPaper, { cookie: await t.login('yezhu'), params: { voteId, entryId } })).status).toBe(403);
  });

  it('a second staff member rejects an entry with a reason (it never counts); confirming over a ballot already cast is refused; pending entries at closing do not count', async () => {
    const clerk = await t.login('fuzhan');
    const chief = await t.login('zhanzhang');
    const voteId = await openVote(chief);
    const [a, , c] = await firstUnits(chief, voteId, 3);
    const enter = async (unitId: string, slipNumber: string) =>
      (
        await t.ok(voteEndpoints.enterPaperBallot, {
          cookie: clerk,
          params: { voteId },
          body: { unitId, choices: ['no'], slipNumber, photoId: await uploadVotePhoto(t, clerk, voteId) },
        })
      ).entryId;

    const blurred = await enter(a!.voterKey, 'P-010');
    expect((await t.api(proxyEndpoints.rejectPaper, { cookie: clerk, params: { voteId, entryId: blurred }, body: { reason: '照片模糊' } })).error?.code).toBe(
      'paper_same_staff',
    );
    await t.ok(proxyEndpoints.rejectPaper, { cookie: chief, params: { voteId, entryId: blurred }, body: { reason: '照片模糊，看不清签名' } });
    expect((await entries(chief, voteId)).items[0]).toMatchObject({ status: 'rejected', rejectReason: '照片模糊，看不清签名', reviewedBy: '陈志强' });
    expect(await participation(chief, voteId)).toMatchObject({ ballots: 0 });

    // 王建国 voted online after his slip was entered: the slip cannot overwrite his ballot.
    const roll = (await t.ok(voteEndpoints.roll, { cookie: chief, params: { voteId } })).items;
    const his = roll.find((e) => e.label === '1栋1单元301')!;
    const slip = await enter(his.voterKey, 'P-011');
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu'), params: { voteId }, body: { unitId: his.voterKey, choices: ['yes'] } });
    const over = await t.api(proxyEndpoints.confirmPaper, { cookie: chief, params: { voteId, entryId: slip } });
    expect(over.status).toBe(409);
    expect(over.error?.code).toBe('ballot_exists_online');
    // … and a slip for a unit that already has a ballot is refused at entry.
    const dup = await t.api(voteEndpoints.enterPaperBallot, {
      cookie: clerk,
      params: { voteId },
      body: { unitId: his.voterKey, choices: ['no'], slipNumber: 'P-012', photoId: await uploadVotePhoto(t, clerk, voteId) },
    });
    expect(dup.error?.code).toBe('ballot_exists_online');
    await t.ok(proxyEndpoints.rejectPaper, { cookie: chief, params: { voteId, entryId: slip }, body: { reason: '业主已网上投票' } });

    await enter(c!.voterKey, 'P-013');
    expect((await entries(chief, voteId)).pending).toBe(1);
    // A page at a time, newest first, all three entered at one instant: the id breaks the tie, each shown once; the count is of the whole vote.
    await t.deps.db.updateTable('paper_ballot_entries').set({ entered_at: now.toISOString() }).where('vote_id', '=', voteId).execute();
    const url = (query: Record<string, string | number | undefined>) => listUrl(`/votes/${voteId}/paper-ballots`, query);
    const paged = await pageThrough<{ id: string; status: string }>((after) => t.call('GET', url({ after, limit: 1 }), { cookie: chief }));
    expect([paged.pages, paged.items.length, repeated(paged.items.map((e) => e.id))]).toEqual([3, 3, []]);
    expect(paged.items.map((e) => e.id)).toEqual(
      paged.items
        .map((e) => e.id)
        .sort()
        .reverse(),
    );
    const waiting = await t.ok(proxyEndpoints.paperEntries, { cookie: chief, params: { voteId }, query: { status: 'pending', limit: 1 } });
    expect([waiting.items.map((e) => e.status), waiting.next, waiting.pending]).toEqual([['pending'], null, 1]);
    await t.ok(voteEndpoints.close, { cookie: chief, params: { voteId } });
    const result = (await t.ok(voteEndpoints.get, { cookie: chief, params: { voteId } })).result!;
    expect(result.participation.ballots).toBe(1);
    const late = await t.api(proxyEndpoints.confirmPaper, {
      cookie: chief,
      params: { voteId, entryId: (await entries(chief, voteId)).items.find((e) => e.status === 'pending')!.id },
    });
    expect(late.error?.code).toBe('vote_closed');
  });
});
