/**
 * Evening-talk writes sent with an Idempotency-Key (the web app's offline queue): a repeat answers
 * what the first answered and writes nothing more, the same key with another request is refused in
 * words, two at once write once, and keys are per account. Runs on SQLite and, through
 * scripts/test-pg.sh, on PostgreSQL.
 */
import { eveningTalkEndpoints, meetingEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { IDEMPOTENCY_KEEP_MS, sweepIdempotencyKeys } from './idempotency.js';

let t: TestApp;
let now = new Date('2026-11-21T02:00:00Z');
let cookie: string;
let meetingId: string;

beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  cookie = await t.login('shequ');
  const created = await t.ok(meetingEndpoints.create, {
    cookie,
    params: { compoundId: await t.compoundId('DSCT') },
    body: { kind: 'evening_talk', title: '围庐夜话', startsAt: '2026-11-28T11:00:00.000Z', place: '都市春天服务站二楼' },
  });
  meetingId = created.meeting.id;
  for (const action of ['schedule', 'start'] as const) await t.ok(meetingEndpoints[action], { cookie, params: { meetingId } });
});
afterEach(() => t.close());

const keyed = (key: string) => ({ 'Idempotency-Key': key });
const question = { text: '地下车库漏水', category: 'facilities' as const, askerName: '3栋 李阿姨' };
const submit = (key: string, body: typeof question = question, as = cookie) =>
  t.api(eveningTalkEndpoints.submit, { cookie: as, params: { meetingId }, body, headers: keyed(key) });
const questionRows = () => t.deps.db.selectFrom('meeting_questions').select(['id', 'status', 'action_item_id']).where('meeting_id', '=', meetingId).execute();
const actionItemsOf = (questionId: string) =>
  t.deps.db.selectFrom('action_items').select('id').where('source_kind', '=', 'evening_question').where('source_id', '=', questionId).execute();

