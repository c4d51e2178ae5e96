/**
 * Several server instances behind a load balancer share one PostgreSQL database and nothing else.
 * Here two apps, each with its own connection pool (openPeerApp), take requests in turn like a
 * round-robin balancer, and race for the same vote, proposal, meeting and question. What must hold
 * is what residents and staff would notice: one ballot per unit with every replaced one kept, one
 * second per unit, a meeting opened (and its agenda frozen) once, each due vote closed once. The
 * action items' races (sign-off numbers, ratings) are in multi-instance-action-items.test.ts; the
 * races on one instance, which run on SQLite too, in one-instance-races.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { settleDueVotes } from '../services/votes.service.js';
import { createTestApp, openPeerApp, testPostgresUrl, type TestApp } from '../testing/test-app.js';
import { NOW, alternate, errorCode, json, scheduleCouncil, scheduleEveningTalk, sendToBoth, statuses } from './racing.js';

let now = NOW;
let a: TestApp;
let b: TestApp;
let dsct: string;

const via = (i: number): TestApp => alternate(a, b, i);
const onBoth = (method: string, path: string, options: { cookie: string; json?: unknown }) => sendToBoth(a, b, method, path, options);
const scheduledCouncil = (cookie: string) => scheduleCouncil(a, b, dsct, cookie, now);

async function unitsOf(compoundId: string) {
  return a.deps.db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room'])
    .where('units.compound_id', '=', compoundId)
    .orderBy('buildings.name')
    .orderBy('units.entrance')
    .orderBy('units.room')
    .execute();
}

async function openVote(cookie: string, title: string, closesAt = new Date(now.getTime() + 3 * 86_400_000)): Promise<string> {
  const { id } = await json<{ id: string }>(
    await a.call('POST', `/api/compounds/${dsct}/votes`, {
      cookie,
      // art. 278 matter 4's thresholds without its statutory notice period: it opens at once.
      json: {
        title,
        kind: 'yes_no',
        rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
        closesAt: closesAt.toISOString(),
      },
    }),
    201,
  );
  await json(await b.call('POST', `/api/votes/${id}/open`, { cookie }), 200);
  return id;
}

describe.skipIf(testPostgresUrl() === null)(
  'two server instances on one PostgreSQL database (PostgreSQL only: a SQLite file belongs to one server process)',
  () => {
    beforeEach(async () => {
      now = NOW;
      a = await createTestApp({ clock: () => now });
      b = openPeerApp(a);
      dsct = await a.compoundId('DSCT');
    });
    afterEach(async () => {
      await b.close();
      await a.close();
    });

    it('a session made on one instance is honoured by the other', async () => {
      const cookie = await a.login('zhanzhang');
      expect((await json<{ displayName: string }>(await b.call('GET', '/api/me', { cookie }), 200)).displayName).toBeTruthy();
    });

    it('password guesses at one account spread over both instances: five in all are checked, then it is locked', async () => {
      const guess = (i: number) => via(i).call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: `guess${i}` } });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(i)));
      const checked = results.filter((r) => r.status === 401).length;
      expect(checked).toBeLessThanOrEqual(5);
      expect(results.filter((r) => r.status === 429)).toHaveLength(20 - checked);
      for (let i = checked; i < 5; i += 1) expect((await guess(100 + i)).status).toBe(401);
      for (const instance of [a, b])
        expect((await instance.call('POST', '/api/auth/login', { json: { login: 'zhanzhang', password: 'yishi2026' } })).status).toBe(429);
    });

    it('ballots split across instances: one per unit, the latest counts, every replaced one in the history, all in the tally', async () => {
      const staff = await a.login('fuzhan');
      const voteId = await openVote(staff, '是否同意更换小区门禁系统');
      const units = await unitsOf(dsct);
      const ownerUnit = units.find((u) => u.building === '1' && u.entrance === '1' && u.room === '301')!;
      // Paper slips for 40 units, each entered on both instances at once (two volunteers, one pile).
      const paperUnits = units.filter((u) => u.id !== ownerUnit.id).slice(0, 40);
      // Each pair shares the photo of its slip; one entry per unit waits for review, the other is refused.
      for (let i = 0; i < paperUnits.length; i += 1) {
        const photoId = await uploadVotePhoto(a, staff, voteId);
        const u = paperUnits[i]!;
        const pair = await Promise.all([
          a.call('POST', `/api/votes/${voteId}/paper-ballots`, { cookie: staff, json: { unitId: u.id, choices: ['yes'], slipNumber: `A-${i}`, photoId } }),
          b.call('POST', `/api/votes/${voteId}/paper-ballots`, { cookie: staff, json: { unitId: u.id, choices: ['no'], slipNumber: `B-${i}`, photoId } }),
        ]);
        expect(statuses(pair)).toEqual([201, 409]);
        expect(await errorCode(pair.find((r) => r.status === 409)!)).toBe('paper_entry_pending');
      }
      // The station chief confirms every entry, on both instances at once: each becomes one ballot.
      const reviewer = await b.login('zhanzhang');
      const entries = await a.deps.db.selectFrom('paper_ballot_entries').select('id').where('vote_id', '=', voteId).execute();
      expect(entries).toHaveLength(paperUnits.length);
      const confirms = await Promise.all(
        entries.flatMap((e) => [a, b].map((x) => x.call('POST', `/api/votes/${voteId}/paper-ballots/${e.id}/confirm`, { cookie: reviewer }))),
      );
      for (let i = 0; i < entries.length; i += 1) expect(statuses(confirms.slice(2 * i, 2 * i + 2))).toEqual([201, 409]);

      // 王建国 changes his mind on six phones at once, the requests spread over both instances.
      const owner = await a.login('yezhu');
      const casts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          via(i).call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { unitId: ownerUnit.id, choices: [i % 2 ? 'yes' : 'no'] } }),
        ),
      );
      const receipts = await Promise.all(casts.map((r) => json<{ receiptCode: string }>(r, 201)));
      const ballot = await a.deps.db
        .selectFrom('ballots')
        .select(['id', 'version', 'receipt_code', 'choices_json'])
        .where('vote_id', '=', voteId)
        .where('unit_id', '=', ownerUnit.id)
        .execute();
      expect(ballot).toHaveLength(1);
      // A cast that found its own choice counted (the same phone's choice repeated, as the instances took them in
      // some order) was answered with that ballot's receipt and wrote nothing; every other one wrote a version.
      const given = [...new Set(receipts.map((r) => r.receiptCode))].sort();
      expect(given.length).toBeGreaterThanOrEqual(2);
      expect(ballot[0]!.version).toBe(given.length);
      const history = await a.deps.db.selectFrom('ballot_history').select(['version', 'receipt_code']).where('ballot_id', '=', ballot[0]!.id).execute();
      expect(history.map((h) => h.version).sort()).toEqual(Array.from({ length: given.length - 1 }, (_, i) => i + 1));
      // No cast is lost: the receipt of each is either the counting ballot or one in its history.
      expect([ballot[0]!.receipt_code, ...history.map((h) => h.receipt_code)].sort()).toEqual(given);
      // The counting ballot is the one whose receipt its caster got last in version order.
      const latest = casts.findIndex((_, i) => receipts[i]!.receiptCode === ballot[0]!.receipt_code);
      expect(JSON.parse(ballot[0]!.choices_json)).toEqual([latest % 2 ? 'yes' : 'no']);

      await json(await b.call('POST', `/api/votes/${voteId}/close`, { cookie: staff }), 200);
      const vote = await a.deps.db.selectFrom('votes').select(['status', 'result_json']).where('id', '=', voteId).executeTakeFirstOrThrow();
      expect(vote.status).toBe('closed');
      expect((JSON.parse(vote.result_json!) as { participation: { ballots: number } }).participation.ballots).toBe(paperUnits.length + 1);
    });

    it('seconding the same proposal from both instances: one second per unit, qualified once', async () => {
      const staff = await a.login('zhanzhang');
      await json(await b.call('PUT', `/api/compounds/${dsct}/proposal-settings`, { cookie: staff, json: { threshold: { kind: 'count', units: 4 } } }), 200);
      const author = await a.login('loudong');
      const { id } = await json<{ id: string }>(
        await b.call('POST', `/api/compounds/${dsct}/proposals`, {
          cookie: author,
          json: { title: '单元门口加装扶手', body: '老人上下台阶容易摔倒，建议在各单元门口台阶加装不锈钢扶手。' },
        }),
        201,
      );
      const cookies = await Promise.all(['yezhu', 'yezhu2', 'jumin', 'yeweihui'].map((login) => a.login(login)));
      // Each of the four taps "second" twice and the two taps land on different instances.
      const seconds = (await Promise.all(cookies.map((cookie) => onBoth('POST', `/api/proposals/${id}/seconds`, { cookie, json: {} })))).flat();
      expect(statuses(seconds)).toEqual([201, 201, 201, 201, 409, 409, 409, 409]);
      const view = await json<{ proposal: { status: string; seconds: number } }>(await b.call('GET', `/api/proposals/${id}`, { cookie: staff }), 200);
      expect(view.proposal).toMatchObject({ status: 'qualified', seconds: 4 });
      const events = await a.deps.db.selectFrom('proposal_events').select('status').where('proposal_id', '=', id).execute();
      expect(events.map((e) => e.status).sort()).toEqual(['qualified', 'seconding']);
    });

    it('opening and closing the same meeting on both instances: one succeeds, the other is told the meeting moved on; the agenda is frozen once', async () => {
      const cookie = await a.login('zhanzhang');
      const id = await scheduledCouncil(cookie);
      const starts = await onBoth('POST', `/api/meetings/${id}/start`, { cookie });
      expect(statuses(starts)).toEqual([200, 409]);
      const refused = (await starts.find((r) => r.status === 409)!.json()) as { error: { code: string; message: string } };
      expect(refused.error).toMatchObject({ code: 'meeting_bad_transition', message: expect.stringContaining('会议进行中') });
      const items = await a.deps.db
        .selectFrom('meeting_agenda_items')
        .select(['doc_item_id', 'position'])
        .where('meeting_id', '=', id)
        .orderBy('position')
        .execute();
      expect(items).toEqual([
        { doc_item_id: 'item0', position: 1 },
        { doc_item_id: 'item1', position: 2 },
      ]);

      // Two recorders choose "action items" for the same agenda item at once: one action item is listed.
      const [, lights] = (await json<{ agendaItems: Array<{ id: string }> }>(await b.call('GET', `/api/meetings/${id}`, { cookie }), 200)).agendaItems;
      const outcomes = await onBoth('PUT', `/api/meetings/${id}/agenda-items/${lights!.id}/outcome`, {
        cookie,
        json: { outcome: 'action_items', note: '两周内修复', responsibleUnit: '区城市管理局' },
      });
      expect(statuses(outcomes)).toEqual([200, 200]);
      const listed = await a.deps.db
        .selectFrom('action_items')
        .select('id')
        .where('source_kind', '=', 'council_outcome')
        .where('source_id', '=', lights!.id)
        .execute();
      expect(listed).toHaveLength(1);
      expect(await a.deps.db.selectFrom('ledger_entries').select('id').where('action_item_id', '=', listed[0]!.id).execute()).toHaveLength(1);

      const closes = await onBoth('POST', `/api/meetings/${id}/close`, { cookie });
      expect(statuses(closes)).toEqual([200, 409]);
      expect((await a.deps.db.selectFrom('meetings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('closed');
    });

    it('minutes corrections published on both instances at once get the versions N+1, N+2, … each once', async () => {
      const cookie = await a.login('zhanzhang');
      const published = await a.deps.db
        .selectFrom('minutes_versions')
        .innerJoin('meetings', 'meetings.id', 'minutes_versions.meeting_id')
        .select(['minutes_versions.meeting_id as meetingId', 'minutes_versions.version'])
        .where('meetings.compound_id', '=', dsct)
        .where('meetings.kind', '=', 'four_party')
        .orderBy('minutes_versions.version', 'desc')
        .executeTakeFirstOrThrow();
      const corrections = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          via(i).call('POST', `/api/meetings/${published.meetingId}/minutes/corrections`, {
            cookie,
            json: { body: `## 一、参会人员\n\n- 更正稿第${i + 1}版\n`, reason: `更正第${i + 1}处笔误` },
          }),
        ),
      );
      expect(corrections.map((r) => r.status)).toEqual(Array(6).fill(201));
      const versions = await a.deps.db
        .selectFrom('minutes_versions')
        .select('version')
        .where('meeting_id', '=', published.meetingId)
        .orderBy('version')
        .execute();
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: published.version + 6 }, (_, i) => i + 1));
    });

    it('evening-talk questions sent to both instances are numbered 1…n once each; a question listed twice becomes one action item', async () => {
      const cookie = await a.login('shequ');
      const id = await scheduleEveningTalk(a, b, dsct, cookie);
      const sent = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          via(i).call('POST', `/api/meetings/${id}/questions`, {
            cookie,
            json: { text: `问题${i}：垃圾分类点太远`, category: 'environment', askerName: '3栋 李阿姨' },
          }),
        ),
      );
      expect(sent.map((r) => r.status)).toEqual(Array(12).fill(201));
      const { items: questions } = await json<{ items: Array<{ id: string; number: number }> }>(
        await b.call('GET', `/api/meetings/${id}/questions`, { cookie }),
        200,
      );
      expect(questions.map((q) => q.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

      await json(await a.call('POST', `/api/meetings/${id}/start`, { cookie }), 200);
      const first = questions[0]!;
      const lists = await onBoth('POST', `/api/meetings/${id}/questions/${first.id}/list`, { cookie, json: { measures: '物业一周内增设分类点' } });
      expect(statuses(lists)).toEqual([200, 409]);
      expect(
        await a.deps.db.selectFrom('action_items').select('id').where('source_kind', '=', 'evening_question').where('source_id', '=', first.id).execute(),
      ).toHaveLength(1);
    });

    it('the vote scheduler runs on every instance: each due vote is closed once, at its set time, with its ballots', async () => {
      const staff = await a.login('fuzhan');
      const closesAt = new Date(now.getTime() + 3_600_000);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await openVote(staff, `第${i + 1}项表决`, closesAt));
      const unit = (await unitsOf(dsct))[0]!;
      const reviewer = await a.login('zhanzhang');
      for (const id of ids) {
        const photoId = await uploadVotePhoto(b, staff, id);
        const { entryId } = await json<{ entryId: string }>(
          await b.call('POST', `/api/votes/${id}/paper-ballots`, { cookie: staff, json: { unitId: unit.id, choices: ['yes'], slipNumber: 'S-1', photoId } }),
          201,
        );
        await json(await a.call('POST', `/api/votes/${id}/paper-ballots/${entryId}/confirm`, { cookie: reviewer }), 201);
      }
      now = new Date(closesAt.getTime() + 10_000);
      // Both instances' timers fire together, three times over.
      const rounds = await Promise.all([a, b, a, b, a, b].map((instance) => settleDueVotes(instance.deps)));
      expect(rounds.reduce((sum, r) => sum + r.closed, 0)).toBe(5);
      const votes = await a.deps.db.selectFrom('votes').select(['status', 'closed_at', 'result_json']).where('id', 'in', ids).execute();
      for (const vote of votes) {
        expect(vote).toMatchObject({ status: 'closed', closed_at: closesAt.toISOString() });
        expect((JSON.parse(vote.result_json!) as { participation: { ballots: number } }).participation.ballots).toBe(1);
      }
    });
  },
);
