/**
 * An evening talk's minutes carry each question put on the question list as the list has it: its
 * measures (整改措施), the responsible unit and the deadline, not the question alone.
 */
import { actionItemEndpoints, eveningTalkEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { meetingApi } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
// Saturday 21 November 2026, 19:00 in China.
const NOW = new Date('2026-11-21T11:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);

it('the minutes of an evening talk give each listed question its measures, unit and deadline', async () => {
  const { cookie, id } = await createdMeeting('shequ', 'evening_talk', '12月居民夜谈');
  await step('schedule', cookie, id);
  await step('start', cookie, id);
  const ask = (text: string) =>
    t.ok(eveningTalkEndpoints.submit, { cookie, params: { meetingId: id }, body: { text, category: 'environment', askerName: '5栋 陈阿姨' } });
  const leaves = await ask('冬季落叶清扫能不能勤一点');
  const bins = await ask('垃圾桶能不能加盖');
  const listed = await t.ok(eveningTalkEndpoints.list, {
    cookie,
    params: { meetingId: id, questionId: leaves.id },
    body: { measures: '物业每周增加两次落叶清扫，网格员巡查。', responsibleUnit: 'property_manager' },
  });
  // Listed without a unit: the measures and the deadline still.
  await t.ok(eveningTalkEndpoints.list, { cookie, params: { meetingId: id, questionId: bins.id }, body: { measures: '社区协调更换带盖垃圾桶' } });
  await step('close', cookie, id);
  const item = await t.ok(actionItemEndpoints.get, { cookie, params: { itemId: listed.actionItemId } });
  expect(item.dueDate).toBe('2026-11-27');

  const generated = await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
  const text = generated.draft!.body;
  expect(text).toContain(
    '【列入问题清单】冬季落叶清扫能不能勤一点 整改措施：物业每周增加两次落叶清扫，网格员巡查；责任单位：物业企业；完成时限：2026年11月27日（周五）',
  );
  expect(text).toContain('【列入问题清单】垃圾桶能不能加盖 整改措施：社区协调更换带盖垃圾桶；完成时限：2026年11月27日（周五）');
});
