import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, pageQuerySchema } from './paging.js';
import { errorMessage } from '../i18n/error-messages.js';

describe('keyset paging contract', () => {
  it('a cursor gives back the sort key it was made of, Chinese text and numbers included', () => {
    const key = ['2026-12-02T08:00:00.000Z', 42, null, '台账-甲'];
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it('refuses cursors it did not hand out', () => {
    for (const bad of [
      '',
      'not a cursor',
      '!!!',
      encodeCursor([]),
      'e30',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[{}]').toString('base64url'),
    ]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it('the query: limit defaults, is coerced from text and bounded; a bad cursor or limit names the problem', () => {
    const schema = pageQuerySchema();
    expect(schema.parse({})).toEqual({ limit: PAGE_LIMIT_DEFAULT });
    expect(pageQuerySchema(20).parse({}).limit).toBe(20);
    expect(schema.parse({ limit: '7' }).limit).toBe(7);
    for (const limit of ['0', String(PAGE_LIMIT_MAX + 1), '2.5', 'x']) {
      const result = schema.safeParse({ limit });
      expect(result.success, limit).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('page_limit_invalid');
    }
    expect(schema.safeParse({ after: 'nope!' }).error?.issues[0]?.message).toBe('page_cursor_invalid');
    expect(schema.parse({ after: encodeCursor(['a', 'b']) }).after).toBe(encodeCursor(['a', 'b']));
  });

  it('the words for a bad limit say the maximum the schema enforces', () => {
    expect(errorMessage('page_limit_invalid', 'en')).toContain(`1 to ${PAGE_LIMIT_MAX}`);
    expect(errorMessage('page_limit_invalid', 'zh-CN')).toContain(`1 到 ${PAGE_LIMIT_MAX}`);
  });
});
