import { MEETING_KIND_LABELS } from './meeting-kinds.js';
import { MEETING_STATUS_LABELS, MEETING_STEP_LABELS, QUESTION_STATUS_LABELS } from './meetings.js';

/** Error messages of the meetings feature (merged into ../i18n/error-messages.ts). */
export const meetingMessages = {
  meeting_not_found: { 'zh-CN': '找不到该会议', en: 'Meeting not found' },
  meeting_bad_transition: {
    'zh-CN': '会议当前为“{from}”，现在不能{action}',
    en: 'The meeting is "{from}"; you cannot {action} now',
  },
  meeting_not_editable: { 'zh-CN': '会议已开始或已结束，不能再修改时间地点', en: 'The meeting has started or ended; time and place can no longer change' },
  meeting_wrong_kind: { 'zh-CN': '该操作只适用于{kind}', en: 'This only applies to meetings of the kind "{kind}"' },
  meeting_starts_in_past: { 'zh-CN': '会议时间不能早于现在', en: 'The meeting cannot start in the past' },
  agenda_frozen: { 'zh-CN': '议程已锁定，不能再修改', en: 'The agenda is frozen and can no longer be edited' },
  agenda_not_frozen: { 'zh-CN': '议程尚未锁定', en: 'The agenda is not frozen' },
  agenda_item_not_found: { 'zh-CN': '找不到该议题', en: 'Agenda item not found' },
  outcome_needs_parties: { 'zh-CN': '请选择同意的各方', en: 'Choose which parties agreed' },
  attendance_not_found: { 'zh-CN': '找不到该参会人', en: 'Attendee not found' },
  question_not_found: { 'zh-CN': '找不到该问题', en: 'Question not found' },
  question_closed: { 'zh-CN': '该问题已经处理（{status}）', en: 'This question has already been handled ({status})' },
  question_merge_self: { 'zh-CN': '不能与自己合并', en: 'A question cannot be merged into itself' },
  question_merge_target: { 'zh-CN': '只能合并到同一场夜谈中未被合并的问题', en: 'Merge only into an unmerged question of the same evening talk' },
  questions_not_open: { 'zh-CN': '这场夜谈目前不收集问题', en: 'This evening talk is not taking questions now' },
  question_category_required: { 'zh-CN': '请选择问题类别', en: 'Choose what the question is about' },
} as const;

/** Parameters that are codes, shown to people in words (see errorMessage). */
export const meetingParamLabels = {
  meeting_bad_transition: { from: MEETING_STATUS_LABELS, action: MEETING_STEP_LABELS },
  meeting_wrong_kind: { kind: MEETING_KIND_LABELS },
  question_closed: { status: QUESTION_STATUS_LABELS },
};

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const meetingStatuses: Partial<Record<keyof typeof meetingMessages, number>> = {
  meeting_not_found: 404,
  agenda_item_not_found: 404,
  attendance_not_found: 404,
  question_not_found: 404,
  meeting_bad_transition: 409,
  meeting_not_editable: 409,
  agenda_frozen: 409,
  agenda_not_frozen: 409,
  question_closed: 409,
  questions_not_open: 409,
  question_category_required: 400,
};
