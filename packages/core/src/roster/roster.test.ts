import { describe, expect, it } from 'vitest';
import { errorMessage, rosterProblemReason } from '../i18n/error-messages.js';
import { columnLetter, csvRows, parseAreaWithUnit, parseRoster, parseRosterRows, rosterParser, type RosterParseResult, type RosterProblem } from './roster.js';

const header = '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有';

function problemsOf(result: RosterParseResult): RosterProblem[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

function rowsOf(result: RosterParseResult) {
  if (!result.ok) throw new Error(`expected a valid roster, got ${JSON.stringify(result.problems)}`);
  return result.rows;
}

describe('parseRoster', () => {
  it('reads a clean office spreadsheet, with BOM, co-owners and developer units', () => {
    const csv = `\uFEFF${header}\n1栋,1单元,101,89.56,登记,张伟,13800000001,否\n1栋,1单元,102,"112.3",,"李娜、王强","13800000002、13800000003",\n3,2,901,143.20,测绘,,,是\n`;
    const rows = rowsOf(parseRoster(csv));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ line: 2, building: '1', entrance: '1', room: '101', areaCenti: 8956, grid: null, residents: [] });
    expect(rows[1]?.owners).toEqual([
      { name: '李娜', phone: '13800000002' },
      { name: '王强', phone: '13800000003' },
    ]);
    expect(rows[2]).toMatchObject({ developerHeld: true, areaSource: 'surveyed', owners: [] });
  });

  it('accepts alternative headings in any order', () => {
    expect(parseRoster('房号,楼号,建筑面积（平方米）,业主姓名\n501,2,98.00,赵敏\n').ok).toBe(true);
  });

  it('reports every bad row with its row number and column letter, and returns no rows', () => {
    const csv = [
      header,
      '1,1,101,89.56,,张伟,13800000001,否',
      '1,1,102,-3,,李娜,,',
      '1,1,103,90.123,,王强,12345,',
      '1,1,101,80,,赵敏,,',
      ',1,104,80,,钱七,,',
      '1,1,105,80,,,,',
      '1,1,106,80,估算,孙八,,也许',
      '1,1,107,80,,周九,13800000001,',
    ].join('\n');
    const found = problemsOf(parseRoster(csv)).map((p) => `${p.line}:${p.column}:${p.heading}:${p.code}`);
    expect(found).toEqual([
      '3:D:面积:roster_bad_area',
      '4:D:面积:roster_bad_area',
      '4:G:手机:roster_bad_phone',
      '5:C:房号:roster_duplicate_unit',
      '6:A:楼栋:roster_required',
      '7:F:业主:roster_no_owner',
      '8:E:面积类型:roster_bad_area_source',
      '8:H:开发商持有:roster_bad_flag',
      '9:G:手机:roster_phone_name_conflict',
    ]);
  });

  it('names a missing required column on the header row', () => {
    const problems = problemsOf(parseRoster('楼栋,房号\n1,101\n'));
    expect(problems).toEqual([{ line: 1, column: '', heading: '', code: 'roster_missing_column', params: { row: 1, column: '面积' } }]);
    expect(errorMessage(problems[0]!.code, 'zh-CN', problems[0]!.params)).toBe('第 1 行（表头）：缺少必填列“面积”');
  });

  it('says so when no row looks like a header, and when the file is empty', () => {
    expect(problemsOf(parseRoster('都市春天小区花名册\n说明：请勿修改\n'))[0]).toMatchObject({ line: 1, code: 'roster_no_header' });
    expect(problemsOf(parseRoster(''))[0]).toMatchObject({ code: 'roster_file_empty' });
    expect(problemsOf(parseRosterRows([]))[0]).toMatchObject({ code: 'roster_file_empty' });
  });

  it('refuses a file with a header and no rows', () => {
    expect(problemsOf(parseRoster(`${header}\n\n`))[0]).toMatchObject({ line: 1, code: 'roster_empty' });
  });

  it('without an owners column, names the column once instead of refusing every row', () => {
    const problems = problemsOf(parseRoster('楼栋,房号,面积\n1,101,80\n1,102,80\n'));
    expect(problems).toEqual([{ line: 1, column: '', heading: '', code: 'roster_missing_column', params: { row: 1, column: '业主' } }]);
  });
});

