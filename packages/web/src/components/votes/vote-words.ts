/** Small pieces of wording the vote and proposal pages share, in the reader's language: the colon after a label ("表决规则：" / "Rule: ") and a remark in brackets. */
import { currentLocale } from '../../state/preferences.js';

/** The colon after a label: full-width in Chinese, ": " in English. */
export function colon(): string {
  return currentLocale() === 'en' ? ': ' : '：';
}

/** A remark in brackets: full-width in Chinese, "(…)" with a space before it in English. */
export function bracketed(text: string): string {
  return currentLocale() === 'en' ? ` (${text})` : `（${text}）`;
}
