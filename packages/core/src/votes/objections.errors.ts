/** What the roll check's objections and the 询异 disputes can refuse, in both languages, with its HTTP status. */
import type { MessageTable } from '../i18n/error-messages.js';

export const objectionMessages = {
  // A field left empty (the schemas' own messages, said under the field).
  objection_text_required: {
    'zh-CN': '请写下您的情况说明，例如哪里不对、您记得的情况',
    en: 'Please say what is wrong, for example what you remember',
  },
  objection_reason_required: {
    'zh-CN': '请写明处理理由，申请人会看到这段话',
    en: 'Please give the reason; the person who raised it will read it',
  },
  receipt_code_required: {
    'zh-CN': '请输入回执码：12 位字母和数字，投票完成时显示过',
    en: 'Please type the receipt code: the 12 letters and digits shown when the ballot was cast',
  },
  roll_check_not_open: {
    'zh-CN': '该表决当前不在名册核对期，不能对名册提出更正',
    en: 'The roll of this vote is not published for checking now, so no correction can be raised',
  },
  roll_check_owners_only: {
    'zh-CN': '按人参与的居民征询不公示名册（名册上是居民姓名），只有业主表决公示名册',
    en: "A residents' poll publishes no roll (it lists residents by name); only owners' votes do",
  },
  roll_check_ended: {
    'zh-CN': '名册核对期已于 {endsAt} 结束，不能再对名册提出更正',
    en: 'The roll check ended at {endsAt}; no more corrections can be raised',
  },
  roll_objection_not_own: {
    'zh-CN': '只能对您自己名下房屋的名册记录提出更正',
    en: 'You can only raise a correction to the entry of a unit you own',
  },
  roll_entry_not_found: { 'zh-CN': '名册中没有这套房屋', en: 'That unit is not on the roll' },
  roll_objection_not_found: { 'zh-CN': '找不到该更正申请', en: 'Correction request not found' },
  objection_already_resolved: {
    'zh-CN': '该申请已经处理过了，不能再次处理',
    en: 'This request has already been resolved',
  },
  roll_correction_missing: {
    'zh-CN': '认定更正时请填写更正内容：面积、是否开发商未售，或按登记重新读取业主',
    en: 'An upheld correction must say what changes: the area, whether the developer holds the unit, or owners re-read from the register',
  },
  roll_correction_after_opening: {
    'zh-CN': '表决已开始投票，名册不能再更正',
    en: 'Voting has begun; the roll can no longer be corrected',
  },
  roll_objections_unresolved: {
    'zh-CN': '还有 {count} 条名册更正申请未处理，处理完毕后才能开始投票',
    en: '{count} roll correction request(s) are still unresolved; voting can open once they are resolved',
  },
  dispute_window_not_open: {
    'zh-CN': '询异期尚未开始：表决结束并公示初步统计结果后才能询异',
    en: 'The dispute window has not begun: disputes are taken once the vote has closed and its preliminary result is published',
  },
  dispute_window_ended: {
    'zh-CN': '询异期已于 {endsAt} 结束，不能再提出询异',
    en: 'The dispute window ended at {endsAt}; no more disputes can be raised',
  },
  dispute_not_statutory: {
    'zh-CN': '只有业主大会表决设有询异期',
    en: "Only owners'-assembly votes have a dispute window",
  },
  dispute_receipt_unknown: {
    'zh-CN': '本次表决中没有回执码为 {receiptCode} 的选票，请核对后重新输入',
    en: 'No ballot of this vote has the receipt code {receiptCode}; please check it and try again',
  },
  dispute_not_on_roll: {
    'zh-CN': '只有本次表决名册上的业主可以询异',
    en: 'Only owners on the roll of this vote can raise a dispute',
  },
  ballot_dispute_not_found: { 'zh-CN': '找不到该询异', en: 'Dispute not found' },
  dispute_correction_paper_only: {
    'zh-CN': '只有录入有误的纸质票可以按选票原件更正选择；其他情况请在处理理由中写明所采取的措施',
    en: 'Only a paper ballot entered wrongly can have its choices corrected from the signed slip; for other cases, say in the reason what was done',
  },
  dispute_correction_window_closed: {
    'zh-CN': '询异期已结束，结果已确定，不能再更正选票',
    en: 'The dispute window is over and the result is final; ballots can no longer be corrected',
  },
  objection_list_invalid: {
    'zh-CN': '列表（list）只能是 roll（名册更正申请）或 disputes（询异）',
    en: 'The list must be roll (roll correction requests) or disputes (ballot disputes)',
  },
} as const satisfies MessageTable;

export const objectionStatuses: Partial<Record<keyof typeof objectionMessages, number>> = {
  roll_check_not_open: 409,
  roll_check_ended: 409,
  roll_check_owners_only: 409,
  roll_objection_not_own: 403,
  roll_entry_not_found: 404,
  roll_objection_not_found: 404,
  objection_already_resolved: 409,
  roll_correction_missing: 400,
  roll_correction_after_opening: 409,
  roll_objections_unresolved: 409,
  dispute_window_not_open: 409,
  dispute_window_ended: 409,
  dispute_not_statutory: 409,
  dispute_receipt_unknown: 404,
  dispute_not_on_roll: 403,
  ballot_dispute_not_found: 404,
  dispute_correction_paper_only: 400,
  dispute_correction_window_closed: 409,
  objection_list_invalid: 400,
};
