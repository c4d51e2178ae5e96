import { PARTY_LABELS } from '../roles/roles.js';
import { MEETING_KIND_LABELS } from './meeting-kinds.js';
import { MEETING_STATUS_LABELS, MEETING_STEP_LABELS, OUTCOME_LABELS, QUESTION_STATUS_LABELS } from './meetings.js';

/** Error messages of the meetings feature (merged into ../i18n/error-messages.ts). */
export const meetingMessages = {
  meeting_not_found: { 'zh-CN': '找不到该会议', en: 'Meeting not found' },
  meeting_bad_transition: {
    'zh-CN': '会议当前为“{from}”，现在不能{action}',
    en: 'The meeting is "{from}"; you cannot {action} now',
  },
  meeting_sign_in_not_yet: {
    'zh-CN': '会议当天（{date}）才能签到',
    en: 'Sign-in opens on the day of the meeting ({date})',
  },
  meeting_not_editable: { 'zh-CN': '会议已开始或已结束，不能再修改时间地点', en: 'The meeting has started or ended; time and place can no longer change' },
  meeting_wrong_kind: { 'zh-CN': '该操作只适用于{kind}', en: 'This only applies to meetings of the kind "{kind}"' },
  meeting_starts_in_past: {
    'zh-CN': '会议时间不能早于现在；已经开过的会议，请勾选“补录已开过的会议”',
    en: 'The meeting cannot start in the past; for a meeting already held, tick “Enter a meeting already held”',
  },
  meeting_recorded_in_future: {
    'zh-CN': '补录的会议时间应早于现在；还没开的会议请去掉“补录”，按正常流程发布通知',
    en: 'A meeting entered afterwards must have started already; for one still to come, untick it and publish its notice',
  },
  meeting_recorded_too_old: {
    'zh-CN': '只能补录 {days} 天内开过的会议',
    en: 'Only meetings held within the last {days} days can be entered afterwards',
  },
  meeting_recorded_no_notice: {
    'zh-CN': '这是补录的会议，已经开过，不发布会议通知，也不能取消',
    en: 'This meeting was entered after it was held: it has no notice to publish or cancel',
  },
  agenda_frozen: { 'zh-CN': '议程已锁定，不能再修改', en: 'The agenda is frozen and can no longer be edited' },
  agenda_not_frozen: { 'zh-CN': '议程尚未锁定', en: 'The agenda is not frozen' },
  agenda_item_not_found: { 'zh-CN': '找不到该议题', en: 'Agenda item not found' },
  outcome_needs_parties: { 'zh-CN': '请选择同意的各方', en: 'Choose which parties agreed' },
  outcome_needs_unit: {
    'zh-CN': '请填写责任单位：整改事项列入台账后要由它办理和销号',
    en: 'Name the responsible unit: once listed, the action item is handled and signed off by it',
  },
  outcome_listed: {
    'zh-CN': '该议题已转为整改事项并列入台账，结果不能再改为其他；如有误，请在该整改事项中记录说明',
    en: 'This item became an action item on the ledger; its outcome can no longer be something else (note any mistake on the action item)',
  },
  attendance_not_found: { 'zh-CN': '找不到该参会人', en: 'Attendee not found' },
  attendee_name_required: { 'zh-CN': '请填写姓名', en: 'Give the name' },
  attendee_already_noted: { 'zh-CN': '{name} 已经登记到场了，不用再登记', en: '{name} is already noted as present' },
  attendee_already_invited: {
    'zh-CN': '{name} 已经在参会名单上了，请在名单里点“签到”',
    en: '{name} is already on the list of attendees: use “Sign in” on their row',
  },
  attendee_name_too_long: { 'zh-CN': '姓名最多 40 个字', en: 'The name has at most 40 characters' },
  attendee_organisation_too_long: { 'zh-CN': '单位最多 60 个字', en: 'The organisation has at most 60 characters' },
  resident_count_invalid: {
    'zh-CN': '到场居民人数请填写 0 或正整数（如 40）',
    en: 'Give the number of residents who came as 0 or a whole number (such as 40)',
  },
  resident_count_too_large: { 'zh-CN': '到场居民人数最多填写 9999', en: 'The number of residents is at most 9999' },
  meeting_attendance_not_yet: {
    'zh-CN': '会议当天（{date}）才能登记到场情况',
    en: 'Who came can be noted from the day of the meeting ({date})',
  },
  question_not_found: { 'zh-CN': '找不到该问题', en: 'Question not found' },
  question_closed: { 'zh-CN': '该问题已经处理（{status}）', en: 'This question has already been handled ({status})' },
  question_not_answered: {
    'zh-CN': '只有已现场答复的问题才能修改答复，该问题{status}',
    en: 'Only an answer given on the spot can be corrected; this question is {status}',
  },
  question_answer_minutes_published: {
    'zh-CN': '本场会议的纪要已经公示（第 {version} 版），答复不能再在这里修改；如答复有误，请到“会议纪要”发布更正版本并写明原因',
    en: 'The minutes of this meeting are published (version {version}), so the answer can no longer be changed here; to correct it, publish a correction of the minutes under “Minutes”, with its reason',
  },
  question_merge_self: { 'zh-CN': '不能与自己合并', en: 'A question cannot be merged into itself' },
  question_merge_target: { 'zh-CN': '只能合并到同一场夜谈中未被合并的问题', en: 'Merge only into an unmerged question of the same evening talk' },
  questions_not_open: { 'zh-CN': '这场夜谈目前不收集问题', en: 'This evening talk is not taking questions now' },
  question_category_required: { 'zh-CN': '请选择问题类别', en: 'Choose what the question is about' },
  question_text_required: { 'zh-CN': '请写下要反映的问题（至少 2 个字）', en: 'Write the question (at least 2 characters)' },
  meeting_notice_too_short: {
    'zh-CN': '会议通知和议程须至少在会议 {days} 天前发布：按通知日 {noticeDate} 计，会议最早可定在 {earliest} 召开',
    en: 'The notice and agenda must be out at least {days} days before the meeting: counted from the notice on {noticeDate}, it can be held on {earliest} at the earliest',
  },
  meeting_agenda_empty: {
    'zh-CN': '请先拟定议程：{kind}的议程随会议通知一起公布',
    en: 'Write the agenda first: a {kind} publishes its agenda with the notice',
  },
  agenda_announced: {
    'zh-CN': '议程已随会议通知公布，会前不能修改；如需改变议题，请取消本次会议并重新发布通知',
    en: 'The agenda went out with the notice and cannot change before the meeting; to change the topics, cancel this meeting and publish a new notice',
  },
  meeting_no_members: {
    'zh-CN': '本小区还没有{party}委员（{party}一方的四方代表），请先由站长授予',
    en: 'This compound has no members of the {party} yet (its four-party representatives); the station chief grants them first',
  },
  outcome_not_for_kind: { 'zh-CN': '{kind}不记录“{outcome}”这种结果', en: 'A {kind} does not record the outcome "{outcome}"' },
  outcome_member_absent: {
    'zh-CN': '只能记录本人到场签到的委员同意，{name}未签到（不得委托他人表决）',
    en: 'Only members present in person can agree, and {name} is not signed in (nobody votes for another)',
  },
  outcome_party_absent: {
    'zh-CN': '{parties}没有人签到（未出席），不能记为同意方；请只勾选到场签到的各方',
    en: 'Nobody of {parties} signed in (absent), so they cannot be recorded as agreeing; tick only the parties present',
  },
  outcome_no_quorum: {
    'zh-CN': '出席委员未过半数（{present} / {members}，需 ≥ {needed}），会议不能作出决定',
    en: 'Not more than half of the members are present ({present} / {members}, needs ≥ {needed}); the meeting cannot decide',
  },
} as const;

