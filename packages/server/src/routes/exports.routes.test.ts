/**
 * Every export a spreadsheet opens — roster.csv, the vote roll, the ledger as CSV and XLSX, the
 * dashboard workbook — with a resident's or an office's text that a spreadsheet would run as a
 * formula: it arrives as text, never as a formula. The ledger says what its codes mean; the workbooks
 * hold dates as dates and rates as numbers with a % format (read back with read-excel-file).
 */
import { actionItemEndpoints, dashboardEndpoints, endpointUrl, placeEndpoints, rosterEndpoints, voteEndpoints } from '@yishi/core';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const ATTACK = "=cmd|' /C calc'!A0";
let t: TestApp;
let cy: string;
let staff: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => new Date('2026-11-16T02:00:00.000Z') });
  cy = await t.compoundId('CY');
  staff = await t.login('cuiyuan');
});
afterEach(() => t.close());

/** What a spreadsheet reads from a CSV download: the BOM, then cells (quotes handled as Excel does). */
async function csvCells(path: string): Promise<string[][]> {
  const res = await t.call('GET', path, { cookie: staff });
  expect(res.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
}

/** No cell of the file starts as a formula would; the attack is there, behind an apostrophe. */
function expectNeutralised(cells: string[][], attack = ATTACK): void {
  for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  expect(cells.flat().some((cell) => cell.startsWith(`'${attack}`))).toBe(true);
}

async function download(path: string, cookie = staff): Promise<Buffer> {
  const res = await t.call('GET', path, { cookie });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A cell read back as a date (read-excel-file makes a Date of a number with a date format). */
function dateIn(cell: unknown): string {
  expect(cell).toBeInstanceOf(Date);
  return (cell as Date).toISOString();
}

/** The workbook's XML: no sheet holds a formula (<f>), and text cells carry the Text (@) format. */
function expectNoFormulas(xlsx: Uint8Array): { styles: string; sheets: string[] } {
  const files = unzipSync(xlsx);
  const sheets = Object.keys(files)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .map((name) => strFromU8(files[name]!));
  expect(sheets.length).toBeGreaterThan(0);
  for (const sheet of sheets) expect(sheet).not.toMatch(/<f[ >]/);
  return { styles: strFromU8(files['xl/styles.xml']!), sheets };
}

describe('CSV exports', () => {
  it('roster.csv and the vote roll write a formula-like building and owner as text', async () => {
    const roster = [
      '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有',
      `${ATTACK},1,101,88.50,登记,-1+2,13911110001,否`,
      `${ATTACK},1,102,96.25,登记,@SUM(A1),13911110002,否`,
    ];
    const imported = await t.app.request(`/api/compounds/${cy}/roster`, {
      method: 'POST',
      headers: { cookie: staff, 'content-type': 'text/csv; charset=utf-8' },
      body: roster.join('\r\n'),
    });
    expect(imported.status).toBe(200);

    // Named as the office files it: the compound and the day in China (10:00 on 16 November), not an internal id.
    const named = await t.call('GET', endpointUrl(rosterEndpoints.csv, { params: { compoundId: cy } }), { cookie: staff });
    const compound = await t.deps.db.selectFrom('compounds').select(['name', 'code']).where('id', '=', cy).executeTakeFirstOrThrow();
    expect(named.headers.get('content-disposition')).toBe(
      `attachment; filename="roster-${compound.code}-2026-11-16.csv"; filename*=UTF-8''${encodeURIComponent(`${compound.name}花名册-2026-11-16`)}.csv`,
    );
    const rosterCells = await csvCells(endpointUrl(rosterEndpoints.csv, { params: { compoundId: cy } }));
    expectNeutralised(rosterCells);
    const owners = rosterCells.map((row) => row[5]);
    expect(owners).toContain("'-1+2");
    expect(owners).toContain("'@SUM(A1)");

    const vote = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: cy },
      body: { title: '是否同意加装门禁', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: '2026-11-20T02:00:00.000Z' },
    });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: vote.id } });
    const roll = await csvCells(endpointUrl(voteEndpoints.rollCsv, { params: { voteId: vote.id } }));
    expect(roll[0]![0]).toBe('房屋');
    expectNeutralised(roll);
  });
});

