import { compareLabels } from '@yishi/core';
import { describe, expect, it } from 'vitest';
import { gridSortKey, naturalKey, unitSortKey } from './natural-key.js';

/** Byte order, as the databases compare the keys (SQLite's binary collation, PostgreSQL's "C"). */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const inKeyOrder = (labels: string[]) => [...labels].sort((a, b) => byBytes(naturalKey(a), naturalKey(b)));

describe('naturalKey', () => {
  it('orders numbers as numbers', () => {
    expect(inKeyOrder(['1001', '201', '102', '101', '2', '10'])).toEqual(['2', '10', '101', '102', '201', '1001']);
    expect(inKeyOrder(['10栋', '2栋', '1栋'])).toEqual(['1栋', '2栋', '10栋']);
    expect(inKeyOrder(['12单元', '3单元'])).toEqual(['3单元', '12单元']);
  });

  it('compares numbers inside text, and up to ten digits', () => {
    expect(inKeyOrder(['A座10', 'A座9', 'B座1', 'A座'])).toEqual(['A座', 'A座9', 'A座10', 'B座1']);
    expect(inKeyOrder(['9999999999', '999999999', '1000000000'])).toEqual(['999999999', '1000000000', '9999999999']);
  });

  // Where the two part: compareLabels puts Chinese before Latin letters and Chinese by pinyin; the keys
  // compare code points (Latin first, Chinese by Unicode). Numbers, which is what roster labels vary in, agree.
  it('agrees with the order the pages sort labels in (core compareLabels) on roster-like labels', () => {
    const labels = ['10', '2', '1', '1A', '1B', '3-1', '3-12', '3-2', '东区1栋', '东区12栋', '东区2栋', '', '0', '1001', '101', '12号楼', '2号楼'];
    expect(inKeyOrder(labels)).toEqual([...labels].sort(compareLabels));
  });

  it('folds full-width digits and letter case, drops spaces and leading zeros', () => {
    expect(naturalKey('１０栋')).toBe(naturalKey('10栋'));
    expect(naturalKey('a座')).toBe(naturalKey('A座'));
    expect(naturalKey(' 0101 ')).toBe(naturalKey('101'));
    expect(naturalKey('10栋')).toBe('0000000010栋');
    expect(naturalKey('0')).toBe('0000000000');
  });
});

describe('unitSortKey', () => {
  it('orders by building, then entrance, then room, each naturally', () => {
    const units: Array<[string, string, string]> = [
      ['10', '1', '101'],
      ['2', '1', '1001'],
      ['2', '12', '101'],
      ['2', '3', '201'],
      ['2', '3', '101'],
      ['2', '', '101'],
      ['2A', '1', '101'],
      ['1', '1', '102'],
    ];
    const sorted = [...units].sort((a, b) => byBytes(unitSortKey(...a), unitSortKey(...b)));
    expect(sorted).toEqual([
      ['1', '1', '102'],
      ['2', '', '101'],
      ['2', '1', '1001'],
      ['2', '3', '101'],
      ['2', '3', '201'],
      ['2', '12', '101'],
      ['2A', '1', '101'],
      ['10', '1', '101'],
    ]);
  });
});

describe('gridSortKey', () => {
  const inGridOrder = (names: string[]) => [...names].sort((a, b) => byBytes(gridSortKey(a), gridSortKey(b)));

  it('reads Chinese numerals as numbers: 第二网格 before 第十网格 before 第十二网格', () => {
    const names = ['第十二网格', '第十网格', '第二网格', '第三网格', '第一网格', '第二十一网格', '第九网格'];
    expect(inGridOrder(names)).toEqual(['第一网格', '第二网格', '第三网格', '第九网格', '第十网格', '第十二网格', '第二十一网格']);
    expect(gridSortKey('第十二网格')).toBe(gridSortKey('第12网格'));
    expect(gridSortKey('一百零五网格')).toBe(gridSortKey('105网格'));
    // Without 十, 百 or 千 the numerals are read digit by digit.
    expect(gridSortKey('二〇二六')).toBe(gridSortKey('2026'));
  });

  it('orders grids named with digits, or mixed, as numbers too', () => {
    expect(inGridOrder(['10网格', '2网格', '第三网格', '1网格'])).toEqual(['1网格', '2网格', '10网格', '第三网格']);
  });
});
