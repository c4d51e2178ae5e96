import { actionItemEndpoints, ledgerEndpoints } from '@yishi/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedgerCommand } from '../services/ledger.service.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
  // 翠苑 (CY): the demo seed leaves its ledger empty.
  dsct = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
  // The station chief resolves; the community's staff check and sign off (nobody signs off what they resolved).
  const signer = await t.login('shequ');
  for (const title of ['路灯不亮', '垃圾清运不及时', '楼道堆物']) {
    const { id } = await t.ok(actionItemEndpoints.create, { cookie, params: { compoundId: dsct }, body: { title, source: { kind: 'proposal' } } });
    await t.ok(actionItemEndpoints.resolve, { cookie, params: { itemId: id }, body: { evidence: '已处理' } });
    await t.ok(actionItemEndpoints.signOff, { cookie: signer, params: { itemId: id }, body: { resolution: '已办结' } });
  }
});
afterEach(() => t.close());

/** Runs raw SQL straight on the test database, as someone with a database client would. */
const raw = (query: string) => sql.raw(query).execute(t.deps.db);
/** What a tamperer does first: remove the append-only trigger (one per change on SQLite, one for both on PostgreSQL). */
const dropTrigger = (change: 'update' | 'delete') =>
  raw(t.dialect === 'postgres' ? 'DROP TRIGGER ledger_entries_no_change ON ledger_entries' : `DROP TRIGGER ledger_entries_no_${change}`);

const verify = () => t.ok(ledgerEndpoints.verify, { cookie, params: { compoundId: dsct } });

describe('the ledger', () => {
  it('verifies an intact chain of listed and signed-off entries', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries: 6 });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(raw("UPDATE ledger_entries SET sign_off_number = 'CY-2026-0999' WHERE seq = 2")).rejects.toThrow(/ledger_append_only/);
    await expect(raw('DELETE FROM ledger_entries WHERE seq = 6')).rejects.toThrow(/ledger_append_only/);
    expect(await verify()).toMatchObject({ ok: true, entries: 6 });
  });

  it('names the tampered row when someone drops the trigger and edits a sign-off', async () => {
    await dropTrigger('update');
    const target = (
      await sql<{ seq: number; payload: string }>`SELECT seq, payload FROM ledger_entries WHERE kind = 'signed_off' ORDER BY seq LIMIT 1 OFFSET 1`.execute(
        t.deps.db,
      )
    ).rows[0]!;
    await sql`UPDATE ledger_entries SET payload = ${target.payload.replace('已办结', '未办理')} WHERE seq = ${target.seq}`.execute(t.deps.db);
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: target.seq }, reason: 'hash_mismatch' });
  });

  it('`yishi verify-ledger` exits 1 and names the broken entry', async () => {
    const lines: string[] = [];
    expect(await verifyLedgerCommand(t.deps.db, (l) => lines.push(l))).toBe(0);
    await dropTrigger('update');
    await sql`UPDATE ledger_entries SET sign_off_number = 'CY-2026-0009' WHERE compound_id = ${dsct} AND seq = 4`.execute(t.deps.db);
    lines.length = 0;
    expect(await verifyLedgerCommand(t.deps.db, (l) => lines.push(l))).toBe(1);
    expect(lines.find((l) => l.startsWith('BROKEN'))).toMatch(/^BROKEN\s+CY .*entry #4 .*hash_mismatch/);
    expect(lines.find((l) => l.includes('DSCT'))).toMatch(/^OK/);
  });

  it('notices a deleted last entry', async () => {
    await dropTrigger('delete');
    await raw('DELETE FROM ledger_entries WHERE seq = 6');
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 6 } });
  });

  it('exports CSV with a BOM and Chinese column names, and an XLSX workbook', async () => {
    const csv = await t.call('GET', `/api/compounds/${dsct}/ledger.csv`, { cookie });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('序号,记录类型,销号编号,整改事项,来源,责任单位,截止日期,办理结果,销号人,当前状态,记录时间,哈希');
    expect(lines).toHaveLength(7);
    expect(text).toContain('CY-2026-0003');
    const xlsx = await t.call('GET', `/api/compounds/${dsct}/ledger.xlsx`, { cookie });
    expect(xlsx.status).toBe(200);
    const zip = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(zip[0]!, zip[1]!)).toBe('PK');
  });

  it('is for staff only', async () => {
    const res = await t.api(ledgerEndpoints.entries, { cookie: await t.login('yezhu'), params: { compoundId: dsct } });
    expect(res.status).toBe(403);
  });
});
