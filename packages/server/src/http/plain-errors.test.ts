import { createRollObjectionSchema } from '@yishi/core';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { plainErrorMap } from './plain-errors.js';

function messages(schema: z.ZodType, value: unknown, locale: 'zh-CN' | 'en'): Record<string, string> {
  const result = schema.safeParse(value, { error: plainErrorMap(locale) });
  if (result.success) throw new Error('expected a refusal');
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('plain words for a refused field', () => {
  const form = z.object({
    name: z.string().trim().min(1),
    note: z.string().min(2).max(5),
    count: z.number().int().min(1).max(10),
    share: z.number().positive(),
    units: z.array(z.string()).min(1).max(2),
    kind: z.enum(['a', 'b']),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    day: z.iso.date().optional(),
  });

  test('in Chinese: missing, empty, too short or long, out of range; zod says the rest', () => {
    expect(messages(form, { name: '  ', note: 'x', count: 0, share: 0, units: [], kind: 'c', startsAt: '', day: '2026-13-40' }, 'zh-CN')).toEqual({
      name: '不能为空',
      startsAt: '不能为空',
      day: '不是有效的日期（例如 2026-12-07）',
      note: '至少 2 个字',
      count: '不能小于 1',
      share: '必须大于 0',
      units: '至少选一项',
      kind: expect.stringContaining('"a"'),
    });
    expect(messages(form, { note: 'xxxxxx', count: 11, share: 1, units: ['a', 'b', 'c'], kind: 'a' }, 'zh-CN')).toEqual({
      name: '必须填写',
      note: '最多 5 个字',
      count: '不能大于 10',
      units: '最多 2 项',
    });
  });

  test('a text field left empty is said to be empty, not too short', () => {
    expect(messages(form, { name: 'x', note: 'x', count: 1, share: 1, units: ['a'], kind: 'a' }, 'zh-CN')).toEqual({ note: '至少 2 个字' });
    expect(messages(form.extend({ note: z.string().trim().min(2) }), { name: 'x', note: '   ', count: 1, share: 1, units: ['a'], kind: 'a' }, 'zh-CN')).toEqual(
      {
        note: '不能为空',
      },
    );
  });

  test('in English', () => {
    expect(messages(form, { name: '', note: 'xxxxxx', count: 0, share: 1, units: [], kind: 'a', startsAt: '2026-12-06 20:00', day: '20th' }, 'en')).toEqual({
      name: 'must not be empty',
      startsAt: 'is not a valid date and time',
      day: 'is not a valid date (for example 2026-12-07)',
      note: 'allows at most 5 characters',
      count: 'must be at least 1',
      units: 'choose at least one',
    });
  });

  test("a schema's own error code is kept, for the route to put in words from core's table", () => {
    expect(messages(createRollObjectionSchema, { voterKey: 'u1', kind: 'area_wrong', text: ' ' }, 'zh-CN')).toEqual({ text: 'objection_text_required' });
  });
});
