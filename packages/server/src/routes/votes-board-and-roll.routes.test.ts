/**
 * What a vote shows outside its ballot box: the notice board's announcement (the rule in words, live
 * turnout, a frozen result told in today's words), and the roll, exported as CSV and read a page at a time.
 */
import { endpointUrl, voteEndpoints } from '@yishi/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { naturalKey } from '../db/natural-key.js';
import { tieRollLabels } from '../testing/page-through.js';
import type { TestApp } from '../testing/test-app.js';
import { useVotesApp } from '../testing/votes-app.js';

const v = useVotesApp();
const { createOpenVote, cast } = v;
let t: TestApp;
let dsct: string;
beforeEach(() => {
  ({ t, dsct } = v);
});

describe('the notice board announces open votes', () => {
  it('with the rule in words, the closing time and live turnout against 2/3 — never how anyone voted', async () => {
    const { open } = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } });
    const charging = open.find((v) => v.title === '利用小区共有场地建设电动自行车充电棚')!;
    expect(charging.status).toBe('open');
    expect(charging.ruleText['zh-CN']).toContain('民法典第二百七十八条第8项');
    const [area, heads] = charging.turnout.progress;
    expect(area!.text['zh-CN']).toMatch(/^参与表决面积 [\d.]+ \/ 14412\.30 平方米（\d+\.\d{2}%），需 ≥ 2\/3，还差 [\d.]+ 平方米$/);
    expect(heads!.text['zh-CN']).toMatch(/^参与表决人数 \d+ \/ 114 人（\d+\.\d{2}%），需 ≥ 2\/3，还差 \d+ 人$/);
    expect(charging).not.toHaveProperty('result');
    expect(JSON.stringify(charging)).not.toMatch(/"choices"|"approval_/);
  });

  it('tells a frozen result in today’s words: percentages beside their exact fractions', async () => {
    const { items: votes } = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } });
    const head = votes.find((v) => v.title === '1栋楼栋长选举')!;
    // Words stored at closing by an older version: the figures are the same, the words are told again.
    const row = await t.deps.db.selectFrom('votes').select('result_json').where('id', '=', head.id).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.result_json!) as { checks: Array<{ text: { 'zh-CN': string; en: string } }> };
    for (const c of stored.checks) c.text = { 'zh-CN': '57.2% > 1/2 ✓', en: '57.2% > 1/2 ✓' };
    await t.deps.db
      .updateTable('votes')
      .set({ result_json: JSON.stringify(stored) })
      .where('id', '=', head.id)
      .execute();
    const again = (await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } })).items.find((v) => v.id === head.id)!;
    expect(again.result!.checks.map((c) => c.text['zh-CN'])).toEqual(head.result!.checks.map((c) => c.text['zh-CN']));
    expect(again.result!.checks[0]!.text['zh-CN']).toMatch(/^“何秀英”赞成票占投票总数 \d+\.\d{2}% > 1\/2 ✓（\d+ \/ \d+ 票）$/);
  });
});

describe('roll export', () => {
  it('staff download the roll as CSV with who voted and how (channel), never what for a secret ballot', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    await cast(await t.login('loudong'), voteId, { choices: ['no'] });
    const res = await t.call('GET', endpointUrl(voteEndpoints.rollCsv, { params: { voteId } }), { cookie: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('房屋,面积（平方米）,是否已投票,方式,投票时间');
    expect(lines).toHaveLength(121);
    expect(lines.find((l) => l.startsWith('1栋2单元602,'))).toMatch(/^1栋2单元602,[\d.]+,是,网上,2026-11-21 10:00$/);
    expect(text).not.toContain('反对');
    expect((await t.api(voteEndpoints.rollCsv, { cookie: await t.login('yezhu'), params: { voteId } })).status).toBe(403);
  });
});

describe('the roll a page at a time', () => {
  it('pages through every entry exactly once in number order (902 before 1001), ties on the label included, and narrows to the labels typed', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await createOpenVote(staff);
    await cast(await t.login('loudong'), voteId, { choices: ['no'] });
    // Seven entries share one label: the voter key breaks the tie, so a page boundary inside them loses or repeats none.
    // (Not the flats the checks below look for: their labels must stay.)
    const tiedKeys = await tieRollLabels(t.deps.db, voteId, 7, ['1栋2单元60%', '2栋2单元%']);

    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | undefined;
    do {
      const page = await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId }, query: { limit: 3, after } });
      seen.push(...page.items.map((e) => `${e.label}|${e.voterKey}`));
      pages.push(page.items.length);
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    // Roll order is the roster's: rooms, entrances and buildings as numbers (text order had 1001 before 101).
    const place = (entry: string) => `${naturalKey(entry.split('|')[0]!)}|${entry.split('|')[1]}`;
    expect(seen).toEqual([...seen].sort((a, b) => (place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0)));
    const at = (label: string) => seen.findIndex((e) => e.startsWith(`${label}|`));
    expect(at('2栋2单元902')).toBeGreaterThan(at('2栋2单元101'));
    expect(at('2栋2单元1001')).toBe(at('2栋2单元902') + 1);
    expect(seen.slice(0, 7)).toEqual(tiedKeys.map((k) => `0同名|${k}`));
    expect(pages.slice(0, -1).every((n) => n === 3)).toBe(true);

    const typed = await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId }, query: { q: '1栋2单元60' } });
    expect(typed.items.map((e) => e.label)).toEqual(['1栋2单元601', '1栋2单元602']);
    expect(typed.items[1]).toMatchObject({ voted: true, channel: 'online' });
    expect(typed.next).toBeNull();
    const bad = await t.api(voteEndpoints.roll, { cookie: staff, params: { voteId }, query: { after: 'bm90LWEtY3Vyc29y' } });
    expect(bad.status).toBe(400);
  });
});
