/**
 * Small pieces of wording the vote and proposal pages share, in the reader's language: the colon
 * after a label ("表决规则：" / "Rule: "), and pass/fail said in words with a glyph (never by colour
 * alone).
 */
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

/** The colon after a label: full-width in Chinese, ": " in English. */
export function colon(): string {
  return currentLocale() === 'en' ? ': ' : '：';
}

/** ✓ 通过 / ✗ 未通过. */
export function verdictWords(passed: boolean): string {
  return passed ? `✓ ${t('votes.passed')}` : `✗ ${t('votes.failed')}`;
}