describe('the spreadsheets offices really have', () => {
  it('finds the header below title rows; row numbers stay the spreadsheet’s own', () => {
    const rows = [
      ['都市春天小区业主花名册（2026年12月）', '', '', '', ''],
      ['制表：社区居委会', '', '', '', ''],
      ['楼栋', '单元', '房号', '面积', '业主'],
      ['1', '1', '101', '89.56', '张伟'],
      ['1', '1', '102', 'abc', '李娜'],
    ];
    const problems = problemsOf(parseRosterRows(rows));
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([[5, 'D', 'roster_bad_area']]);
    const ok = rowsOf(parseRosterRows(rows.slice(0, 4)));
    expect(ok).toEqual([expect.objectContaining({ line: 4, room: '101', areaCenti: 8956 })]);
  });

  it('looks for the header in the first 10 rows only', () => {
    const titles = Array.from({ length: 10 }, (_, i) => [`说明 ${i + 1}`]);
    expect(problemsOf(parseRosterRows([...titles, ['楼栋', '房号', '面积', '业主'], ['1', '101', '80', '张伟']]))[0]?.code).toBe('roster_no_header');
    expect(parseRosterRows([...titles.slice(1), ['楼栋', '房号', '面积', '业主'], ['1', '101', '80', '张伟']]).ok).toBe(true);
  });

  it.each(['建筑面积（㎡）', '面积(平方米)', '面积（m²）', '专有部分面积(m2)', '建筑面积㎡', '*面积', '面积【平方米】', 'Area (m2)'])(
    'reads the heading %s as the area',
    (heading) => {
      const rows = rowsOf(
        parseRosterRows([
          ['楼栋', '房号', heading, '业主'],
          ['1', '101', '101.66', '张伟'],
        ]),
      );
      expect(rows[0]?.areaCenti).toBe(10166);
    },
  );

  it.each([
    ['101.66㎡', 10166],
    ['101.66 平方米', 10166],
    ['101.66m²', 10166],
    ['101.66 m2', 10166],
    ['98平米', 9800],
    ['１０１．６６', 10166],
    ['1,001.5', 100150],
  ])('reads the area %s exactly', (text, centi) => {
    expect(parseAreaWithUnit(text)).toBe(centi);
    expect(
      rowsOf(
        parseRosterRows([
          ['楼栋', '房号', '面积', '业主'],
          ['1', '101', text, '张伟'],
        ]),
      )[0]?.areaCenti,
    ).toBe(centi);
  });

  it.each(['101.666㎡', '㎡', '101.66 亩', '0㎡', 'abc平方米'])('refuses the area %s', (text) => {
    expect(parseAreaWithUnit(text)).toBeNull();
  });

  it('reads tab-separated text with Chinese headings (Excel’s “Unicode text”)', () => {
    const text =
      '都市春天小区业主花名册\n楼栋\t单元\t房号\t建筑面积（㎡）\t业主\t手机\n1栋\t1单元\t101\t101.66㎡\t张伟、李娜\t13800000001、13800000002\n1栋\t1单元\t102\t"八十八"\t王强\t\n';
    expect(csvRows(text)[1]).toEqual(['楼栋', '单元', '房号', '建筑面积（㎡）', '业主', '手机']);
    const problems = problemsOf(parseRoster(text));
    expect(problems.map((p) => [p.line, p.column, p.heading, p.code])).toEqual([[4, 'D', '建筑面积（㎡）', 'roster_bad_area']]);
    const rows = rowsOf(parseRoster(text.replace('"八十八"', '88.5')));
    expect(rows.map((r) => [r.line, r.building, r.room, r.areaCenti])).toEqual([
      [3, '1', '101', 10166],
      [4, '1', '102', 8850],
    ]);
    expect(rows[0]?.owners).toEqual([
      { name: '张伟', phone: '13800000001' },
      { name: '李娜', phone: '13800000002' },
    ]);
  });

  it('reads phones typed with spaces or dashes', () => {
    const rows = rowsOf(
      parseRosterRows([
        ['楼栋', '房号', '面积', '业主', '手机'],
        ['1', '101', '80', '张伟', '138-0000-0001'],
      ]),
    );
    expect(rows[0]?.owners).toEqual([{ name: '张伟', phone: '13800000001' }]);
  });

  it('matches phones to names by position, an empty place meaning no phone', () => {
    const rows = rowsOf(
      parseRosterRows([
        ['楼栋', '房号', '面积', '业主', '手机'],
        ['1', '101', '80', '张伟、李娜', '、13800000002'],
      ]),
    );
    expect(rows[0]?.owners).toEqual([
      { name: '张伟', phone: null },
      { name: '李娜', phone: '13800000002' },
    ]);
  });

  it('refuses a phone without a name instead of dropping it', () => {
    const problems = problemsOf(
      parseRosterRows([
        ['楼栋', '房号', '面积', '业主', '手机'],
        ['1', '101', '80', '张伟', '13800000001、13800000002'],
      ]),
    );
    expect(problems.map((p) => [p.line, p.column, p.code, p.params.value])).toEqual([[2, 'E', 'roster_phone_without_name', '13800000002']]);
  });

  it('finds columns past Z by their letters', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const wide = Array.from({ length: 27 }, (_, i) => `备注${i}`);
    wide[0] = '楼栋';
    wide[1] = '房号';
    wide[2] = '业主';
    wide[26] = '面积';
    const cells = Array.from({ length: 27 }, () => '');
    cells[0] = '1';
    cells[1] = '101';
    cells[2] = '张伟';
    cells[26] = '八十';
    expect(problemsOf(parseRosterRows([wide, cells])).map((p) => [p.column, p.heading])).toEqual([['AA', '面积']]);
  });
});

