/** What the statutory timeline can refuse, in both languages, with its HTTP status. */
import type { MessageTable } from '../i18n/error-messages.js';

export const timelineMessages = {
  vote_notice_period: {
    'zh-CN': '业主大会表决须在投票通知公告满 {days} 日后方可开始投票（《物业管理条例》第十四条）；最早可于 {earliest} 开始投票',
    en: "An owners'-assembly vote opens no sooner than {days} days after its voting notice (Property Management Regulations, art. 14); it can open from {earliest} (Beijing time)",
  },
  vote_needs_announcement: {
    'zh-CN': '业主大会表决须先发布投票通知公告（公告满 {days} 日后方可开始投票），不能直接开始',
    en: "An owners'-assembly vote must first publish its voting notice (voting opens {days} days later); it cannot open directly",
  },
  vote_roll_check_running: {
    'zh-CN': '名册核对期至 {until} 结束，结束后方可开始投票',
    en: 'The roll check runs until {until} (Beijing time); voting can open after it',
  },
  vote_not_statutory: {
    'zh-CN': '该表决不是业主大会法定表决事项，无需发布投票通知公告，可直接开始',
    en: "This vote is not an owners'-assembly matter: it needs no voting notice and opens directly",
  },
  vote_extend_not_later: {
    'zh-CN': '延期后的截止时间须晚于原截止时间 {closesAt}',
    en: 'The new closing time must be later than the current one, {closesAt} (Beijing time)',
  },
  vote_extend_reason: {
    'zh-CN': '请写明延期理由（至少 4 个字），理由会随延期公示一起公布',
    en: 'Give the reason for the extension (at least 4 characters); it is published with the notice',
  },
  vote_not_preliminary: {
    'zh-CN': '该表决没有待确认的初步结果，不能公布最终结果',
    en: 'This vote has no preliminary result waiting, so there is no final result to publish',
  },
  vote_objection_window: {
    'zh-CN': '询异期至 {until} 结束，期满后方可公布最终结果',
    en: 'The dispute window runs until {until} (Beijing time); the final result can be published after it',
  },
  vote_open_disputes: {
    'zh-CN': '尚有 {count} 件询异未处理完毕，处理后方可公布最终结果',
    en: '{count} disputes are still open; the final result can be published once they are resolved',
  },
} as const satisfies MessageTable;

export const timelineStatuses: Partial<Record<keyof typeof timelineMessages, number>> = {
  vote_notice_period: 409,
  vote_needs_announcement: 409,
  vote_roll_check_running: 409,
  vote_not_statutory: 409,
  vote_extend_not_later: 400,
  vote_extend_reason: 400,
  vote_not_preliminary: 409,
  vote_objection_window: 409,
  vote_open_disputes: 409,
};
