/**
 * Raising an evening-talk question: the category is the asker's choice (no silent default), and the
 * answer gives the question's number, as it is read out in the hall and shown to the asker.
 */
import { eveningTalkEndpoints, meetingEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let meetingId: string;
beforeEach(async () => {
  t = await createTestApp();
  const row = await t.deps.db.selectFrom('meetings').select('id').where('title', '=', '围庐夜话·冬季第一场').executeTakeFirstOrThrow();
  meetingId = row.id;
});
afterEach(() => t.close());

describe('raising a question', () => {
  it('answers with the question number, the next one each time', async () => {
    const resident = await t.login('jumin');
    const before = await t.ok(eveningTalkEndpoints.questions, { cookie: resident, params: { meetingId } });
    const first = await t.ok(eveningTalkEndpoints.submit, { cookie: resident, params: { meetingId }, body: { text: '楼道灯不亮', category: 'facilities' } });
    expect(first.number).toBe(before.items.length + 1);
    const second = await t.ok(eveningTalkEndpoints.submit, { cookie: resident, params: { meetingId }, body: { text: '快递柜太少', category: 'other' } });
    expect(second.number).toBe(first.number + 1);
  });

  it('a question without a category is refused, in words, naming the field; nothing is filed', async () => {
    const resident = await t.login('jumin');
    const res = await t.call('POST', `/api/meetings/${meetingId}/questions`, { cookie: resident, json: { text: '楼道灯不亮' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('请选择问题类别');
    expect(body.error.details[0]).toMatchObject({ path: 'category', message: '请选择问题类别' });
    const after = await t.ok(eveningTalkEndpoints.questions, { cookie: resident, params: { meetingId } });
    expect(after.items.some((q) => q.text === '楼道灯不亮')).toBe(false);
    // The meeting itself is untouched.
    expect((await t.ok(meetingEndpoints.get, { cookie: resident, params: { meetingId } })).meeting.status).toBe('scheduled');
  });
});