describe('grid and resident columns', () => {
  const head = ['楼栋', '单元', '房号', '面积', '业主', '手机', '开发商持有', '所属网格', '租户', '租户手机'];

  it('reads the building’s grid and the unit’s residents', () => {
    const rows = rowsOf(
      parseRosterRows([
        head,
        ['1', '1', '101', '80', '张伟', '13800000001', '否', '第一网格', '刘洋、陈静', '13900000001、13900000002'],
        ['1', '1', '102', '80', '', '', '是', '', '周强', ''],
        ['2', '1', '101', '80', '李娜', '', '', '第二网格', '', ''],
      ]),
    );
    expect(rows.map((r) => [r.building, r.room, r.grid])).toEqual([
      ['1', '101', '第一网格'],
      ['1', '102', null],
      ['2', '101', '第二网格'],
    ]);
    expect(rows[0]?.residents).toEqual([
      { name: '刘洋', phone: '13900000001' },
      { name: '陈静', phone: '13900000002' },
    ]);
    // A unit the developer holds may have residents.
    expect(rows[1]).toMatchObject({ developerHeld: true, owners: [], residents: [{ name: '周强', phone: null }] });
  });

  it.each([
    ['网格', '居民', '居民手机'],
    ['grid', 'Residents', 'Resident phone'],
    ['网格名称', '住户', '住户手机'],
  ])('recognises the headings %s, %s, %s', (grid, residents, phones) => {
    const rows = rowsOf(
      parseRosterRows([
        ['楼栋', '房号', '面积', '业主', grid, residents, phones],
        ['1', '101', '80', '张伟', '第一网格', '刘洋', '13900000001'],
      ]),
    );
    expect(rows[0]).toMatchObject({ grid: '第一网格', residents: [{ name: '刘洋', phone: '13900000001' }] });
  });

  it('refuses rows of one building naming different grids, at the grid cell', () => {
    const problems = problemsOf(
      parseRosterRows([
        ['花名册'],
        head,
        ['1', '1', '101', '80', '张伟', '', '', '第一网格', '', ''],
        ['1', '1', '102', '80', '李娜', '', '', '', '', ''],
        ['1', '2', '101', '80', '王强', '', '', '第二网格', '', ''],
      ]),
    );
    expect(problems.map((p) => [p.line, p.column, p.heading, p.code, p.params.otherRow, p.params.grid])).toEqual([
      [5, 'H', '所属网格', 'roster_grid_conflict', 3, '第一网格'],
    ]);
    expect(errorMessage('roster_grid_conflict', 'zh-CN', problems[0]!.params)).toBe(
      '第 5 行 H 列“所属网格”：同一楼栋只能属于一个网格：第 3 行写的是“第一网格”',
    );
  });

  it('checks residents’ phones like owners’, across both columns', () => {
    const problems = problemsOf(
      parseRosterRows([
        head,
        ['1', '1', '101', '80', '张伟', '13800000001', '', '', '刘洋', '123'],
        ['1', '1', '102', '80', '李娜', '', '', '', '王强', '13800000001'],
      ]),
    );
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'J', 'roster_bad_phone'],
      [3, 'J', 'roster_phone_name_conflict'],
    ]);
  });

  it('the same person may own one unit and live in another', () => {
    expect(
      parseRosterRows([
        head,
        ['1', '1', '101', '80', '张伟', '13800000001', '', '', '', ''],
        ['1', '1', '102', '80', '李娜', '', '', '', '张伟', '13800000001'],
      ]).ok,
    ).toBe(true);
  });
});

