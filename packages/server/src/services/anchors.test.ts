/**
 * Anchored ledgers: an attacker with write access to the database (who drops the append-only
 * triggers, as such an attacker can) rewrites a chain so that it verifies on its own again. Held
 * against a head published before, it is caught; and when the attacker rewinds the published heads
 * table too, a copy of the heads kept outside the database still catches it.
 */
import { anchorEndpoints, ballotLogEntryHash, GENESIS_HASH, ledgerEntryHash, minutesEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropAppendOnlyTriggers } from '../db/migrations/dialect.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { parseHeadsFile, publishChangedHeads, verifyAnchorsCommand, verifyBallotLogsCommand } from './anchors.service.js';
import { verifyBallotLogOf } from './ballot-log.service.js';
import { sha256Hex, verifyLedger } from './ledger.service.js';

let t: TestApp;
let dsct: string;
const now = new Date('2026-11-21T02:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

async function verify(fromFile: ReturnType<typeof parseHeadsFile> | null = null) {
  const lines: string[] = [];
  const code = await verifyAnchorsCommand(t.deps.db, fromFile, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

/** The attacker: changes the first ledger entry's details and recomputes every hash after it, head row included. */
async function rewriteLedger(): Promise<void> {
  const db = t.deps.db;
  await dropAppendOnlyTriggers(db, 'ledger_entries');
  const rows = await db.selectFrom('ledger_entries').selectAll().where('compound_id', '=', dsct).orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    const payload = i === 0 ? r.payload.replace(/"resolution":"[^"]*"/, '"resolution":"已完成"').replace(/}$/, ',"x":1}') : r.payload;
    const content = {
      compoundId: r.compound_id,
      seq: Number(r.seq),
      kind: r.kind,
      actionItemId: r.action_item_id,
      signOffNumber: r.sign_off_number,
      payload,
      createdAt: r.created_at,
      prevHash: prev,
    };
    const hash = ledgerEntryHash(content, sha256Hex);
    await db.updateTable('ledger_entries').set({ payload, prev_hash: prev, hash }).where('id', '=', r.id).execute();
    prev = hash;
  }
  await db.updateTable('ledger_heads').set({ last_hash: prev }).where('compound_id', '=', dsct).execute();
}

/** The attacker: deletes the last ledger entry and rewinds the head row to the one before. */
async function truncateLedger(): Promise<void> {
  const db = t.deps.db;
  await dropAppendOnlyTriggers(db, 'ledger_entries');
  const rows = await db.selectFrom('ledger_entries').select(['id', 'seq', 'hash']).where('compound_id', '=', dsct).orderBy('seq', 'desc').limit(2).execute();
  await db.deleteFrom('ledger_entries').where('id', '=', rows[0]!.id).execute();
  await db
    .updateTable('ledger_heads')
    .set({ last_seq: Number(rows[1]!.seq), last_hash: rows[1]!.hash })
    .where('compound_id', '=', dsct)
    .execute();
}

async function aClosedVote(): Promise<string> {
  const { items: votes } = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } });
  return votes.find((v) => v.title === '使用专项维修资金更换2栋电梯')!.id;
}

