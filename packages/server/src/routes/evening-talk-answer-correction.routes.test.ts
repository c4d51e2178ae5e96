/**
 * Correcting an answer given on the spot at an evening talk (PUT …/questions/:questionId/answer): a
 * typo or the wrong official's name is put right while the talk is on or after it closed, and the
 * staff list, the hall screen and the draft minutes read the correction; who corrected it and when
 * are kept beside the answer, which keeps its own time. Once the minutes are published the answer
 * stays as published (the minutes' own correction applies); only an answered question has an answer
 * to correct; residents cannot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answersOutdatedInDraft, eveningTalkEndpoints, meetingEndpoints, minutesEndpoints, publicMeetingEndpoints } from '@yishi/core';
import { meetingApi, refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
/** The test app's clock, moved on by the tests (the talk is answered at 20:00, corrected later). */
let now: Date;

beforeEach(async () => {
  now = new Date('2026-11-21T12:00:00.000Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);

/** An evening talk in session with one question from the floor, answered with the wrong official's name. */
async function answeredQuestion() {
  const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '围庐夜话');
  await step('schedule', cookie, id);
  await step('start', cookie, id);
  const asked = await t.ok(eveningTalkEndpoints.submit, {
    cookie,
    params: { meetingId: id },
    body: { text: '小区东门路灯坏了一个月', category: 'facilities', askerName: '3栋 李阿姨' },
  });
  const params = { meetingId: id, questionId: asked.id };
  await t.ok(eveningTalkEndpoints.answer, { cookie, params, body: { answer: '已安排物业本周处理', answeredByName: '物业 吴涛' } });
  return { cookie, meetingId: id, questionId: asked.id, params };
}

const correct = (cookie: string, params: { meetingId: string; questionId: string }, body: { answer: string; answeredByName: string }, key?: string) =>
  t.api(eveningTalkEndpoints.correctAnswer, { cookie, params, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });

const row = (questionId: string) =>
  t.deps.db
    .selectFrom('meeting_questions')
    .select(['answer', 'answered_by', 'answered_by_name', 'handled_at', 'answer_corrected_at', 'answer_corrected_by'])
    .where('id', '=', questionId)
    .executeTakeFirstOrThrow();

const userId = async (login: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow()).id;

describe('correcting an answer given on the spot', () => {
  it('the staff list, the hall screen and residents read the correction; a second one after the talk closed too; who and when are kept', async () => {
    const { cookie, meetingId, questionId, params } = await answeredQuestion();
    await t.ok(meetingEndpoints.setHallFocus, { cookie, params: { meetingId }, body: { questionId } });

    now = new Date('2026-11-21T12:20:00.000Z');
    const corrected = await correct(cookie, params, { answer: '已安排物业本周五前更换灯泡', answeredByName: '物业 吴韬' }, 'correct-once-0001');
    expect(corrected.status, JSON.stringify(corrected.error)).toBe(200);
    // Still one answered question: a correction is not another answer.
    expect(corrected.data!.counts).toMatchObject({ raised: 1, answered: 1, open: 0 });
    const staffList = await t.ok(eveningTalkEndpoints.questions, { cookie, params: { meetingId } });
    expect(staffList.items[0]).toMatchObject({
      status: 'answered',
      answer: '已安排物业本周五前更换灯泡',
      answeredByName: '物业 吴韬',
      answerCorrectedAt: '2026-11-21T12:20:00.000Z',
    });
    const hall = await t.ok(publicMeetingEndpoints.hall, { params: { meetingId } });
    expect(hall.current).toMatchObject({ kind: 'question', status: 'answered', answer: '已安排物业本周五前更换灯泡', answeredByName: '物业 吴韬' });
    const resident = await t.ok(eveningTalkEndpoints.questions, { cookie: await t.login('jumin'), params: { meetingId } });
    expect(resident.items[0]).toMatchObject({ answer: '已安排物业本周五前更换灯泡', answeredByName: '物业 吴韬' });
    // The answer keeps its own time and recorder; the correction's are beside it.
    const shequ = await userId('shequ');
    expect(await row(questionId)).toEqual({
      answer: '已安排物业本周五前更换灯泡',
      answered_by: shequ,
      answered_by_name: '物业 吴韬',
      handled_at: '2026-11-21T12:00:00.000Z',
      answer_corrected_at: '2026-11-21T12:20:00.000Z',
      answer_corrected_by: shequ,
    });
    // Sent again with its key (the outbox after a lost answer): the stored answer, nothing written again.
    now = new Date('2026-11-21T12:25:00.000Z');
    const repeat = await correct(cookie, params, { answer: '已安排物业本周五前更换灯泡', answeredByName: '物业 吴韬' }, 'correct-once-0001');
    expect(repeat.status).toBe(200);
    expect((await row(questionId)).answer_corrected_at).toBe('2026-11-21T12:20:00.000Z');

    // After the talk closed, another worker corrects it again.
    await step('close', cookie, meetingId);
    now = new Date('2026-11-22T01:00:00.000Z');
    const other = await t.login('jiedao');
    expect((await correct(other, params, { answer: '物业已于11月22日更换东门路灯灯泡', answeredByName: '物业 吴韬' })).status).toBe(200);
    expect((await t.ok(eveningTalkEndpoints.questions, { cookie, params: { meetingId } })).items[0]).toMatchObject({
      answer: '物业已于11月22日更换东门路灯灯泡',
      answerCorrectedAt: '2026-11-22T01:00:00.000Z',
    });
    expect(await t.ok(publicMeetingEndpoints.hall, { params: { meetingId } })).toMatchObject({ current: { answer: '物业已于11月22日更换东门路灯灯泡' } });
    expect(await row(questionId)).toMatchObject({ handled_at: '2026-11-21T12:00:00.000Z', answer_corrected_by: await userId('jiedao') });
    // The same words again are no correction: nothing changes, not even its time.
    now = new Date('2026-11-22T02:00:00.000Z');
    expect((await correct(other, params, { answer: '物业已于11月22日更换东门路灯灯泡', answeredByName: '物业 吴韬' })).status).toBe(200);
    expect((await row(questionId)).answer_corrected_at).toBe('2026-11-22T01:00:00.000Z');
    // The draft minutes are written from the corrected answer.
    const minutes = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId } });
    expect(minutes.draft!.body).toContain('物业已于11月22日更换东门路灯灯泡');
    expect(minutes.draft!.body).not.toContain('吴涛');
  });

  it('only an answered question has an answer to correct: a raised or listed one is refused in words; an empty answer names its field', async () => {
    const { cookie, meetingId, params } = await answeredQuestion();
    const raised = await t.ok(eveningTalkEndpoints.submit, { cookie, params: { meetingId }, body: { text: '楼道堆放杂物', category: 'safety' } });
    const listed = await t.ok(eveningTalkEndpoints.submit, { cookie, params: { meetingId }, body: { text: '地下车库漏水', category: 'facilities' } });
    await t.ok(eveningTalkEndpoints.list, { cookie, params: { meetingId, questionId: listed.id }, body: { measures: '五个工作日内修复' } });
    const words = { answer: '物业今晚清理', answeredByName: '物业 吴涛' };
    const notAnswered = refusal(await correct(cookie, { meetingId, questionId: raised.id }, words), 409);
    expect([notAnswered.code, notAnswered.message]).toEqual(['question_not_answered', '只有已现场答复的问题才能修改答复，该问题待答复']);
    const onTheList = refusal(await correct(cookie, { meetingId, questionId: listed.id }, words), 409);
    expect([onTheList.code, onTheList.message]).toEqual(['question_not_answered', '只有已现场答复的问题才能修改答复，该问题已列入问题清单']);
    const rows = await t.deps.db
      .selectFrom('meeting_questions')
      .select(['status', 'answer'])
      .where('id', 'in', [raised.id, listed.id])
      .orderBy('number')
      .execute();
    expect(rows).toEqual([
      { status: 'raised', answer: null },
      { status: 'listed', answer: null },
    ]);
    expect(refusal(await correct(cookie, { meetingId, questionId: 'nope' }, words), 404).code).toBe('question_not_found');
    const empty = await correct(cookie, params, { answer: ' ', answeredByName: '物业 吴涛' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.error?.details)).toContain('answer');
  });

  it('once the minutes are published the answer stays as published: refused in both languages, saying to correct the minutes', async () => {
    const { cookie, meetingId, questionId, params } = await answeredQuestion();
    await step('close', cookie, meetingId);
    await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId } });
    await t.ok(minutesEndpoints.publish, { cookie, params: { meetingId }, body: { confirm: true } });
    const refused = refusal(await correct(cookie, params, { answer: '已安排物业本周五前处理', answeredByName: '物业 吴韬' }), 409);
    expect(refused.code).toBe('question_answer_minutes_published');
    expect(refused.message).toBe('本场会议的纪要已经公示（第 1 版），答复不能再在这里修改；如答复有误，请到“会议纪要”发布更正版本并写明原因');
    const english = await t.call('PUT', `/api/meetings/${meetingId}/questions/${questionId}/answer`, {
      cookie,
      headers: { 'accept-language': 'en' },
      json: { answer: '已安排物业本周五前处理', answeredByName: '物业 吴韬' },
    });
    expect(english.status).toBe(409);
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe(
      'The minutes of this meeting are published (version 1), so the answer can no longer be changed here; to correct it, publish a correction of the minutes under “Minutes”, with its reason',
    );
    expect(await row(questionId)).toMatchObject({ answer: '已安排物业本周处理', answered_by_name: '物业 吴涛', answer_corrected_at: null });
  });

  it('a correction after the draft was generated: the minutes view gives the corrected answer, which the draft lacks until regenerated; none once published', async () => {
    const { cookie, meetingId, params } = await answeredQuestion();
    await step('close', cookie, meetingId);
    const minutesOf = () => t.ok(minutesEndpoints.get, { cookie, params: { meetingId } });
    await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId } });
    expect((await minutesOf()).draft!.correctedAnswers).toEqual([]);
    expect((await correct(cookie, params, { answer: '已安排物业本周五前更换灯泡', answeredByName: '物业 吴韬' })).status).toBe(200);
    const stale = (await minutesOf()).draft!;
    expect(stale.correctedAnswers).toEqual([{ number: 1, answer: '已安排物业本周五前更换灯泡', answeredBy: '物业 吴韬' }]);
    expect(answersOutdatedInDraft(stale.body, stale.correctedAnswers)).toEqual([1]);
    const fresh = (await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId } })).draft!;
    expect(answersOutdatedInDraft(fresh.body, fresh.correctedAnswers)).toEqual([]);
    await t.ok(minutesEndpoints.publish, { cookie, params: { meetingId }, body: { confirm: true } });
    expect((await minutesOf()).draft!.correctedAnswers).toEqual([]);
  });

  it('a resident cannot correct an answer (403), nor anyone from another compound', async () => {
    const { params, questionId } = await answeredQuestion();
    const words = { answer: '物业不管', answeredByName: '居民' };
    expect(refusal(await correct(await t.login('jumin'), params, words), 403).code).toBe('forbidden');
    expect((await correct(await t.login('cuiyuan'), params, words)).status).toBe(403);
    expect(await row(questionId)).toMatchObject({ answer: '已安排物业本周处理', answer_corrected_at: null });
  });
});