describe('the ledger exports', () => {
  beforeEach(async () => {
    const { id } = await t.ok(actionItemEndpoints.create, {
      cookie: staff,
      params: { compoundId: cy },
      body: { title: ATTACK, source: { kind: 'proposal' }, responsibleUnit: 'property_manager' },
    });
    await t.ok(actionItemEndpoints.resolve, { cookie: staff, params: { itemId: id }, body: { evidence: '已处理' } });
    // Checked and signed off by the community's staff, not by the station chief who resolved it.
    await t.ok(actionItemEndpoints.signOff, { cookie: await t.login('shequ'), params: { itemId: id }, body: { resolution: '+1 已办结' } });
  });

  it('ledger.csv: the title as text, the source and the responsible unit in words on every row', async () => {
    const cells = await csvCells(`/api/compounds/${cy}/ledger.csv`);
    expectNeutralised(cells);
    const [header, listed, signedOff] = cells;
    const column = (name: string) => header!.indexOf(name);
    expect(listed![column('来源')]).toBe('通过的提案');
    expect(signedOff![column('来源')]).toBe('通过的提案');
    expect(listed![column('责任单位')]).toBe('物业企业');
    expect(signedOff![column('责任单位')]).toBe('物业企业');
    expect(signedOff![column('办理结果')]).toBe("'+1 已办结");
    expect(cells.flat()).not.toContain('property_manager');
  });

  it('ledger.xlsx: text cells, never formulas; the due date and the time are date cells', async () => {
    const bytes = await download(`/api/compounds/${cy}/ledger.xlsx`);
    const { styles } = expectNoFormulas(bytes);
    expect(styles).toContain('formatCode="yyyy-mm-dd"');
    const [sheet] = await readXlsxFile(bytes);
    const [header, listed, signedOff] = sheet!.data;
    const column = (name: string) => header!.indexOf(name);
    // The text exactly as written (a text cell needs no apostrophe), and the labels.
    expect(listed![column('整改事项')]).toBe(ATTACK);
    expect(signedOff![column('办理结果')]).toBe('+1 已办结');
    expect(listed![column('来源')]).toBe('通过的提案');
    expect(signedOff![column('责任单位')]).toBe('物业企业');
    expect(listed![column('序号')]).toBe(1);
    // Listed on Monday 2026-11-16: five working days later is Monday 2026-11-23.
    expect(dateIn(listed![column('截止日期')])).toBe('2026-11-23T00:00:00.000Z');
    // 02:00 UTC is 10:00 in China: the cell shows the China time.
    expect(dateIn(signedOff![column('记录时间')])).toBe('2026-11-16T10:00:00.000Z');
  });
});

describe('the dashboard workbook', () => {
  it('holds an office-written compound name as text, the period as dates and every rate as a number with a % format', async () => {
    await t.ok(placeEndpoints.changeCompound, { cookie: await t.login('jiedao'), params: { compoundId: cy }, body: { name: ATTACK } });
    const communityId = (await t.deps.db.selectFrom('compounds').select('community_id').where('id', '=', cy).executeTakeFirstOrThrow()).community_id;
    const bytes = await download(endpointUrl(dashboardEndpoints.xlsx, { query: { scope: 'community', id: communityId } }), await t.login('shequ'));
    const { styles } = expectNoFormulas(bytes);
    expect(styles).toContain('formatCode="0.0%"');
    const [totals, perCompound, perMonth] = await readXlsxFile(bytes);

    expect(totals!.data[0]![1]).toBeInstanceOf(Date);
    expect(totals!.data[1]![1]).toBeInstanceOf(Date);
    const figure = (label: string) => totals!.data.find((row) => row[0] === label)?.[1];
    const rate = figure('纪要按时公示率');
    expect(typeof rate).toBe('number');
    expect(rate).toBeGreaterThanOrEqual(0);
    expect(rate).toBeLessThanOrEqual(1);
    expect(typeof figure('居民提出问题（个）')).toBe('number');

    expect(perCompound!.data.map((row) => row[0])).toContain(ATTACK);
    expect(perMonth!.data[1]![0]).toBeInstanceOf(Date);
    expect(typeof perMonth!.data[1]![1]).toBe('number');
  });
});
