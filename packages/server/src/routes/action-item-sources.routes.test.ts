/**
 * References across compounds (issue 15, point 1): every id a client passes that names another record
 * — an action item's source (question, agenda item, proposal) and its meeting, a proposal's agenda
 * item or merge target, a vote's source and building — must exist and be of the same compound.
 * 翠苑 (CY) staff try 都市春天 (DSCT) records and made-up ids; DSCT staff use their own.
 */
import { actionItemEndpoints, eveningTalkEndpoints, meetingEndpoints, proposalEndpoints, voteEndpoints, type BodyInput } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let cy: string;
/** Records of 都市春天 from the demo seed. */
let dsctRef: { question: string; talk: string; agendaItem: string; council: string; proposal: string; building: string };
let cuiyuan: string;
let zhanzhang: string;

beforeAll(async () => {
  t = await createTestApp();
  dsct = await t.compoundId('DSCT');
  cy = await t.compoundId('CY');
  cuiyuan = await t.login('cuiyuan');
  zhanzhang = await t.login('zhanzhang');
  const { items: meetings } = await t.ok(meetingEndpoints.list, { cookie: zhanzhang, params: { compoundId: dsct } });
  const views = await Promise.all(meetings.map((m) => t.ok(meetingEndpoints.get, { cookie: zhanzhang, params: { meetingId: m.id } })));
  const council = views.find((v) => v.meeting.kind === 'four_party' && v.agendaItems.length > 0)!;
  const talks = views.filter((v) => v.meeting.kind === 'evening_talk');
  let question: { id: string; meetingId: string } | null = null;
  for (const talk of talks) {
    const { items: questions } = await t.ok(eveningTalkEndpoints.questions, { cookie: zhanzhang, params: { meetingId: talk.meeting.id } });
    if (questions[0]) question = { id: questions[0].id, meetingId: talk.meeting.id };
    if (question) break;
  }
  const { items: proposals } = await t.ok(proposalEndpoints.list, { cookie: zhanzhang, params: { compoundId: dsct } });
  const { buildings } = await t.ok(meetingEndpoints.buildings, { cookie: zhanzhang, params: { meetingId: council.meeting.id } });
  dsctRef = {
    question: question!.id,
    talk: question!.meetingId,
    agendaItem: council.agendaItems[0]!.id,
    council: council.meeting.id,
    proposal: proposals[0]!.id,
    building: buildings[0]!.id,
  };
});
afterAll(() => t.close());

type Source = BodyInput<typeof actionItemEndpoints.create>['source'];
const list = (cookie: string, compoundId: string, source: Source, headers?: Record<string, string>) =>
  t.api(actionItemEndpoints.create, { cookie, params: { compoundId }, body: { title: '3栋门口路灯不亮', source }, ...(headers ? { headers } : {}) });

describe('an action item’s source must be a record of the same compound', () => {
  const cases: Array<{ name: string; source: () => Source; word: RegExp }> = [
    { name: 'evening-talk question', source: () => ({ kind: 'evening_question', id: dsctRef.question }), word: /居民夜谈问题/ },
    { name: 'council agenda item', source: () => ({ kind: 'council_outcome', id: dsctRef.agendaItem }), word: /议事会议题/ },
    { name: 'proposal', source: () => ({ kind: 'proposal', id: dsctRef.proposal }), word: /提案/ },
  ];
  for (const c of cases) {
    it(`another compound’s ${c.name} is refused in words; a made-up one too; the own compound’s is accepted`, async () => {
      const other = await list(cuiyuan, cy, c.source());
      expect(other.status).toBe(422);
      expect(other.error?.code).toBe('action_item_source_not_found');
      expect(other.error?.message).toMatch(/^本小区找不到作为来源的/);
      expect(other.error?.message).toMatch(c.word);

      const made = await list(cuiyuan, cy, { ...c.source(), id: 'does-not-exist' });
      expect(made.status).toBe(422);
      expect(made.error?.code).toBe('action_item_source_not_found');
      expect(made.error?.message).toContain('does-not-exist');

      const own = await list(zhanzhang, dsct, c.source());
      expect(own.status).toBe(201);
      expect(own.data?.source.id).toBe(c.source().id);
    });
  }

  it('the source’s meeting: another compound’s or a made-up one is refused; a question is listed under its own meeting only', async () => {
    const other = await list(cuiyuan, cy, { kind: 'council_outcome', meetingId: dsctRef.council });
    expect(other.status).toBe(422);
    expect(other.error).toMatchObject({ code: 'action_item_source_meeting_not_found' });
    expect(other.error?.message).toMatch(/^本小区找不到这次会议/);
    expect((await list(cuiyuan, cy, { kind: 'council_outcome', meetingId: 'does-not-exist' })).error?.code).toBe('action_item_source_meeting_not_found');

    const elsewhere = await list(zhanzhang, dsct, { kind: 'evening_question', id: dsctRef.question, meetingId: dsctRef.council });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.error?.code).toBe('action_item_source_other_meeting');
    expect(elsewhere.error?.message).toContain('属于另一次会议');

    // Named without its meeting, a question brings its meeting along: the item shows in that meeting's reconciliation.
    const own = await list(zhanzhang, dsct, { kind: 'evening_question', id: dsctRef.question });
    expect(own.data?.source).toEqual({ kind: 'evening_question', id: dsctRef.question, meetingId: dsctRef.talk });
    const rec = await t.ok(actionItemEndpoints.reconciliation, { cookie: zhanzhang, params: { meetingId: dsctRef.talk } });
    expect([...rec.otherItems, ...rec.questions.flatMap((q) => (q.actionItem ? [q.actionItem] : []))].map((i) => i.id)).toContain(own.data!.id);
    const ownMeeting = await list(zhanzhang, dsct, { kind: 'council_outcome', meetingId: dsctRef.council });
    expect(ownMeeting.status).toBe(201);
  });

  it('English words for an English caller', async () => {
    const other = await list(cuiyuan, cy, { kind: 'proposal', id: dsctRef.proposal }, { 'accept-language': 'en' });
    expect(other.error?.message).toBe(
      `This compound has no proposal with id ${dsctRef.proposal} to list the item from. The source must be a record of this compound.`,
    );
  });

  it('a concern names no other record: listed without an id it gets a fresh one, with an id it is refused', async () => {
    expect((await list(cuiyuan, cy, { kind: 'concern', id: 'does-not-exist' })).error?.code).toBe('action_item_source_not_found');
    const fresh = await list(cuiyuan, cy, { kind: 'concern' });
    expect(fresh.status).toBe(201);
    expect(fresh.data?.source).toMatchObject({ kind: 'concern', meetingId: null });
    expect(fresh.data?.source.id).toMatch(/.{8,}/);
  });
});

