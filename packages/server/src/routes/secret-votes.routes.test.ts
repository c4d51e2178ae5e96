/**
 * Secret votes with few voters (issue 15, point 4): staff hold the roll with every unit's floor
 * area and see who voted, so per-option area totals of a 4-voter vote would say who chose what. Below
 * SECRET_TOTALS_MIN_VOTERS the result goes out with the verdict and turnout only — to staff too, and
 * on every route a result leaves by — and the receipt list without choices; above it, the figures.
 */
import { SECRET_TOTALS_MIN_VOTERS, boardEndpoints, formatAreaCenti, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterConfirmedPaperBallot } from '../testing/paper-slips.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00.000Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

/** A secret yes/no vote in 都市春天 with `yes` + `no` paper ballots entered by the station chief and confirmed by the deputy, closed. */
async function closedSecretVote(yes: number, no: number) {
  const staff = await t.login('zhanzhang');
  const reviewer = await t.login('fuzhan');
  const { id: voteId } = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: dsct },
    body: {
      title: '是否同意更换小区门禁系统',
      kind: 'yes_no',
      rule: { kind: 'simple_majority' },
      secret: true,
      closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    },
  });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
  const { items: entries } = await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId } });
  // Units of different areas, as in the attack: each split of the voters has its own area total.
  const voters = entries.filter((e) => !e.developerHeld).slice(0, yes + no);
  for (const [i, e] of voters.entries()) await enterConfirmedPaperBallot(t, voteId, staff, reviewer, { unitId: e.voterKey, choices: [i < yes ? 'yes' : 'no'] });
  await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });
  const yesArea = voters.slice(0, yes).reduce((sum, e) => sum + e.areaCenti, 0);
  return { staff, voteId, yesArea };
}

describe('a secret vote’s per-option totals', () => {
  it(`4 voters (< ${SECRET_TOTALS_MIN_VOTERS}): the verdict and turnout, no per-option ballots, heads or area anywhere — staff included — and words saying why`, async () => {
    const { staff, voteId, yesArea } = await closedSecretVote(3, 1);
    const owner = await t.login('yezhu');

    for (const cookie of [staff, owner]) {
      const { result } = await t.ok(voteEndpoints.get, { cookie, params: { voteId } });
      expect(result).toMatchObject({ passed: true, participation: { ballots: 4 }, summary: { 'zh-CN': '表决通过' } });
      expect(result!.options.map((o) => [o.id, o.ballots, o.heads, o.areaCenti])).toEqual([
        ['yes', null, null, null],
        ['no', null, null, null],
        ['abstain', null, null, null],
      ]);
      expect(result!.checks.every((c) => c.key.startsWith('participation'))).toBe(true);
      expect(result!.totalsWithheld?.minVoters).toBe(SECRET_TOTALS_MIN_VOTERS);
      expect(result!.totalsWithheld?.text['zh-CN']).toContain('只有 4 户参与（少于 10 户），为保护投票秘密，不公布各选项的票数、人数和面积');
      expect(result!.totalsWithheld?.text.en).toContain('withheld to protect the secrecy of the ballot');
    }

    // No answer carries the 同意 area, in figures or in words: not the vote, the lists, the public results or the board.
    const raw = await Promise.all(
      [`/api/votes/${voteId}`, `/api/compounds/${dsct}/votes`].map(async (path) => (await t.call('GET', path, { cookie: staff })).text()),
    );
    raw.push(await (await t.call('GET', `/api/public/compounds/${dsct}/votes`)).text());
    raw.push(JSON.stringify(await t.ok(boardEndpoints.summary, { params: { compoundId: dsct } })));
    raw.push(await (await t.call('GET', `/api/public/compounds/${dsct}/feed.atom`)).text());
    for (const text of raw) {
      expect(text).not.toContain(`"areaCenti":${yesArea}`);
      expect(text).not.toContain(formatAreaCenti(yesArea));
    }
    const published = (await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } })).items.find((v) => v.id === voteId)!;
    expect(published.result!.totalsWithheld?.minVoters).toBe(SECRET_TOTALS_MIN_VOTERS);

    // The receipt list proves each ballot was counted, without the choices that would add up to the totals.
    const receipts = await t.ok(voteEndpoints.receipts, { params: { voteId } });
    expect(receipts.items).toHaveLength(4);
    expect(receipts.items.every((r) => r.choices.length === 0 && r.choiceLabels.length === 0)).toBe(true);
    expect(receipts.choicesWithheld?.['zh-CN']).toContain('清单只列回执码，不列选择');
  });

  it(`${SECRET_TOTALS_MIN_VOTERS + 2} voters: the per-option figures, the approval checks and the receipts’ choices are published`, async () => {
    const { staff, voteId, yesArea } = await closedSecretVote(8, 4);
    const { result } = await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    expect(result!.totalsWithheld).toBeNull();
    expect(result!.options.find((o) => o.id === 'yes')).toMatchObject({ ballots: 8, areaCenti: yesArea });
    expect(result!.options.find((o) => o.id === 'no')).toMatchObject({ ballots: 4 });
    expect(result!.checks.map((c) => c.key)).toContain('approval_ballots');
    const receipts = await t.ok(voteEndpoints.receipts, { params: { voteId } });
    expect(receipts.choicesWithheld).toBeNull();
    expect(receipts.items.filter((r) => r.choices[0] === 'yes')).toHaveLength(8);

    // A page at a time in code order, each receipt exactly once; one code is looked up alone.
    const pages: (typeof receipts.items)[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(voteEndpoints.receipts, { params: { voteId }, query: { limit: 5, after } });
      expect(page).toMatchObject({ published: true, choicesWithheld: null });
      pages.push(page.items);
      after = page.next ?? undefined;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const codes = pages.flat().map((r) => r.receiptCode);
    expect(codes).toEqual(receipts.items.map((r) => r.receiptCode));
    expect(codes).toEqual([...codes].sort());
    const one = await t.ok(voteEndpoints.receipts, { params: { voteId }, query: { code: codes[7]!.toLowerCase() } });
    expect(one.items).toEqual([receipts.items[7]]);
    expect((await t.ok(voteEndpoints.receipts, { params: { voteId }, query: { code: 'NOPE-NOPE-NOPE' } })).items).toEqual([]);
  });
});
