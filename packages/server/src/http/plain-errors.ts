/**
 * The words a refused field gets when its schema names no error code of its own: zod's messages
 * are for developers ("数值过小：期望 string >=1 字符", "Too small: expected string to have >=1
 * characters"), so the common problems — a field missing or left empty, text too short or too long,
 * a number or a list out of range, a date, or a date and time, left empty or not one — are said plainly, in the
 * caller's language, the way a form would say them under the field. Anything else falls back to
 * zod's own locale.
 */
import { z } from 'zod';
import type { Locale } from '@yishi/core';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const WORDS = {
  'zh-CN': {
    required: '必须填写',
    empty: '不能为空',
    minText: '至少 {n} 个字',
    maxText: '最多 {n} 个字',
    minNumber: '不能小于 {n}',
    aboveNumber: '必须大于 {n}',
    maxNumber: '不能大于 {n}',
    belowNumber: '必须小于 {n}',
    oneOfList: '至少选一项',
    minList: '至少选 {n} 项',
    maxList: '最多 {n} 项',
    notDateTime: '不是有效的日期和时间',
    notDate: '不是有效的日期（例如 2026-12-07）',
  },
  en: {
    required: 'is required',
    empty: 'must not be empty',
    minText: 'needs at least {n} characters',
    maxText: 'allows at most {n} characters',
    minNumber: 'must be at least {n}',
    aboveNumber: 'must be more than {n}',
    maxNumber: 'must be at most {n}',
    belowNumber: 'must be less than {n}',
    oneOfList: 'choose at least one',
    minList: 'needs at least {n} items',
    maxList: 'allows at most {n} items',
    notDateTime: 'is not a valid date and time',
    notDate: 'is not a valid date (for example 2026-12-07)',
  },
} as const satisfies Record<Locale, Record<string, string>>;

function plainWords(issue: Issue, locale: Locale): string | undefined {
  const words = WORDS[locale];
  const say = (key: keyof typeof words, n?: number | bigint) => words[key].replace('{n}', String(n));
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? words.required : undefined;
    case 'too_small': {
      const n = issue.minimum;
      // Nothing typed is said as such, whatever the least length.
      if (issue.origin === 'string') return Number(n) <= 1 || issue.input === '' ? words.empty : say('minText', n);
      if (issue.origin === 'array' || issue.origin === 'set') return Number(n) <= 1 ? words.oneOfList : say('minList', n);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return say(issue.inclusive === false ? 'aboveNumber' : 'minNumber', n);
      return undefined;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return say('maxText', n);
      if (issue.origin === 'array' || issue.origin === 'set') return say('maxList', n);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return say(issue.inclusive === false ? 'belowNumber' : 'maxNumber', n);
      return undefined;
    }
    case 'invalid_format':
      // A field left empty fails its format first (an empty datetime-local sends '').
      if (issue.input === '') return words.empty;
      if (issue.format === 'date') return words.notDate;
      return issue.format === 'datetime' ? words.notDateTime : undefined;
    default:
      return undefined;
  }
}

const fallback = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;
const maps = Object.fromEntries(
  (['zh-CN', 'en'] as const).map((locale) => [locale, ((issue: Issue) => plainWords(issue, locale) ?? fallback[locale](issue)) as z.core.$ZodErrorMap]),
) as Record<Locale, z.core.$ZodErrorMap>;

/** The error map for parsing a request from a reader of `locale`. */
export function plainErrorMap(locale: Locale): z.core.$ZodErrorMap {
  return maps[locale];
}
