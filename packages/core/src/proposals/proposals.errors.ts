import type { MessageTable } from '../i18n/error-messages.js';
import { PROPOSAL_STATUS_LABELS } from './proposals.js';

export const proposalMessages = {
  proposal_not_found: { 'zh-CN': '找不到该提案', en: 'Proposal not found' },
  proposal_not_member: {
    'zh-CN': '只有本小区（本楼栋）的业主或居民可以提案和附议',
    en: 'Only owners or residents of this compound (building) may propose or second',
  },
  proposal_already_seconded: { 'zh-CN': '您家已经附议过这条提案', en: 'Your household has already seconded this proposal' },
  proposal_own: { 'zh-CN': '提案人不能附议自己的提案', en: 'You cannot second your own proposal' },
  proposal_not_seconding: { 'zh-CN': '该提案已不再征集附议', en: 'This proposal no longer collects seconds' },
  proposal_bad_transition: { 'zh-CN': '提案当前状态为“{status}”，不能进行此操作', en: 'The proposal is "{status}"; this step is not possible' },
  proposal_merge_self: { 'zh-CN': '不能合并到提案本身', en: 'A proposal cannot be merged into itself' },
  proposal_merge_target_not_found: {
    'zh-CN': '本小区找不到要合并到的那条提案，请从本小区的提案中选择。',
    en: 'This compound has no such proposal to merge into; choose one of this compound’s proposals.',
  },
  proposal_agenda_item_not_found: {
    'zh-CN': '本小区的会议中找不到这个议题，不能把提案列入它。',
    en: 'No meeting of this compound has that agenda item; the proposal cannot be put on it.',
  },
} as const satisfies MessageTable;

/** Parameters that are codes, shown to people in words (see errorMessage). */
export const proposalParamLabels = {
  proposal_bad_transition: { status: PROPOSAL_STATUS_LABELS },
};

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const proposalStatuses: Partial<Record<keyof typeof proposalMessages, number>> = {
  proposal_not_found: 404,
  proposal_not_member: 403,
  proposal_already_seconded: 409,
  proposal_own: 409,
  proposal_not_seconding: 409,
  proposal_bad_transition: 409,
  proposal_merge_self: 400,
};