describe('Idempotency-Key on evening-talk writes', () => {
  it('the same key twice records one question and answers both times with the same status and body', async () => {
    const first = await submit('queue-key-0001');
    const again = await submit('queue-key-0001');
    expect(first.status).toBe(201);
    expect([again.status, again.data]).toEqual([201, first.data]);
    expect(await questionRows()).toHaveLength(1);
    // The stored answer stays the first one, even once the counts have moved on.
    await submit('queue-key-0002', { ...question, text: '快递柜太少' });
    expect((await submit('queue-key-0001')).data).toEqual(first.data);
    expect(await questionRows()).toHaveLength(2);
    const stored = await t.deps.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(stored.map((k) => [k.key, k.operation, k.response_status])).toEqual([
      ['queue-key-0001', 'post /meetings/:meetingId/questions', 201],
      ['queue-key-0002', 'post /meetings/:meetingId/questions', 201],
    ]);
  });

  it('the same key with another request is refused with 422, in words; nothing is written', async () => {
    await submit('queue-key-0001');
    const other = await submit('queue-key-0001', { ...question, text: '另一个问题' });
    expect(other.status).toBe(422);
    expect(other.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringContaining('幂等键') });
    expect(await questionRows()).toHaveLength(1);
  });

  it('a malformed key is refused with 400 before anything is written', async () => {
    const bad = await submit('short');
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toContain('Idempotency-Key');
    expect(await questionRows()).toHaveLength(0);
  });

  it('five requests with one key at once: one question, five identical answers', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit('queue-key-race')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    expect(await questionRows()).toHaveLength(1);
    expect(await t.deps.db.selectFrom('idempotency_keys').select('key').execute()).toHaveLength(1);
  });

  it('answer, list and merge retried: handled once, one action item, the stored answer again (not "already handled")', async () => {
    const a = (await submit('q-a-000001')).data!;
    const b = (await submit('q-b-000001', { ...question, text: '楼道灯不亮' })).data!;
    const third = (await submit('q-c-000001', { ...question, text: '楼道灯还是不亮' })).data!;
    const answerBody = { answer: '已安排物业本周处理', answeredByName: '物业 吴涛' };
    const answer = () =>
      t.api(eveningTalkEndpoints.answer, { cookie, params: { meetingId, questionId: a.id }, body: answerBody, headers: keyed('answer-key-1') });
    const listing = { measures: '五个工作日内整改', responsibleUnit: 'property_manager' as const };
    const list = () => t.api(eveningTalkEndpoints.list, { cookie, params: { meetingId, questionId: b.id }, body: listing, headers: keyed('list-key-01') });
    const merge = () =>
      t.api(eveningTalkEndpoints.merge, { cookie, params: { meetingId, questionId: third.id }, body: { intoQuestionId: b.id }, headers: keyed('merge-key-1') });
    const firsts = [await answer(), await list(), await merge()];
    expect(firsts.map((r) => r.status)).toEqual([200, 200, 200]);
    const [answered2, listed2, listed3, merged2] = [await answer(), ...(await Promise.all([list(), list()])), await merge()];
    expect([answered2.status, answered2.data]).toEqual([200, firsts[0]!.data]);
    expect([listed2.status, listed2.data, listed3.status, listed3.data]).toEqual([200, firsts[1]!.data, 200, firsts[1]!.data]);
    expect([merged2.status, merged2.data]).toEqual([200, firsts[2]!.data]);
    expect(await actionItemsOf(b.id)).toEqual([{ id: (firsts[1]!.data as unknown as { actionItemId: string }).actionItemId }]);
    const rows = await questionRows();
    expect(rows.map((r) => r.status).sort()).toEqual(['answered', 'listed', 'merged']);
    // Without a key a second answer is still refused as before.
    const unkeyed = await t.api(eveningTalkEndpoints.answer, { cookie, params: { meetingId, questionId: a.id }, body: answerBody });
    expect([unkeyed.status, unkeyed.error?.code]).toEqual([409, 'question_closed']);
  });

  it('a retry after the meeting closed still gets the stored answer; a new key is refused with the reason', async () => {
    const first = await submit('queue-key-0001');
    await t.ok(meetingEndpoints.close, { cookie, params: { meetingId } });
    expect((await submit('queue-key-0001')).data).toEqual(first.data);
    const late = await submit('queue-key-0002', { ...question, text: '散会后才发出的问题' });
    expect([late.status, late.error?.code]).toEqual([409, 'questions_not_open']);
    expect(await questionRows()).toHaveLength(1);
  });

  it('keys are per account: another staff member with the same key records their own question', async () => {
    const other = await t.login('jiedao');
    const mine = await submit('shared-key-01');
    const theirs = await submit('shared-key-01', { ...question, text: '电梯经常停' }, other);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.data!.id).not.toBe(mine.data!.id);
    expect(await questionRows()).toHaveLength(2);
  });

  it('a refused write keeps no key: the same key may be sent again once the refusal is gone', async () => {
    const foreign = await t.api(eveningTalkEndpoints.answer, {
      cookie,
      params: { meetingId, questionId: 'no-such-question' },
      body: { answer: 'x', answeredByName: 'y' },
      headers: keyed('answer-key-9'),
    });
    expect(foreign.status).toBe(404);
    expect(await t.deps.db.selectFrom('idempotency_keys').select('key').execute()).toEqual([]);
  });

  it('keys older than a week are swept; younger ones stay', async () => {
    await submit('old-key-0001');
    now = new Date(now.getTime() + IDEMPOTENCY_KEEP_MS - 60_000);
    await submit('new-key-0001', { ...question, text: '新问题' });
    now = new Date(now.getTime() + 120_000);
    expect(await sweepIdempotencyKeys(t.deps)).toBe(1);
    expect((await t.deps.db.selectFrom('idempotency_keys').select('key').execute()).map((k) => k.key)).toEqual(['new-key-0001']);
  });
});
