/** Every error a voter or an organiser can meet in votes, in both languages. */
import type { MessageTable } from '../i18n/error-messages.js';

export const voteMessages = {
  vote_not_found: { 'zh-CN': '找不到该表决', en: 'Vote not found' },
  vote_not_open: { 'zh-CN': '该表决尚未开始，请在开始后再投票', en: 'This vote has not opened yet' },
  vote_closed: {
    'zh-CN': '该表决已于 {closedAt} 截止，您的选票未被接收',
    en: 'This vote closed at {closedAt}; your ballot was not accepted',
  },
  vote_not_draft: { 'zh-CN': '表决已开始，不能再修改设置', en: 'The vote has opened; its settings can no longer change' },
  vote_already_closed: { 'zh-CN': '该表决已经结束', en: 'This vote has already closed' },
  vote_counting: { 'zh-CN': '该表决已截止，正在计票，请稍后再试', en: 'This vote has closed and is being counted; try again in a moment' },
  vote_close_before_open: { 'zh-CN': '截止时间必须晚于现在和开始时间', en: 'The closing time must be after now and after the opening time' },
  vote_empty_electorate: { 'zh-CN': '没有符合条件的投票人，无法开始表决', en: 'Nobody is entitled to vote, so the vote cannot open' },
  vote_results_hidden: { 'zh-CN': '表决结束后才公布结果', en: 'Results are published when the vote closes' },
  vote_building_mismatch: { 'zh-CN': '该楼栋不属于本小区', en: 'That building is not in this compound' },
  vote_source_not_found: { 'zh-CN': '找不到表决的来源（提案或议题）', en: 'The proposal or agenda item this vote comes from was not found' },
  not_in_electorate: { 'zh-CN': '您（或该房屋）不在本次表决的投票人名单中', en: 'You (or this unit) are not on the roll of this vote' },
  ballot_unit_required: { 'zh-CN': '您有多套房屋，请选择为哪一套投票', en: 'You own several units; choose which one you are voting for' },
  ballot_units_in_poll: {
    'zh-CN': '这是按人投票的征询，每人一票，不按房屋投票',
    en: 'This poll is one ballot per person, not one per unit',
  },
  ballot_invalid_choice: { 'zh-CN': '选票中有无效的选项', en: 'The ballot contains an option that does not exist' },
  units_repeated: { 'zh-CN': '同一套房屋只能选一次', en: 'Each unit can be chosen only once' },
  ballot_too_many_choices: { 'zh-CN': '最多只能选 {max} 项', en: 'Choose at most {max}' },
  ballot_abstain_exclusive: { 'zh-CN': '选择“弃权”时不能再选其他项', en: 'Abstain cannot be combined with other choices' },
  ballot_exists_online: {
    'zh-CN': '该房屋已在网上投票，纸质票未录入（以先投的为准）',
    en: 'This unit already voted online; the paper ballot was not entered (the first one counts)',
  },
} as const satisfies MessageTable;

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const voteStatuses: Partial<Record<keyof typeof voteMessages, number>> = {
  vote_not_found: 404,
  vote_not_open: 409,
  vote_closed: 409,
  vote_not_draft: 409,
  vote_already_closed: 409,
  vote_counting: 409,
  vote_results_hidden: 403,
  not_in_electorate: 403,
  ballot_exists_online: 409,
  vote_building_mismatch: 400,
  vote_source_not_found: 400,
};
