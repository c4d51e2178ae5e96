/** What the turnout navigator can refuse, in both languages, with its HTTP status. */
import type { MessageTable } from '../i18n/error-messages.js';

export const navigatorMessages = {
  navigator_no_roll: {
    'zh-CN': '该表决还是草稿，投票人名单尚未冻结，暂时没有可走访的名单',
    en: 'This vote is still a draft: its roll is not frozen yet, so there is nobody to visit',
  },
} as const satisfies MessageTable;

export const navigatorStatuses: Partial<Record<keyof typeof navigatorMessages, number>> = {
  navigator_no_roll: 409,
};
