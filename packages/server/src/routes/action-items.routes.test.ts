import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let cy: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
  cy = await t.compoundId('CY');
});
afterEach(() => t.close());

type Item = {
  id: string;
  status: string;
  dueDate: string;
  dueDateProvisional: boolean;
  overdue: boolean;
  triage: string;
  signOffNumber: string | null;
  description: string;
  progress?: Array<{ kind: string; text: string; author: string | null }>;
};

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

// Numbering and list tests run in 翠苑 (CY), which the demo seed leaves empty; 都市春天 has seeded items.
async function listItem(cookie: string, title = '3栋门口路灯不亮', extra: Record<string, unknown> = {}, compoundId = cy): Promise<Item> {
  return json<Item>(
    await t.call('POST', `/api/compounds/${compoundId}/action-items`, {
      cookie,
      json: { title, description: '居民夜谈提出', source: { kind: 'council_outcome', id: 'outcome-1', meetingId: 'meeting-x' }, responsibleUnit: 'property_manager', ...extra },
    }),
    201,
  );
}

async function resolveAndSign(cookie: string, id: string): Promise<{ signOffNumber: string }> {
  await json(await t.call('POST', `/api/action-items/${id}/resolve`, { cookie, json: { evidence: '已更换灯泡' } }), 200);
  return json(await t.call('POST', `/api/action-items/${id}/sign-off`, { cookie, json: { resolution: '路灯已修复，居民确认' } }), 200);
}

