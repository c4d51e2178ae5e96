import type { Locale } from '../i18n/locale.js';

/** The fixed options of a yes/no vote, in the order a ballot shows them. */
export const YES_NO_OPTIONS: ReadonlyArray<{ id: 'yes' | 'no' | 'abstain'; label: Record<Locale, string> }> = [
  { id: 'yes', label: { 'zh-CN': '同意', en: 'Yes' } },
  { id: 'no', label: { 'zh-CN': '反对', en: 'No' } },
  { id: 'abstain', label: { 'zh-CN': '弃权', en: 'Abstain' } },
];