describe('every problem says where, in the spreadsheet’s terms', () => {
  const sheet = [
    ['都市春天小区业主花名册（2026年12月）'],
    ['楼栋', '单元', '房号', '建筑面积（㎡）', '面积类型', '业主', '手机', '开发商持有', '网格', '居民', '居民手机'],
    ['1', '1', '101', '89.56', '', '张伟', '13800000001', '否', '第一网格', '', ''],
    ['1', '1', '102', 'abc', '估算', '', '12345', '也许', '第二网格', '刘洋', '139'],
    ['', '1', '101', '', '', '李娜', '', '', '', '', ''],
    ['1', '1', '101', '80', '', '赵敏', '', '是', '', '', ''],
    ['1', '1', '103', '80', '', '王强', '13800000001', '', '', `${'很'.repeat(31)}`, ''],
  ];

  it('every problem has the row number and the column letter, and its message names them in Chinese and English', () => {
    const problems = problemsOf(parseRosterRows(sheet));
    expect(problems.length).toBeGreaterThanOrEqual(10);
    for (const p of problems) {
      expect(p.line).toBeGreaterThanOrEqual(3);
      expect(p.column).toMatch(/^[A-K]$/);
      expect(p.heading).toBe(sheet[1]![p.column.charCodeAt(0) - 65]);
      expect(errorMessage(p.code, 'zh-CN', p.params)).toMatch(new RegExp(`^第 ${p.line} 行 ${p.column} 列“${p.heading.replace(/[()（）]/g, '.')}”：`));
      expect(errorMessage(p.code, 'en', p.params)).toMatch(new RegExp(`^Row ${p.line}, column ${p.column} "`));
      expect(errorMessage(p.code, 'zh-CN', p.params)).not.toMatch(/\{\w+\}/);
      expect(errorMessage(p.code, 'en', p.params)).not.toMatch(/\{\w+\}/);
    }
    const area = problems.find((p) => p.code === 'roster_bad_area')!;
    expect(errorMessage(area.code, 'zh-CN', area.params)).toBe('第 4 行 D 列“建筑面积（㎡）”：面积“abc”无效：应为大于 0 的数字，最多两位小数');
    expect(errorMessage(area.code, 'en', area.params)).toBe(
      'Row 4, column D "建筑面积（㎡）": Area "abc" is invalid: use a number above 0 with at most two decimals',
    );
    expect(rosterProblemReason(area.code, 'zh-CN', area.params)).toBe('面积“abc”无效：应为大于 0 的数字，最多两位小数');
    const codes = new Set(problems.map((p) => p.code));
    for (const code of [
      'roster_bad_area',
      'roster_bad_area_source',
      'roster_bad_phone',
      'roster_bad_flag',
      'roster_grid_conflict',
      'roster_required',
      'roster_duplicate_unit',
      'roster_owner_conflict',
      'roster_phone_name_conflict',
      'roster_too_long',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('the duplicate names the earlier row', () => {
    const duplicate = problemsOf(parseRosterRows(sheet)).find((p) => p.code === 'roster_duplicate_unit')!;
    expect(errorMessage(duplicate.code, 'zh-CN', duplicate.params)).toBe('第 6 行 C 列“房号”：与第 3 行是同一套房屋');
  });
});

describe('reading a roster a few rows at a time', () => {
  const sheet = [
    ['楼栋', '单元', '房号', '面积', '业主', '手机'],
    ...Array.from({ length: 25 }, (_, i) => ['1', '1', `${101 + i}`, '89.56', `业主${i}`, `138${String(i).padStart(8, '0')}`]),
  ];

  it('steps through every row, counting, to the same outcome as reading it at once', () => {
    const parser = rosterParser(sheet);
    expect(parser.total).toBe(25);
    const seen: number[] = [];
    while (!parser.step(10)) seen.push(parser.done);
    expect(seen).toEqual([10, 20]);
    expect(parser.done).toBe(25);
    expect(parser.result()).toEqual(parseRosterRows(sheet));
  });

  it('refuses to answer before the last step', () => {
    const parser = rosterParser(sheet);
    parser.step(5);
    expect(() => parser.result()).toThrow(/before the last step/);
  });

  it('a file without a header is decided at once', () => {
    const parser = rosterParser([['名字'], ['张三']]);
    expect(parser.step(1)).toBe(true);
    expect(parser.result().ok).toBe(false);
  });
});