describe('action items', () => {
  it('lists an item due in 5 working days and signs it off with CY-2026-0001, then 0002', async () => {
    const cookie = await t.login('cuiyuan');
    const item = await listItem(cookie);
    expect(item).toMatchObject({ status: 'open', dueDate: '2026-11-23', dueDateProvisional: false, overdue: false });

    const progressed = await json<Item>(await t.call('POST', `/api/action-items/${item.id}/progress`, { cookie, json: { text: '已联系物业电工' } }), 201);
    expect(progressed.status).toBe('in_progress');

    expect((await resolveAndSign(cookie, item.id)).signOffNumber).toBe('CY-2026-0001');
    const second = await listItem(cookie, '垃圾桶破损');
    expect((await resolveAndSign(cookie, second.id)).signOffNumber).toBe('CY-2026-0002');

    // Signing off twice is refused and uses up no number.
    const again = await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie, json: { resolution: 'x' } });
    expect(again.status).toBe(422);
    const third = await listItem(cookie, '楼道堆物');
    expect((await resolveAndSign(cookie, third.id)).signOffNumber).toBe('CY-2026-0003');
  });

  it('refuses to sign off an item that is not resolved, and lets only station officials sign', async () => {
    const chief = await t.login('zhanzhang');
    const item = await listItem(chief, '路灯', {}, dsct);
    const early = await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie: chief, json: { resolution: '好了' } });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('action_item_bad_transition');
    await json(await t.call('POST', `/api/action-items/${item.id}/resolve`, { cookie: chief, json: { evidence: '已修' } }), 200);
    const grid = await t.login('wangge');
    // wangge is a deputy as well; the owners' representative party_rep alone may not sign.
    const wuyeRes = await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie: await t.login('zhujian'), json: { resolution: '好了' } });
    expect(wuyeRes.status).toBe(403);
    const owner = await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie: await t.login('yezhu'), json: { resolution: '好了' } });
    expect(owner.status).toBe(403);
    const other = await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie: await t.login('cuiyuan'), json: { resolution: '好了' } }); // station chief of the other compound
    expect(other.status).toBe(403);
    expect((await t.call('POST', `/api/action-items/${item.id}/sign-off`, { cookie: grid, json: { resolution: '好了' } })).status).toBe(200);
  });

  it('flags overdue items and suggests escalating them', async () => {
    let cookie = await t.login('shequ');
    const item = await listItem(cookie);
    now = new Date('2026-11-24T02:00:00.000Z'); // the day after the due date
    cookie = await t.login('shequ'); // the week-old session has lapsed
    const list = await json<{ items: Array<Item & { suggestedTriage: string | null }> }>(await t.call('GET', `/api/compounds/${cy}/action-items?overdue=1`, { cookie }), 200);
    expect(list.items.map((i) => i.id)).toEqual([item.id]);
    expect(list.items[0]).toMatchObject({ overdue: true, triage: 'yellow', suggestedTriage: 'red' });
    const board = await json<{ counts: { overdue: number }; items: Item[] }>(await t.call('GET', `/api/public/compounds/${cy}/action-items`), 200);
    expect(board.counts.overdue).toBe(1);
    expect(board.items[0]?.overdue).toBe(true);
  });

  it('flags a deadline that runs into a year without holiday data', async () => {
    now = new Date('2026-12-28T02:00:00.000Z');
    const item = await listItem(await t.login('shequ'));
    expect(item.dueDateProvisional).toBe(true);
  });

  it('escalates and de-escalates by the rules, recording each change', async () => {
    const item = await listItem(await t.login('shequ'), '路灯', {}, dsct);
    const staff = await t.login('shequ');
    const toRed = await t.call('POST', `/api/action-items/${item.id}/triage`, { cookie: staff, json: { to: 'red', reason: '需住建局处理' } });
    expect(toRed.status).toBe(403); // community staff cannot make it red
    const chief = await t.login('zhanzhang');
    const red = await json<Item & { updates: Array<{ kind: string; from: string; to: string }> }>(await t.call('POST', `/api/action-items/${item.id}/triage`, { cookie: chief, json: { to: 'red', reason: '需住建局处理' } }), 200);
    expect(red.triage).toBe('red');
    expect(red.updates.find((u) => u.kind === 'triage')).toMatchObject({ from: 'yellow', to: 'red' });
    const skip = await t.call('POST', `/api/action-items/${item.id}/triage`, { cookie: chief, json: { to: 'green', reason: '已解决' } });
    expect(((await skip.json()) as { error: { code: string } }).error.code).toBe('triage_skip');
  });

  it('a resident reports a concern; the board shows it without personal data; a dissatisfied rating reopens it', async () => {
    const resident = await t.login('jumin');
    const concern = await json<Item & { mine: boolean }>(
      await t.call('POST', `/api/compounds/${dsct}/concerns`, { cookie: resident, json: { title: '2栋电梯异响', description: '我住2-1-602，电话13900000000，电梯每天异响', urgency: 'complex' } }),
      201,
    );
    expect(concern.mine).toBe(true);
    const boardText = await (await t.call('GET', `/api/public/compounds/${dsct}/action-items`)).text();
    expect(boardText).toContain('2栋电梯异响');
    expect(boardText).not.toContain('13900000000');
    expect(boardText).not.toContain('2-1-602');
    expect(boardText).not.toMatch(/raised_?by|jumin/i);

    const staff = await t.login('zhanzhang');
    const detail = await json<{ response: { onSiteBy: string; resolveBy: string } }>(await t.call('GET', `/api/action-items/${concern.id}`, { cookie: staff }), 200);
    expect(detail.response).toMatchObject({ onSiteBy: '2026-11-16T02:10:00.000Z', resolveBy: '2026-11-16T06:00:00.000Z' });
    const signed = await resolveAndSign(staff, concern.id);

    // Someone else may not rate a concern they did not raise.
    const other = await t.call('POST', `/api/action-items/${concern.id}/rating`, { cookie: await t.login('yezhu'), json: { rating: 'satisfied' } });
    expect(other.status).toBe(403);
    now = new Date('2026-11-18T02:00:00.000Z');
    const rated = await json<{ reopened: boolean }>(await t.call('POST', `/api/action-items/${concern.id}/rating`, { cookie: resident, json: { rating: 'dissatisfied', comment: '还在响' } }), 201);
    expect(rated.reopened).toBe(true);
    const reopened = await json<Item & { reopenCount: number }>(await t.call('GET', `/api/action-items/${concern.id}`, { cookie: staff }), 200);
    expect(reopened).toMatchObject({ status: 'in_progress', signOffNumber: null, reopenCount: 1 });
    // The next sign-off gets a new number; the old one is never reused.
    const again = await resolveAndSign(staff, concern.id);
    const seqOf = (n: string) => Number(n.split('-')[2]);
    expect(seqOf(again.signOffNumber)).toBe(seqOf(signed.signOffNumber) + 1);
    const ledger = await json<{ entries: Array<{ kind: string; actionItemId: string }> }>(await t.call('GET', `/api/compounds/${dsct}/ledger`, { cookie: staff }), 200);
    expect(ledger.entries.filter((e) => e.actionItemId === concern.id).map((e) => e.kind)).toEqual(['listed', 'signed_off', 'reopened', 'signed_off']);
  });

  it('only owners and residents of the compound may report concerns', async () => {
    const res = await t.call('POST', `/api/compounds/${dsct}/concerns`, { cookie: await t.login('cuiyuan'), json: { title: 't', description: 'd' } });
    expect(res.status).toBe(403);
    const anonymous = await t.call('POST', `/api/compounds/${dsct}/concerns`, { json: { title: 't', description: 'd' } });
    expect(anonymous.status).toBe(401);
  });

  it('reconciles a meeting from its action items', async () => {
    const cookie = await t.login('shequ');
    const a = await listItem(cookie, '事项一');
    await listItem(cookie, '事项二', {}, dsct);
    await resolveAndSign(cookie, a.id);
    const rec = await json<{ counts: { actionItems: number; signedOff: number }; reconciled: boolean; otherItems: Array<{ signOffNumber: string | null }> }>(
      await t.call('GET', '/api/meetings/meeting-x/reconciliation', { cookie }),
      200,
    );
    expect(rec.counts).toMatchObject({ actionItems: 2, signedOff: 1 });
    expect(rec.reconciled).toBe(false);
    expect(rec.otherItems.map((i) => i.signOffNumber).sort()).toEqual(['CY-2026-0001', null]);
    expect((await t.call('GET', '/api/meetings/nope/reconciliation', { cookie })).status).toBe(404);
  });

  it('the demo seed gives 都市春天 numbered, rated, in-progress and overdue items on an intact ledger', async () => {
    const board = await json<{ counts: { signedOff: number; overdue: number }; items: Array<Item & { ratingSummary: Record<string, number> }> }>(await t.call('GET', `/api/public/compounds/${dsct}/action-items`), 200);
    expect(board.items.map((i) => i.signOffNumber).filter(Boolean).sort()).toEqual(['DSCT-2026-0001', 'DSCT-2026-0002', 'DSCT-2026-0003']);
    expect(board.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(board.items[0]?.overdue).toBe(true); // overdue items come first
    expect(board.items.filter((i) => i.status === 'in_progress').length).toBeGreaterThanOrEqual(2);
    expect(board.items.reduce((n, i) => n + i.ratingSummary.satisfied! + i.ratingSummary.basically_satisfied!, 0)).toBe(3);
    const verified = await json<{ ok: boolean }>(await t.call('GET', `/api/compounds/${dsct}/ledger/verify`, { cookie: await t.login('zhanzhang') }), 200);
    expect(verified.ok).toBe(true);
  });
});