describe('anchored heads', () => {
  it('an untouched database passes; the heads are published once, again only when a chain changed', async () => {
    expect(await publishChangedHeads(t.deps.db, now)).toBeGreaterThan(2);
    expect(await publishChangedHeads(t.deps.db, now)).toBe(0);
    const { code, text } = await verify();
    expect(code).toBe(0);
    expect(text).toMatch(/OK {6}\d+ \/ \d+ published heads \(database\) match the chains/);
    expect(await verifyBallotLogsCommand(t.deps.db, () => {})).toBe(0);
    const board = await t.ok(anchorEndpoints.heads, { params: { compoundId: dsct } });
    expect(board.latest.find((h) => h.chain === 'ledger')).toMatchObject({ scopeId: dsct, label: '都市春天小区', publishedOn: '2026-11-21' });
    expect(board.latest.some((h) => h.chain === 'ballot_log' && h.label === '使用专项维修资金更换2栋电梯')).toBe(true);
  });

  it('a ledger row rewritten with the chain recomputed passes the chain check alone, but not a published head', async () => {
    await publishChangedHeads(t.deps.db, now);
    await rewriteLedger();
    expect((await verifyLedger(t.deps.db, dsct)).ok).toBe(true);
    const { code, text } = await verify();
    expect(code).toBe(1);
    expect(text).toMatch(/BROKEN {2}ledger .* entry \d+ has another hash than the published head/);
  });

  it('the last ledger row deleted and the head table rewound: caught by the published head', async () => {
    await publishChangedHeads(t.deps.db, now);
    await truncateLedger();
    expect((await verifyLedger(t.deps.db, dsct)).ok).toBe(true);
    // The next day's publication does not publish the shorter chain's head (it would hide the cut).
    expect(await publishChangedHeads(t.deps.db, new Date(now.getTime() + 86_400_000))).toBe(0);
    const { code, text } = await verify();
    expect(code).toBe(1);
    expect(text).toMatch(/fewer than the published head .*: entries were deleted/);
  });

  it('the published heads rewound in the database too: a copy downloaded from the board still catches it', async () => {
    await publishChangedHeads(t.deps.db, now);
    const board = await t.ok(anchorEndpoints.heads, { params: { compoundId: dsct } });
    const copy = parseHeadsFile(JSON.stringify(board));
    await truncateLedger();
    await dropAppendOnlyTriggers(t.deps.db, 'published_heads');
    await t.deps.db.deleteFrom('published_heads').execute();
    await publishChangedHeads(t.deps.db, now);
    expect((await verify()).code).toBe(0);
    const { code, text } = await verify(copy);
    expect(code).toBe(1);
    expect(text).toMatch(/BROKEN {2}ledger .*\(file\): the chain has only/);
  });

  it('a ballot log: one choice rewritten with the chain recomputed, or the last entry cut: caught', async () => {
    const voteId = await aClosedVote();
    await publishChangedHeads(t.deps.db, now);
    const db = t.deps.db;
    await dropAppendOnlyTriggers(db, 'ballot_log');
    const rows = await db.selectFrom('ballot_log').selectAll().where('vote_id', '=', voteId).orderBy('position').execute();
    let prev = GENESIS_HASH;
    for (const [i, r] of rows.entries()) {
      const choices = i === 0 ? (r.choices_json.includes('yes') ? ['no'] : ['yes']) : (JSON.parse(r.choices_json) as string[]);
      const entry = {
        voteId,
        position: Number(r.position),
        kind: r.kind,
        receiptCode: r.receipt_code,
        supersedes: r.supersedes,
        choices,
        channel: r.channel,
        recordedAt: r.recorded_at,
        prevHash: prev,
      };
      const hash = ballotLogEntryHash(entry, sha256Hex);
      await db
        .updateTable('ballot_log')
        .set({ choices_json: JSON.stringify(choices), prev_hash: prev, hash })
        .where('vote_id', '=', voteId)
        .where('position', '=', entry.position)
        .execute();
      prev = hash;
    }
    await db.updateTable('ballot_log_heads').set({ last_hash: prev }).where('vote_id', '=', voteId).execute();
    expect((await verifyBallotLogOf(db, voteId)).ok).toBe(true);
    const rewritten = await verify();
    expect(rewritten.code).toBe(1);
    expect(rewritten.text).toMatch(new RegExp(`BROKEN  ballot_log ${voteId} \\(database\\): entry ${rows.length} has another hash`));

    await db.deleteFrom('ballot_log').where('vote_id', '=', voteId).where('position', '=', rows.length).execute();
    await db
      .updateTable('ballot_log_heads')
      .set({ last_position: rows.length - 1, last_hash: rows.at(-2)!.hash })
      .where('vote_id', '=', voteId)
      .execute();
    const cut = await verify();
    expect(cut.text).toMatch(new RegExp(`BROKEN  ballot_log ${voteId} \\(database\\): the chain has only ${rows.length - 1} entries`));
  });

  it('a published minutes print shows the latest heads with a QR code to the board', async () => {
    await publishChangedHeads(t.deps.db, now);
    const minutes = await t.deps.db
      .selectFrom('minutes_versions')
      .innerJoin('meetings', 'meetings.id', 'minutes_versions.meeting_id')
      .select('meetings.id')
      .where('meetings.compound_id', '=', dsct)
      .executeTakeFirstOrThrow();
    const res = await t.app.request(`/api${minutesEndpoints.print.path.replace(':meetingId', minutes.id)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const ledger = (await t.ok(anchorEndpoints.heads, { params: { compoundId: dsct } })).latest.find((h) => h.chain === 'ledger')!;
    expect(html).toContain('存证：记录指纹');
    expect(html).toContain(
      `整改销号台账：${ledger.seq} 条记录，2026-11-21 公布<br><span style="font-family:monospace;font-size:8pt;overflow-wrap:anywhere">${ledger.hash}</span>`,
    );
    expect(html).toMatch(/<svg style="flex:none;width:24mm;height:24mm" role="img" aria-label="存证二维码"/);
  });

  it("a meeting's minutes print the ballot logs of the votes it raised only, not the compound's latest", async () => {
    await publishChangedHeads(t.deps.db, now);
    const logs = (await t.ok(anchorEndpoints.heads, { params: { compoundId: dsct } })).latest.filter((h) => h.chain === 'ballot_log');
    expect(logs.length).toBeGreaterThan(1);
    const talk = await t.deps.db
      .selectFrom('minutes_versions')
      .innerJoin('meetings', 'meetings.id', 'minutes_versions.meeting_id')
      .select('meetings.id')
      .where('meetings.compound_id', '=', dsct)
      .where('meetings.kind', '=', 'evening_talk')
      .executeTakeFirstOrThrow();
    const print = async () => (await t.app.request(`/api${minutesEndpoints.print.path.replace(':meetingId', talk.id)}`)).text();
    const before = await print();
    expect(before).toContain('整改销号台账');
    expect(before).not.toContain('投票日志');
    // A vote the meeting raised is printed with it, and only that one.
    const [raised, other] = logs;
    await t.deps.db.updateTable('votes').set({ source_kind: 'meeting', source_id: talk.id }).where('id', '=', raised!.scopeId).execute();
    const after = await print();
    expect(after).toContain(`投票日志“${raised!.label}”：${raised!.seq} 条记录`);
    expect(after).not.toContain(`投票日志“${other!.label}”`);
  });
});