/** Parameters that are codes, shown to people in words (see errorMessage). */
export const meetingParamLabels = {
  meeting_bad_transition: { from: MEETING_STATUS_LABELS, action: MEETING_STEP_LABELS },
  meeting_wrong_kind: { kind: MEETING_KIND_LABELS },
  question_closed: { status: QUESTION_STATUS_LABELS },
  question_not_answered: { status: QUESTION_STATUS_LABELS },
  meeting_agenda_empty: { kind: MEETING_KIND_LABELS },
  meeting_no_members: { party: PARTY_LABELS },
  outcome_not_for_kind: { kind: MEETING_KIND_LABELS, outcome: OUTCOME_LABELS },
  // A list: the codes comma-separated, shown as 业委会、物业企业 (see errorMessage).
  outcome_party_absent: { parties: PARTY_LABELS },
};

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const meetingStatuses: Partial<Record<keyof typeof meetingMessages, number>> = {
  meeting_not_found: 404,
  agenda_item_not_found: 404,
  attendance_not_found: 404,
  question_not_found: 404,
  meeting_bad_transition: 409,
  meeting_sign_in_not_yet: 409,
  meeting_attendance_not_yet: 409,
  attendee_name_required: 400,
  attendee_already_noted: 409,
  attendee_already_invited: 409,
  attendee_name_too_long: 400,
  attendee_organisation_too_long: 400,
  resident_count_invalid: 400,
  resident_count_too_large: 400,
  outcome_listed: 409,
  meeting_not_editable: 409,
  agenda_frozen: 409,
  agenda_not_frozen: 409,
  question_closed: 409,
  question_not_answered: 409,
  question_answer_minutes_published: 409,
  questions_not_open: 409,
  question_category_required: 400,
  question_text_required: 400,
  agenda_announced: 409,
  meeting_recorded_no_notice: 409,
};
