import { describe, expect, it } from 'vitest';
import { askerNameWithoutBuilding, maskAskerName } from './asker-names.js';

describe('an asker typed in the hall', () => {
  it.each([
    ['3栋 李阿姨', '李阿姨'],
    ['5号楼王先生', '王先生'],
    ['2幢1单元 赵大爷', '赵大爷'],
    ['12号楼 301室，陈女士', '陈女士'],
    ['王建国', '王建国'],
    ['3栋', '3栋'],
  ])('%s is shown beside its building as %s', (typed, shown) => {
    expect(askerNameWithoutBuilding(typed)).toBe(shown);
  });

  it.each([
    ['3栋 李阿姨', '李阿姨'],
    ['王先生', '王先生'],
    ['老王', '老王'],
    ['王建国', '王*'],
    ['3栋 王建国', '王*'],
    ['李红', '李*'],
    ['欧', '欧'],
    ['3栋居民', '居民'],
  ])('%s is shown to the public as %s', (typed, shown) => {
    expect(maskAskerName(typed)).toBe(shown);
  });
});
