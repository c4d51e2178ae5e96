/**
 * The board's card of newly published minutes: its extract keeps the paragraphs apart (each ends in
 * its punctuation or a "；") and, when long, is cut after a whole sentence and marked "…".
 */
import { minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
});
afterEach(() => t.close());

async function publishedExcerpt(agenda: Parameters<typeof insertHeldMeeting>[1]['agenda']) {
  const { meetingId } = await insertHeldMeeting(t.deps, {
    startsAt: new Date('2026-11-19T01:00:00.000Z'),
    title: '路灯与绿化',
    agenda,
    vote: null,
    actionItems: [],
  });
  const cookie = await t.login('zhanzhang');
  await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId } });
  await t.ok(minutesEndpoints.publish, { cookie, params: { meetingId }, body: { confirm: true } });
  const board = await t.ok(minutesEndpoints.publicList, { params: { compoundId: await t.compoundId('DSCT') } });
  return board.items.find((m) => m.meetingId === meetingId)!.excerpt;
}

it('keeps a separator between paragraphs and cuts a long extract after a whole sentence', async () => {
  const excerpt = await publishedExcerpt([
    { title: '东门路灯', notes: '居民反映东门路灯坏了两个月', outcome: 'action_items' },
    {
      title: '北侧绿化',
      notes: '居民反映北侧绿化带长期缺乏养护，杂草丛生，夏季蚊虫很多，影响低层住户开窗通风',
      outcome: 'agreed',
      agreedParties: ['community', 'owners_committee', 'property_manager'],
      note: '物业本月内完成除草和补种，业委会监督并向居民公示进展情况',
    },
  ]);
  // Each paragraph ends in its punctuation or a "；"; cut after the last whole one that fits (not
  // mid-sentence, nor at the "；" inside the outcome's brackets).
  expect(excerpt).toBe('居民反映东门路灯坏了两个月；议定结果：转为整改事项。居民反映北侧绿化带长期缺乏养护，杂草丛生，夏季蚊虫很多，影响低层住户开窗通风…');
});

it('a short extract is whole, without "…" or a dangling separator', async () => {
  const excerpt = await publishedExcerpt([{ title: '东门路灯', notes: '居民反映东门路灯坏了两个月', outcome: 'action_items' }]);
  expect(excerpt).toMatch(/^居民反映东门路灯坏了两个月；议定结果：[^…]*[。！？]$/);
});
