/** Small pieces of wording the vote and proposal pages share, in the reader's language: the colon after a label ("表决规则：" / "Rule: "), a remark in brackets, and when a vote opens or closes. */
import type { VoteSummary } from '@yishi/core';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

/** The colon after a label: full-width in Chinese, ": " in English. */
export function colon(): string {
  return currentLocale() === 'en' ? ': ' : '：';
}

/** A remark in brackets: full-width in Chinese, "(…)" with a space before it in English. */
export function bracketed(text: string): string {
  return currentLocale() === 'en' ? ` (${text})` : `（${text}）`;
}

/** The time that matters now: when it closed; when voting opens (announced, not open yet: its close is far off); else when it closes. */
export function voteWhen(v: Pick<VoteSummary, 'status' | 'opensAt' | 'closesAt' | 'closedAt'>): string {
  if (v.status === 'closed') return t('votes.closedAt', { time: formatDateTime(v.closedAt ?? v.closesAt) });
  if (v.status === 'announced' && v.opensAt) return t('votes.opensAtThenCloses', { opens: formatDateTime(v.opensAt), closes: formatDateTime(v.closesAt) });
  return t('votes.closesAt', { time: formatDateTime(v.closesAt) });
}
