/** The roster import and export over HTTP: bad rows named in words, the files offices really have (workbooks, GB18030, Unicode text), who may import, and the export in the import format. */
import { rosterEndpoints, rosterInvalidDetailsSchema } from '@yishi/core';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { createTestApp, readAnswer, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
});
afterEach(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有';
const GOOD = [
  HEADER,
  '2栋,1单元,101,88.50,登记,钱多多,13911110001,否',
  '2栋,1单元,102,96.25,,孙小美,13911110002,',
  '2栋,1单元,201,88.50,,钱多多,13911110001,',
  '2栋,1单元,202,96.25,,,,是',
].join('\n');

/** Uploads a file as the page does (its bytes as they are); the answer typed and checked by the import's schema. */
async function post(body: string | Uint8Array, query = '', type = 'text/csv; charset=utf-8', language = 'zh-CN', who = cookie, compoundId = cy) {
  const res = await t.app.request(`/api/compounds/${compoundId}/roster${query}`, {
    method: 'POST',
    headers: { cookie: who, 'content-type': type, 'accept-language': language },
    body,
  });
  return readAnswer(rosterEndpoints.import, res);
}

/** A refusal: its code, words and, for a roster with mistakes, every problem (details checked by their schema). */
function refusal(answer: Awaited<ReturnType<typeof post>>) {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data)}`);
  const { code, message, details } = answer.error;
  return { code, message, problems: code === 'roster_invalid' ? rosterInvalidDetailsSchema.parse(details).problems : [] };
}

async function unitCount(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compound_id', '=', cy)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Excel's "Save as → Unicode Text": UTF-16LE with a BOM, tab-separated, CRLF. */
function unicodeText(lines: string[][]): Uint8Array {
  const text = `${lines.map((cells) => cells.join('\t')).join('\r\n')}\r\n`;
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = code & 0xff;
    bytes[3 + i * 2] = code >> 8;
  }
  return bytes;
}

/** A roster as offices keep it: a merged title row, headings with units, areas typed with ㎡, numbers as numbers. */
async function officeWorkbook(): Promise<Uint8Array> {
  const title = { value: '翠苑小区业主花名册（2026年12月）', span: 9, fontWeight: 'bold' as const };
  const data = [
    [title, null, null, null, null, null, null, null, null],
    ['楼栋', '单元', '房号', '建筑面积（㎡）', '业主', '手机', '所属网格', '租户', '租户手机'],
    ['5栋', '1单元', 101, 101.66, '周一', 13911112001, '第三网格', '吴二', 13911112101],
    ['5栋', '1单元', 102, '88.5㎡', '郑三、王四', '13911112002、13911112003', '第三网格', '', ''],
    ['5栋', '1单元', 201, '120.05 平方米', '冯五', 13911112004, '', '陈六、褚七', '13911112102、13911112103'],
    ['6栋', '1单元', 101, 96, '卫八', 13911112005, '第一网格', '', ''],
  ];
  return new Uint8Array(await writeXlsxFile(data).toBuffer());
}

describe('roster import', () => {
  it('reports every bad row with row, column letter, heading and reason, and imports nothing', async () => {
    const before = await unitCount();
    const csv = [HEADER, '2,1,101,88.50,,钱多多,13911110001,', '2,1,102,abc,,孙小美,,', '2,1,103,90,,,,', '2,1,101,70,,赵六,,'].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(400);
    const body = refusal(res);
    expect(body.code).toBe('roster_invalid');
    expect(body.message).toBe('花名册有 3 处错误，未导入任何数据');
    expect(body.problems.map((p) => [p.line, p.column, p.heading])).toEqual([
      [3, 'D', '面积'],
      [4, 'F', '业主'],
      [5, 'C', '房号'],
    ]);
    expect(body.problems.map((p) => p.message)).toEqual([
      '第 3 行 D 列“面积”：面积“abc”无效：应为大于 0 的数字，最多两位小数',
      '第 4 行 F 列“业主”：已售房屋须填写业主姓名',
      '第 5 行 C 列“房号”：与第 2 行是同一套房屋',
    ]);
    expect(await unitCount()).toBe(before);
  });

  it('names the row and column in English too', async () => {
    const res = await post([HEADER, '2,1,102,abc,,孙小美,,'].join('\n'), '', 'text/csv', 'en');
    expect(refusal(res).problems[0]?.message).toBe('Row 2, column D "面积": Area "abc" is invalid: use a number above 0 with at most two decimals');
  });

  it('applies a clean file, and re-running it changes nothing', async () => {
    const before = await unitCount();
    const dry = await post(GOOD, '?dryRun=1');
    expect(dry.data).toMatchObject({ applied: false, unitsCreated: 4, buildingsCreated: 1 });
    expect(await unitCount()).toBe(before);

    const first = await post(GOOD);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ applied: true, rows: 4, buildingsCreated: 1, unitsCreated: 4, personsCreated: 2, gridsCreated: 0, residents: 0 });
    expect(await unitCount()).toBe(before + 4);

    const again = await post(GOOD);
    expect(again.data).toMatchObject({ applied: true, unitsCreated: 0, unitsUpdated: 0, unitsUnchanged: 4, personsCreated: 0 });

    // A row typed under the wrong flat: the dry run names the flat, its row and what changes, before anything is written.
    const moved = GOOD.replace('102,96.25,,孙小美,13911110002,', '102,97,,李四,13911110009,').replace('202,96.25,,,,是', '202,96.25,,周五,,否');
    const check = await post(moved, '?dryRun=1');
    expect(check.data).toMatchObject({ applied: false, unitsUpdated: 2, unitsUnchanged: 2 });
    expect(check.ok && check.data.changes).toEqual([
      {
        ...{ line: 3, unit: '2栋1单元102' },
        area: { from: 9625, to: 9700, fromSource: 'registered', toSource: 'registered' },
        owners: { from: ['孙小美'], to: ['李四'] },
      },
      { ...{ line: 5, unit: '2栋1单元202' }, developerHeld: { from: true, to: false }, owners: { from: [], to: ['周五'] } },
    ]);

    // One owner of two units is one person.
    const owner = await t.deps.db
      .selectFrom('persons')
      .innerJoin('ownerships', 'ownerships.person_id', 'persons.id')
      .select('persons.id')
      .where('persons.phone', '=', '13911110001')
      .execute();
    expect(owner).toHaveLength(2);
    expect(new Set(owner.map((o) => o.id)).size).toBe(1);

    const changed = await post(GOOD.replace('96.25,,孙小美', '96.30,,孙小美'));
    expect(changed.data).toMatchObject({ unitsUpdated: 1, unitsUnchanged: 3 });
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
    expect((await post(GOOD, '', 'text/csv', 'zh-CN', owner)).status).toBe(403);
    const dsct = await t.compoundId('DSCT');
    expect((await post(GOOD, '', 'text/csv', 'zh-CN', cookie, dsct)).status).toBe(403);
  });

  it('refuses other content types in words', async () => {
    const res = await post('{}', '', 'application/json');
    expect(res.status).toBe(415);
    expect(refusal(res).message).toContain('text/csv');
  });
});

describe('the files offices really have', () => {
  it('imports an .xlsx workbook with a title row, headings with units and areas with ㎡', async () => {
    const before = await unitCount();
    const workbook = await officeWorkbook();
    const dry = await post(workbook, '?dryRun=1', XLSX);
    expect(dry.status).toBe(200);
    expect(dry.data).toMatchObject({ applied: false, rows: 4, unitsCreated: 4, buildingsCreated: 2, gridsCreated: 1, residents: 3 });
    expect(await unitCount()).toBe(before);

    const res = await post(workbook, '', XLSX);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      applied: true,
      rows: 4,
      unitsCreated: 4,
      buildingsCreated: 2,
      gridsCreated: 1,
      buildingGridsChanged: 2,
      residents: 3,
      personsCreated: 8,
    });
    const units = await t.deps.db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['buildings.name as building', 'units.room', 'units.area_centi'])
      .where('units.compound_id', '=', cy)
      .where('buildings.name', 'in', ['5', '6'])
      .orderBy('buildings.name')
      .orderBy('units.room')
      .execute();
    expect(units.map((u) => [u.building, u.room, u.area_centi])).toEqual([
      ['5', '101', 10166],
      ['5', '102', 8850],
      ['5', '201', 12005],
      ['6', '101', 9600],
    ]);
    // The phone typed as a number keeps all its digits.
    const owner = await t.deps.db.selectFrom('persons').select(['name', 'phone']).where('phone', '=', '13911112001').executeTakeFirst();
    expect(owner).toEqual({ name: '周一', phone: '13911112001' });

    // Importing the same workbook again changes nothing.
    const again = await post(workbook, '', XLSX);
    expect(again.data).toMatchObject({ unitsCreated: 0, unitsUpdated: 0, unitsUnchanged: 4, personsCreated: 0, gridsCreated: 0, buildingGridsChanged: 0 });
  });

  it('residents and grids land in the database', async () => {
    await post(await officeWorkbook(), '', XLSX);
    const grids = await t.deps.db
      .selectFrom('buildings')
      .innerJoin('grids', 'grids.id', 'buildings.grid_id')
      .select(['buildings.name as building', 'grids.name as grid', 'grids.compound_id'])
      .where('buildings.compound_id', '=', cy)
      .orderBy('buildings.name')
      .execute();
    expect(grids).toEqual([
      { building: '1', grid: '第一网格', compound_id: cy },
      { building: '5', grid: '第三网格', compound_id: cy },
      { building: '6', grid: '第一网格', compound_id: cy },
    ]);
    // The existing 第一网格 was reused, not created twice.
    const gridNames = await t.deps.db.selectFrom('grids').select('name').where('compound_id', '=', cy).orderBy('name').execute();
    expect(gridNames.map((g) => g.name).sort()).toEqual(['第一网格', '第三网格']);

    const residents = await t.deps.db
      .selectFrom('residencies')
      .innerJoin('units', 'units.id', 'residencies.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('persons', 'persons.id', 'residencies.person_id')
      .select(['buildings.name as building', 'units.room', 'persons.name', 'persons.phone'])
      .where('units.compound_id', '=', cy)
      .execute();
    residents.sort((a, b) => `${a.room}${a.phone}`.localeCompare(`${b.room}${b.phone}`));
    expect(residents).toEqual([
      { building: '5', room: '101', name: '吴二', phone: '13911112101' },
      { building: '5', room: '201', name: '陈六', phone: '13911112102' },
      { building: '5', room: '201', name: '褚七', phone: '13911112103' },
    ]);
    // Residents are not owners.
    const owners = await t.deps.db
      .selectFrom('ownerships')
      .innerJoin('persons', 'persons.id', 'ownerships.person_id')
      .select('persons.name')
      .where('persons.name', '=', '吴二')
      .execute();
    expect(owners).toEqual([]);

    // The residents of a unit are replaced like its owners; an empty grid cell keeps the grid.
    const csv = ['楼栋,单元,房号,面积,业主,手机,网格,居民,居民手机', '5,1,101,101.66,周一,13911112001,,蒋九,'].join('\n');
    expect((await post(csv)).data).toMatchObject({ unitsUpdated: 1, residents: 1, buildingGridsChanged: 0 });
    const after = await t.deps.db
      .selectFrom('residencies')
      .innerJoin('persons', 'persons.id', 'residencies.person_id')
      .innerJoin('units', 'units.id', 'residencies.unit_id')
      .select(['units.room', 'persons.name'])
      .where('units.compound_id', '=', cy)
      .execute();
    expect(after.map((r) => `${r.room} ${r.name}`).sort()).toEqual(['101 蒋九', '201 褚七', '201 陈六'].sort());
    const building5 = await t.deps.db
      .selectFrom('buildings')
      .innerJoin('grids', 'grids.id', 'buildings.grid_id')
      .select('grids.name')
      .where('buildings.compound_id', '=', cy)
      .where('buildings.name', '=', '5')
      .executeTakeFirstOrThrow();
    expect(building5.name).toBe('第三网格');
  });

  it('imports Excel’s “Unicode text” export (UTF-16LE with a BOM, tab-separated)', async () => {
    const bytes = unicodeText([
      ['翠苑小区花名册', '', '', '', '', ''],
      ['楼栋', '单元', '房号', '面积(平方米)', '业主', '手机'],
      ['7栋', '1单元', '101', '90.5㎡', '孔十', '13911113001'],
      ['7栋', '1单元', '102', '92', '曹十一、严十二', '13911113002、13911113003'],
    ]);
    const res = await post(bytes, '', 'text/plain');
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ applied: true, rows: 2, unitsCreated: 2, buildingsCreated: 1, personsCreated: 3 });
    const person = await t.deps.db.selectFrom('persons').select('name').where('phone', '=', '13911113003').executeTakeFirst();
    expect(person?.name).toBe('严十二');

    // A mistake in that file is named by its row and column.
    const bad = unicodeText([
      ['翠苑小区花名册'],
      ['楼栋', '单元', '房号', '面积(平方米)', '业主', '手机'],
      ['7栋', '1单元', '103', '九十', '孔十', '13911113001'],
    ]);
    const refused = await post(bad, '', 'text/plain');
    expect(refused.status).toBe(400);
    expect(refusal(refused).problems.map((p) => p.message)).toEqual(['第 3 行 D 列“面积(平方米)”：面积“九十”无效：应为大于 0 的数字，最多两位小数']);
  });

  it('a bad row of a workbook is named by the workbook’s own row number and column letter', async () => {
    const data = [
      [{ value: '翠苑小区业主花名册', span: 6 }, null, null, null, null, null],
      [],
      ['楼栋', '单元', '房号', '建筑面积（㎡）', '业主', '手机'],
      ['8', '1', '101', '95.5㎡', '华十三', '13911114001'],
      ['8', '1', '102', 'abc', '金十四', '1391111'],
    ];
    const res = await post(new Uint8Array(await writeXlsxFile(data).toBuffer()), '', XLSX);
    expect(res.status).toBe(400);
    const body = refusal(res);
    expect(body.message).toBe('花名册有 2 处错误，未导入任何数据');
    expect(body.problems.map((p) => [p.line, p.column, p.heading, p.code])).toEqual([
      [5, 'D', '建筑面积（㎡）', 'roster_bad_area'],
      [5, 'F', '手机', 'roster_bad_phone'],
    ]);
    expect(body.problems[0]?.message).toBe('第 5 行 D 列“建筑面积（㎡）”：面积“abc”无效：应为大于 0 的数字，最多两位小数');
    expect(body.problems[1]?.message).toBe('第 5 行 F 列“手机”：手机号“1391111”无效：应为 11 位数字');
  });

  it('a broken .xlsx is refused with a clear message, never a 500', async () => {
    const random = new Uint8Array(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...random.subarray(4)]);
    for (const bytes of [random, broken, new Uint8Array(0), new TextEncoder().encode('楼栋,房号,面积\n1,101,80\n')]) {
      const res = await post(bytes, '', XLSX);
      expect(res.status).toBe(400);
      const body = refusal(res);
      expect(body.code).toBe('bad_spreadsheet');
      expect(body.message).toContain('不是有效的 Excel 工作簿（.xlsx）');
    }
    // An old .xls sent as text is recognised too.
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...random.subarray(0, 504)]);
    const res = await post(xls, '', 'text/csv');
    expect(res.status).toBe(400);
    expect(refusal(res).message).toContain('.xls');
  });

  it('a workbook that unpacks to far more than it weighs is refused before it is read', async () => {
    const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(80 * 1024 * 1024).fill(0x20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await post(bomb, '', XLSX);
    expect(res.status).toBe(413);
    expect(refusal(res).code).toBe('spreadsheet_too_large');
  });

  it('a phone already registered to someone else is a problem of that row and column', async () => {
    // A person the demo already knows by this phone, under another name.
    const demo = await t.deps.db.selectFrom('persons').select(['name', 'phone']).where('phone', 'is not', null).orderBy('phone').executeTakeFirstOrThrow();
    const csv = ['楼栋,单元,房号,面积,业主,手机,居民,居民手机', `9,1,101,80,柏十五,13911115001,冒名者,${demo.phone}`].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(400);
    const problem = refusal(res).problems[0]!;
    expect([problem.line, problem.column, problem.code]).toEqual([2, 'H', 'roster_phone_taken']);
    expect(problem.message).toBe(`第 2 行 H 列“居民手机”：手机号 ${demo.phone} 已登记在“${demo.name}”名下，与“冒名者”不一致`);
  });
});

describe('roster export', () => {
  it('exports the roster as CSV in the import format', async () => {
    await post(GOOD);
    const res = await t.call('GET', `/api/compounds/${cy}/roster.csv`, { cookie });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有,网格,居民,居民手机\r\n')).toBe(true);
    expect(text).toContain('2,1,101,88.50,登记,钱多多,13911110001,否,,,');
  });

  it('round-trips grids and residents: the export imported again changes nothing', async () => {
    await post(await officeWorkbook(), '', XLSX);
    const exported = await (await t.call('GET', `/api/compounds/${cy}/roster.csv`, { cookie })).text();
    expect(exported).toContain('5,1,101,101.66,登记,周一,13911112001,否,第三网格,吴二,13911112101');
    // Names and phones stay paired by position, whatever order the names come in.
    const row201 = exported
      .split('\r\n')
      .find((line) => line.startsWith('5,1,201,'))!
      .split(',');
    expect(row201.slice(0, 9)).toEqual(['5', '1', '201', '120.05', '登记', '冯五', '13911112004', '否', '第三网格']);
    const pairs = row201[9]!.split('、').map((name, i) => `${name} ${row201[10]!.split('、')[i]}`);
    expect(pairs.sort()).toEqual(['褚七 13911112103', '陈六 13911112102'].sort());
    const res = await post(exported);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ unitsUpdated: 0, unitsCreated: 0, personsCreated: 0, gridsCreated: 0, buildingGridsChanged: 0 });
  });
});
