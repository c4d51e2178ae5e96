import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingEndpoints, publicMeetingEndpoints } from '@yishi/core';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo meetings', () => {
  it('look real on first start: past councils and talks, next week’s council with a live agenda', async () => {
    const dsct = await t.compoundId('DSCT');
    const board = await t.ok(publicMeetingEndpoints.board, { params: { compoundId: dsct } });
    // Soonest first: the evening talk in five days, then next week's council.
    expect(board.items.map((m) => [m.kind, m.status])).toEqual([
      ['evening_talk', 'scheduled'],
      ['four_party', 'scheduled'],
    ]);
    expect(board.items[1]!.topics).toEqual(['老旧楼栋加装电梯意向摸底', '中心花园绿化补种', '楼道堆物消防隐患清理']);
    const autumn = board.recent.find((m) => m.title === '围庐夜话·秋季第一场');
    expect(autumn?.questionCounts).toMatchObject({ raised: 35, answered: 30, listed: 5 });
    const council = board.recent.find((m) => m.kind === 'four_party')!;
    const cookie = await t.login('zhanzhang');
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: council.id } });
    expect(view.quorum?.reached).toBe(true);
    expect(view.agendaItems.map((i) => i.outcome)).toEqual(['agreed', 'owners_vote', 'action_items']);
    expect(view.agendaItems[2]!.actionItemId).toEqual(expect.any(String));
    // The next talk's questions came in before it, from named and anonymous residents.
    const nextTalk = board.items.find((m) => m.kind === 'evening_talk')!;
    expect(nextTalk.questionCounts).toMatchObject({ raised: 2, open: 2 });
  });

  it('with the action items: the ledger numbers its entries in the order they happened', async () => {
    const entries = await t.deps.db
      .selectFrom('ledger_entries')
      .select(['compound_id', 'seq', 'kind', 'created_at'])
      .orderBy('compound_id')
      .orderBy('seq')
      .execute();
    // Both seeds write to it: the items' own listings and sign-offs, and the meetings' outcomes and question lists.
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['listed', 'signed_off']));
    expect(entries.length).toBeGreaterThan(10);
    const backwards = entries.filter((e, i) => i > 0 && entries[i - 1]!.compound_id === e.compound_id && entries[i - 1]!.created_at > e.created_at);
    expect(backwards).toEqual([]);
  });
});
