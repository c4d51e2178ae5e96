import { createHash } from 'node:crypto';
import { evidenceEndpoints, endpointUrl, meetingEndpoints, proxyEndpoints, voteEndpoints } from '@yishi/core';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterConfirmedPaperBallot } from '../testing/paper-slips.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function download(cookie: string, voteId: string) {
  const res = await t.call('GET', endpointUrl(evidenceEndpoints.vote, { params: { voteId } }), { cookie });
  return res;
}

describe("a vote's evidence bundle", () => {
  it('holds the record with a manifest whose SHA-256 hashes match every file, and a PDF summary', async () => {
    const staff = await t.login('zhanzhang');
    const { id: voteId } = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: {
        title: '是否同意在东门增设快递柜',
        kind: 'yes_no',
        secret: false,
        rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
        closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      },
    });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    const receipt = await t.ok(voteEndpoints.castBallot, { cookie: await t.login('yezhu2'), params: { voteId }, body: { choices: ['yes'] } });
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login('loudong'), params: { voteId }, body: { choices: ['no'] } });
    const unvoted = (await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId } })).items.find((e) => !e.voted && !e.developerHeld)!;
    const paper = await enterConfirmedPaperBallot(t, voteId, await t.login('fuzhan'), staff, {
      unitId: unvoted.voterKey,
      choices: ['yes'],
      slipNumber: 'P-007',
    });
    await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });

    const res = await download(staff, voteId);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: Array<{ path: string; sha256: string; bytes: number }> };
    // Every file but the manifest itself is listed with its true hash; SHA256SUMS covers the manifest too.
    expect(new Set(manifest.files.map((f) => f.path))).toEqual(new Set(Object.keys(files).filter((p) => p !== 'manifest.json' && p !== 'SHA256SUMS')));
    for (const f of manifest.files) {
      expect(sha256(files[f.path]!), f.path).toBe(f.sha256);
      expect(files[f.path]!.byteLength).toBe(f.bytes);
    }
    const sums = strFromU8(files['SHA256SUMS']!).trim().split('\n');
    expect(sums).toContain(`${sha256(files['manifest.json']!)}  manifest.json`);
    expect(strFromU8(files['summary.pdf']!.subarray(0, 5))).toBe('%PDF-');

    // The record: the named ballots by channel with the receipt and its log position, the log, the tally recounted.
    const online = strFromU8(files['03-ballots/ballots-online.csv']!);
    expect(online).toContain(receipt.receiptCode);
    expect(online).toMatch(new RegExp(`${receipt.receiptCode},[^\\n]*,同意,`));
    const log = JSON.parse(strFromU8(files['06-proofs/ballot-log.json']!)) as Array<{ position: number; receiptCode: string }>;
    expect(log.find((e) => e.receiptCode === receipt.receiptCode)?.position).toBe(receipt.logPosition);
    expect(JSON.parse(strFromU8(files['06-proofs/ballot-log-verification.json']!))).toMatchObject({ ok: true, entries: 3 });
    expect(JSON.parse(strFromU8(files['04-tally/recount.json']!))).toMatchObject({ matchesFrozenResult: true });
    expect(strFromU8(files['02-roll/roll.csv']!)).toContain('计入人数');
    // The paper ballot: listed with its slip number, both staff members recorded, the photo of the slip as uploaded.
    expect(strFromU8(files['03-ballots/ballots-paper.csv']!)).toContain(paper.receiptCode);
    const entries = JSON.parse(strFromU8(files['03-ballots/paper-entries.json']!)) as Array<{ slip_number: string; reviewed_by_user_id: string | null }>;
    expect(entries).toEqual([expect.objectContaining({ slip_number: 'P-007', reviewed_by_user_id: expect.any(String) })]);
    const [listed] = (await t.ok(proxyEndpoints.paperEntries, { cookie: staff, params: { voteId } })).items;
    const served = new Uint8Array(await (await t.call('GET', listed!.photo.url, { cookie: staff })).arrayBuffer());
    expect(sha256(files['03-ballots/paper-slips/P-007.jpg']!)).toBe(sha256(served));
    // After closing, the files anyone may recount from are in the bundle too.
    expect(JSON.parse(strFromU8(files['05-published/ballots.json']!))).toMatchObject({ ballots: expect.any(Array) });
  });

  it('is for the organisers only; an owner is refused', async () => {
    const staff = await t.login('zhanzhang');
    const { items: votes } = await t.ok(voteEndpoints.list, { cookie: staff, params: { compoundId: dsct }, query: { limit: 200 } });
    const closed = votes.find((v) => v.status === 'closed')!;
    expect((await download(await t.login('yezhu'), closed.id)).status).toBe(403);
    expect((await download(staff, closed.id)).status).toBe(200);
  });
});

describe("a meeting's evidence bundle", () => {
  it('holds the published minutes, the action items with their ledger entries and the chain proof, hashed in the manifest', async () => {
    const chief = await t.login('zhanzhang');
    const { items: meetings } = await t.ok(meetingEndpoints.list, { cookie: chief, params: { compoundId: dsct } });
    const council = meetings.find((m) => m.kind === 'four_party' && m.status === 'closed')!;
    const res = await t.call('GET', endpointUrl(evidenceEndpoints.meeting, { params: { meetingId: council.id } }), { cookie: chief });
    expect(res.status, await res.clone().text()).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { subject: { kind: string }; files: Array<{ path: string; sha256: string }> };
    expect(manifest.subject.kind).toBe('meeting');
    expect(new Set(manifest.files.map((f) => f.path))).toEqual(new Set(Object.keys(files).filter((p) => p !== 'manifest.json' && p !== 'SHA256SUMS')));
    for (const f of manifest.files) expect(sha256(files[f.path]!), f.path).toBe(f.sha256);
    expect(strFromU8(files['01-minutes/v1.txt']!)).toContain('第 1 版');
    const items = JSON.parse(strFromU8(files['03-action-items/items.json']!)) as Array<{ id: string }>;
    const entries = JSON.parse(strFromU8(files['03-action-items/ledger-entries.json']!)) as Array<{ action_item_id: string; hash: string; seq: number }>;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.action_item_id))).toEqual(new Set(items.map((i) => i.id)));
    // In chain order.
    expect(entries.map((e) => e.seq)).toEqual(entries.map((e) => e.seq).sort((a, b) => a - b));
    expect(JSON.parse(strFromU8(files['03-action-items/ledger-verification.json']!))).toMatchObject({ ok: true });
    // An owner is not among those who run meetings.
    const owner = await t.login('yezhu');
    expect((await t.call('GET', endpointUrl(evidenceEndpoints.meeting, { params: { meetingId: council.id } }), { cookie: owner })).status).toBe(403);
  });
});
