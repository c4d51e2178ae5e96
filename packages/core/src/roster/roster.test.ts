import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster.js';

const header = '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有';

describe('parseRoster', () => {
  it('reads a clean office spreadsheet, with BOM, co-owners and developer units', () => {
    const csv = `\uFEFF${header}\n1栋,1单元,101,89.56,登记,张伟,13800000001,否\n1栋,1单元,102,"112.3",,"李娜、王强","13800000002、13800000003",\n3,2,901,143.20,测绘,,,是\n`;
    const result = parseRoster(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(3);
    expect(result.rows[0]).toMatchObject({ line: 2, building: '1', entrance: '1', room: '101', areaCenti: 8956 });
    expect(result.rows[1]?.owners).toEqual([
      { name: '李娜', phone: '13800000002' },
      { name: '王强', phone: '13800000003' },
    ]);
    expect(result.rows[2]).toMatchObject({ developerHeld: true, areaSource: 'surveyed', owners: [] });
  });

  it('accepts alternative headings in any order', () => {
    const result = parseRoster('房号,楼号,建筑面积（平方米）,业主姓名\n501,2,98.00,赵敏\n');
    expect(result.ok).toBe(true);
  });

  it('reports every bad row with its line and column, and returns no rows', () => {
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
    const result = parseRoster(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map((p) => `${p.line}:${p.column}:${p.code}`);
    expect(found).toEqual([
      '3:面积:roster_bad_area',
      '4:面积:roster_bad_area',
      '4:手机:roster_bad_phone',
      '5:房号:roster_duplicate_unit',
      '6:楼栋:roster_required',
      '7:业主:roster_no_owner',
      '8:面积类型:roster_bad_area_source',
      '8:开发商持有:roster_bad_flag',
      '9:手机:roster_phone_name_conflict',
    ]);
  });

  it('names a missing required column', () => {
    const result = parseRoster('楼栋,房号\n1,101\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 1, column: '面积', code: 'roster_missing_column', params: { column: '面积' } },
    ]);
  });

  it('refuses a file with a header and no rows', () => {
    const result = parseRoster(`${header}\n\n`);
    expect(result.ok).toBe(false);
  });
});
