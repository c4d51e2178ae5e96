/**
 * Requests racing on ONE instance, on SQLite and PostgreSQL: a check done outside the transaction is
 * wrong even with a single process, as soon as two requests interleave.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { NOW, errorCode, json, scheduleCouncil, scheduleEveningTalk, statuses } from './racing.js';

const now = NOW;
let a: TestApp;
let dsct: string;

const scheduledCouncil = (cookie: string) => scheduleCouncil(a, a, dsct, cookie, now);

describe('requests racing on one instance (SQLite and PostgreSQL)', () => {
  beforeEach(async () => {
    a = await createTestApp({ clock: () => now });
    dsct = await a.compoundId('DSCT');
  });
  afterEach(() => a.close());

  it('two taps on "open the meeting" open it once and freeze the agenda once', async () => {
    const cookie = await a.login('zhanzhang');
    const id = await scheduledCouncil(cookie);
    const starts = await Promise.all([a.call('POST', `/api/meetings/${id}/start`, { cookie }), a.call('POST', `/api/meetings/${id}/start`, { cookie })]);
    expect(statuses(starts)).toEqual([200, 409]);
    expect(await errorCode(starts.find((r) => r.status === 409)!)).toBe('meeting_bad_transition');
    expect(await a.deps.db.selectFrom('meeting_agenda_items').select('id').where('meeting_id', '=', id).execute()).toHaveLength(2);
  });

  it('two recorders listing the same council outcome at once list one action item', async () => {
    const cookie = await a.login('zhanzhang');
    const id = await scheduledCouncil(cookie);
    const started = await json<{ agendaItems: Array<{ id: string }> }>(await a.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    const item = started.agendaItems[0]!;
    const body = { outcome: 'action_items', note: '物业增划车位', responsibleUnit: '物业服务中心' };
    const outcomes = await Promise.all([0, 1].map(() => a.call('PUT', `/api/meetings/${id}/agenda-items/${item.id}/outcome`, { cookie, json: body })));
    expect(statuses(outcomes)).toEqual([200, 200]);
    expect(
      await a.deps.db.selectFrom('action_items').select('id').where('source_kind', '=', 'council_outcome').where('source_id', '=', item.id).execute(),
    ).toHaveLength(1);
  });

  it('merging two proposals into each other at once merges one of them, never both', async () => {
    const staff = await a.login('zhanzhang');
    const submit = async (login: string, title: string) =>
      (
        await json<{ id: string }>(
          await a.call('POST', `/api/compounds/${dsct}/proposals`, {
            cookie: await a.login(login),
            json: { title, body: `${title}，请物业尽快处理，方便老人出行。` },
          }),
          201,
        )
      ).id;
    const p1 = await submit('loudong', '单元门口加装扶手');
    const p2 = await submit('yezhu', '楼道台阶加装扶手');
    const merges = await Promise.all([
      a.call('POST', `/api/proposals/${p1}/decision`, { cookie: staff, json: { action: 'merge', intoProposalId: p2 } }),
      a.call('POST', `/api/proposals/${p2}/decision`, { cookie: staff, json: { action: 'merge', intoProposalId: p1 } }),
    ]);
    expect(merges.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await errorCode(merges.find((r) => r.status !== 200)!)).toBe('proposal_bad_transition');
    const rows = await a.deps.db.selectFrom('proposals').select('status').where('id', 'in', [p1, p2]).execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['merged', 'seconding']);
  });

  it('a qualified proposal put to a vote by two staff at once goes to one vote', async () => {
    const staff = await a.login('zhanzhang');
    const proposal = await a.deps.db
      .selectFrom('proposals')
      .select(['id', 'title'])
      .where('compound_id', '=', dsct)
      .where('status', '=', 'qualified')
      .executeTakeFirstOrThrow();
    const body = {
      title: proposal.title,
      kind: 'yes_no',
      rule: { kind: 'art278', matter: 8 },
      closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
      sourceKind: 'proposal',
      sourceId: proposal.id,
    };
    const created = await Promise.all([0, 1].map(() => a.call('POST', `/api/compounds/${dsct}/votes`, { cookie: staff, json: body })));
    expect(statuses(created)).toEqual([201, 409]);
    expect(await errorCode(created.find((r) => r.status === 409)!)).toBe('proposal_bad_transition');
    const { id } = (await created.find((r) => r.status === 201)!.json()) as { id: string };
    expect(await a.deps.db.selectFrom('proposals').select(['status', 'vote_id']).where('id', '=', proposal.id).executeTakeFirstOrThrow()).toEqual({
      status: 'put_to_vote',
      vote_id: id,
    });
    expect(await a.deps.db.selectFrom('votes').select('id').where('source_id', '=', proposal.id).execute()).toHaveLength(1);
  });

  it('merging two questions into each other at once merges one of them', async () => {
    const cookie = await a.login('shequ');
    const id = await scheduleEveningTalk(a, a, dsct, cookie);
    const q1 = await json<{ id: string }>(
      await a.call('POST', `/api/meetings/${id}/questions`, { cookie, json: { text: '垃圾分类点太远', category: 'environment', askerName: '李阿姨' } }),
      201,
    );
    const q2 = await json<{ id: string }>(
      await a.call('POST', `/api/meetings/${id}/questions`, { cookie, json: { text: '分类垃圾桶太远了', category: 'environment', askerName: '王大爷' } }),
      201,
    );
    await json(await a.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
    const merges = await Promise.all([
      a.call('POST', `/api/meetings/${id}/questions/${q1.id}/merge`, { cookie, json: { intoQuestionId: q2.id } }),
      a.call('POST', `/api/meetings/${id}/questions/${q2.id}/merge`, { cookie, json: { intoQuestionId: q1.id } }),
    ]);
    expect(merges.filter((r) => r.status === 200)).toHaveLength(1);
    const rows = await a.deps.db.selectFrom('meeting_questions').select('status').where('meeting_id', '=', id).execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['merged', 'raised']);
  });
});