describe('other references', () => {
  it('a proposal is put only on its own compound’s agenda item and merged only into its own compound’s proposal', async () => {
    const { items: proposals } = await t.ok(proposalEndpoints.list, { cookie: zhanzhang, params: { compoundId: dsct } });
    const qualified = proposals.find((p) => p.status === 'qualified')!;
    const decide = (body: BodyInput<typeof proposalEndpoints.decide>) =>
      t.api(proposalEndpoints.decide, { cookie: zhanzhang, params: { proposalId: qualified.id }, body });
    const made = await decide({ action: 'put_on_agenda', agendaItemId: 'does-not-exist' });
    expect(made.status).toBe(422);
    expect(made.error).toMatchObject({ code: 'proposal_agenda_item_not_found' });
    expect(made.error?.message).toContain('找不到这个议题');
    const merge = await decide({ action: 'merge', intoProposalId: 'does-not-exist' });
    expect(merge.error).toMatchObject({ code: 'proposal_merge_target_not_found' });
    expect((await decide({ action: 'put_on_agenda', agendaItemId: dsctRef.agendaItem })).data).toEqual({ ok: true });
  });

  it('a vote’s source and building must be of its compound', async () => {
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const create = (extra: Partial<BodyInput<typeof voteEndpoints.create>>) =>
      t.api(voteEndpoints.create, {
        cookie: cuiyuan,
        params: { compoundId: cy },
        body: { title: '是否更换门禁', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt, ...extra },
      });
    for (const extra of [
      { sourceKind: 'proposal', sourceId: dsctRef.proposal },
      { sourceKind: 'agenda_item', sourceId: dsctRef.agendaItem },
      { sourceKind: 'proposal', sourceId: 'does-not-exist' },
    ] as const) {
      const refused = await create(extra);
      expect(refused.status, JSON.stringify(extra)).toBeGreaterThanOrEqual(400);
      expect(refused.error?.code).toBe('vote_source_not_found');
    }
    expect((await create({ buildingId: dsctRef.building })).error?.code).toBe('vote_building_mismatch');
    expect((await create({})).status).toBe(201);
  });

  it('listing a question takes the responsible unit as a code, never free text', async () => {
    const { items: questions } = await t.ok(eveningTalkEndpoints.questions, { cookie: zhanzhang, params: { meetingId: dsctRef.talk } });
    const raised = questions.find((q) => q.status === 'raised');
    const params = { meetingId: dsctRef.talk, questionId: (raised ?? questions[0]!).id };
    for (const responsibleUnit of ['xyz', '', 'department:']) {
      const refused = await t.api(eveningTalkEndpoints.list, { cookie: zhanzhang, params, body: { measures: '五个工作日内整改', responsibleUnit } });
      expect(refused.status, responsibleUnit).toBe(400);
      expect(JSON.stringify(refused.error?.details)).toContain('responsibleUnit');
    }
  });
});
