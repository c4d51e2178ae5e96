/**
 * The closed loop of the seeds, end to end over HTTP on a real server: an evening talk with 35
 * questions, 30 answered on the spot and 5 put on the question list; the 5 are handled and signed
 * off by number; the meeting reconciles 5/5; residents rate the outcomes; the public board shows it.
 */
import { actionItemEndpoints, eveningTalkEndpoints, ledgerEndpoints, meetingEndpoints } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let dsct: string;
beforeAll(async () => {
  server = await startTestServer({ web: false });
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(() => server.close());

describe('evening talk → question list → numbered sign-off → reconciliation', () => {
  it('35 questions, 30 answered, 5 listed, 5 signed off, reconciled 5/5, rated by residents', async () => {
    const staff = await new ApiClient(server.url).login('shequ');
    const chief = await new ApiClient(server.url).login('zhanzhang');
    const created = await staff.ok(meetingEndpoints.create, {
      params: { compoundId: dsct },
      body: { kind: 'evening_talk', title: '都市春天小区居民夜谈', startsAt: new Date(Date.now() + 3_600_000).toISOString(), place: '小区服务站' },
    });
    const meetingId = created.meeting.id;
    await staff.ok(meetingEndpoints.schedule, { params: { meetingId } });
    await staff.ok(meetingEndpoints.start, { params: { meetingId } });

    const questionIds: string[] = [];
    for (let i = 1; i <= 35; i++) {
      const q = await staff.ok(eveningTalkEndpoints.submit, {
        params: { meetingId },
        body: { text: `居民问题第${i}条：小区公共事务`, category: 'other', askerName: `${(i % 3) + 1}栋居民` },
      });
      questionIds.push(q.id);
    }
    for (const questionId of questionIds.slice(0, 30)) {
      await staff.ok(eveningTalkEndpoints.answer, { params: { meetingId, questionId }, body: { answer: '现场答复', answeredByName: '社区 张敏' } });
    }
    for (const questionId of questionIds.slice(30)) {
      await staff.ok(eveningTalkEndpoints.list, {
        params: { meetingId, questionId },
        body: { measures: '物业牵头，5个工作日内整改', responsibleUnit: 'property_manager' },
      });
    }
    await staff.ok(meetingEndpoints.close, { params: { meetingId } });

    const reconciliation = () => staff.ok(actionItemEndpoints.reconciliation, { params: { meetingId } });
    const before = await reconciliation();
    expect(before.counts).toMatchObject({ questions: 35, answeredOnSpot: 30, listed: 5, actionItems: 5, signedOff: 0, missingActionItems: 0 });
    expect(before.reconciled).toBe(false);
    expect(before.questions.map((q) => q.number)).toEqual([31, 32, 33, 34, 35]);
    // Listed tonight, due in 5 working days.
    expect(before.questions.every((q) => q.actionItem?.dueDate && q.actionItem.status === 'open')).toBe(true);

    for (const q of before.questions) {
      const params = { itemId: q.actionItem!.id };
      await staff.ok(actionItemEndpoints.progress, { params, body: { text: '物业已到现场查看' } });
      await staff.ok(actionItemEndpoints.resolve, { params, body: { evidence: '整改完成，附现场照片' } });
      await chief.ok(actionItemEndpoints.signOff, { params, body: { resolution: '经现场核实已整改到位' } });
    }

    const after = await reconciliation();
    expect(after.counts).toMatchObject({ listed: 5, actionItems: 5, signedOff: 5, missingActionItems: 0 });
    expect(after.reconciled).toBe(true);
    const numbers = after.questions.map((q) => q.actionItem!.signOffNumber!);
    expect(numbers.every((n) => /^DSCT-\d{4}-\d{4}$/.test(n))).toBe(true);
    const sequences = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 5 }, (_, i) => sequences[0]! + i));

    // Residents rate the outcomes.
    const ratings = [
      ['yezhu', 'satisfied'],
      ['yezhu2', 'satisfied'],
      ['jumin', 'basically_satisfied'],
      ['loudong', 'satisfied'],
      ['yezhu', 'basically_satisfied'],
    ] as const;
    for (const [i, [login, rating]] of ratings.entries()) {
      const resident = await new ApiClient(server.url).login(login);
      const rated = await resident.api(actionItemEndpoints.rate, { params: { itemId: after.questions[i]!.actionItem!.id }, body: { rating } });
      expect(rated.status).toBe(201);
      expect(rated.data?.reopened).toBe(false);
    }
    const dup = await (
      await new ApiClient(server.url).login('yezhu')
    ).api(actionItemEndpoints.rate, { params: { itemId: after.questions[0]!.actionItem!.id }, body: { rating: 'satisfied' } });
    expect(dup.status).toBe(409);

    // Still reconciled after the ratings; the board shows the numbers to anybody.
    expect((await reconciliation()).reconciled).toBe(true);
    const board = await new ApiClient(server.url).ok(actionItemEndpoints.board, { params: { compoundId: dsct }, query: { limit: 200 } });
    for (const n of numbers) expect(board.items.some((i) => i.signOffNumber === n)).toBe(true);
    const ledger = await staff.ok(ledgerEndpoints.verify, { params: { compoundId: dsct } });
    expect(ledger.ok).toBe(true);
  });
});
