import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
});
afterEach(() => t.close());

const HEADER = '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有';
const GOOD = [HEADER, '2栋,1单元,101,88.50,登记,钱多多,13911110001,否', '2栋,1单元,102,96.25,,孙小美,13911110002,', '2栋,1单元,201,88.50,,钱多多,13911110001,', '2栋,1单元,202,96.25,,,,是'].join('\n');

function post(csv: string | Buffer, query = '', type = 'text/csv; charset=utf-8') {
  return t.app.request(`/api/compounds/${cy}/roster${query}`, { method: 'POST', headers: { cookie, 'content-type': type }, body: csv });
}

async function unitCount(): Promise<number> {
  const row = await t.deps.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('compound_id', '=', cy).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('roster import', () => {
  it('reports every bad row with line, column and reason, and imports nothing', async () => {
    const before = await unitCount();
    const csv = [HEADER, '2,1,101,88.50,,钱多多,13911110001,', '2,1,102,abc,,孙小美,,', '2,1,103,90,,,,', '2,1,101,70,,赵六,,'].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { problems: Array<{ line: number; column: string; message: string }> } } };
    expect(body.error.code).toBe('roster_invalid');
    expect(body.error.message).toBe('花名册有 3 处错误，未导入任何数据');
    expect(body.error.details.problems.map((p) => [p.line, p.column])).toEqual([
      [3, '面积'],
      [4, '业主'],
      [5, '房号'],
    ]);
    expect(body.error.details.problems[0]?.message).toContain('abc');
    expect(await unitCount()).toBe(before);
  });

  it('applies a clean file, and re-running it changes nothing', async () => {
    const before = await unitCount();
    const dry = await post(GOOD, '?dryRun=1');
    expect(await dry.json()).toMatchObject({ applied: false, unitsCreated: 4, buildingsCreated: 1 });
    expect(await unitCount()).toBe(before);

    const first = await post(GOOD);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ applied: true, rows: 4, buildingsCreated: 1, unitsCreated: 4, personsCreated: 2 });
    expect(await unitCount()).toBe(before + 4);

    const again = await post(GOOD);
    expect(await again.json()).toMatchObject({ applied: true, unitsCreated: 0, unitsUpdated: 0, unitsUnchanged: 4, personsCreated: 0 });

    // One owner of two units is one person.
    const owner = await t.deps.db.selectFrom('persons').innerJoin('ownerships', 'ownerships.person_id', 'persons.id').select('persons.id').where('persons.phone', '=', '13911110001').execute();
    expect(owner).toHaveLength(2);
    expect(new Set(owner.map((o) => o.id)).size).toBe(1);

    const changed = await post(GOOD.replace('96.25,,孙小美', '96.30,,孙小美'));
    expect(await changed.json()).toMatchObject({ unitsUpdated: 1, unitsUnchanged: 3 });
  });

  it('reads CSV saved by Excel in GB18030', async () => {
    // "楼栋,房号,面积,业主\n1,101,80,王五\n" encoded in GB18030 by hand (two bytes per character).
    const bytes = Buffer.from('c2a5b6b02cb7bfbac52cc3e6bbfd2cd2b5d6f70a312c3130312c38302ccdf5cee50a', 'hex');
    const res = await post(bytes);
    expect(res.status).toBe(200);
    const unit = await t.deps.db.selectFrom('persons').select('name').where('name', '=', '王五').executeTakeFirst();
    expect(unit?.name).toBe('王五');
  });

  it('is refused to owners and to staff of another compound', async () => {
    const owner = await t.login('yezhu');
    const res = await t.app.request(`/api/compounds/${cy}/roster`, { method: 'POST', headers: { cookie: owner, 'content-type': 'text/csv' }, body: GOOD });
    expect(res.status).toBe(403);
    const dsct = await t.compoundId('DSCT');
    const other = await t.app.request(`/api/compounds/${dsct}/roster`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body: GOOD });
    expect(other.status).toBe(403);
  });

  it('exports the roster as CSV in the import format', async () => {
    await post(GOOD);
    const res = await t.call('GET', `/api/compounds/${cy}/roster.csv`, { cookie });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('楼栋,单元,房号,面积')).toBe(true);
    expect(text).toContain('2,1,101,88.50,登记,钱多多,13911110001,否');
  });
});
