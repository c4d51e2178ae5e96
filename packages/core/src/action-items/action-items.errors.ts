/** Errors of action items, sign-off and the ledger, in both interface languages. */
import type { MessageTable } from '../i18n/error-messages.js';
import { SOURCE_RECORD_LABELS, STATUS_LABELS, TRIAGE_LABELS } from './action-items.js';

export const actionItemMessages = {
  action_item_not_found: { 'zh-CN': '找不到该整改事项', en: 'Action item not found' },
  action_item_bad_transition: {
    'zh-CN': '该事项当前状态（{status}）不能进行此操作',
    en: 'This action item cannot do that in its current status ({status})',
  },
  action_item_conflict: {
    'zh-CN': '该事项刚被他人修改，请刷新后再试',
    en: 'Someone else just changed this action item; please reload and try again',
  },
  triage_closed: { 'zh-CN': '已销号的事项不能再调整红黄绿等级', en: 'A signed-off item cannot change its triage colour' },
  triage_unchanged: { 'zh-CN': '事项已经是该等级', en: 'The item already has that triage colour' },
  triage_skip: {
    'zh-CN': '红黄绿等级须逐级调整，不能从{from}直接调到{to}',
    en: 'Triage moves one level at a time, not from {from} straight to {to}',
  },
  triage_reason_required: { 'zh-CN': '调整等级须写明原因', en: 'Give a reason for changing the triage colour' },
  triage_red_needs_subdistrict: {
    'zh-CN': '升为红色或从红色降级须由街道或站长决定',
    en: 'Only the subdistrict or the station chief may move an item into or out of red',
  },
  sign_off_resolution_required: { 'zh-CN': '销号须写明办理结果', en: 'Describe the resolution to sign off' },
  sign_off_by_resolver: {
    'zh-CN': '这件事是您报的办结，不能由您自己销号：销号是对办理结果的核实，请由服务站、社区或街道的其他工作人员核实后销号。',
    en: 'You reported this item resolved, so you cannot sign it off yourself: the sign-off is the check of the work. Another member of the service station, community or subdistrict staff checks it and signs it off.',
  },
  return_by_resolver: {
    'zh-CN': '这件事是您报的办结，不能由您自己退回重办：退回是核实的人发现问题时做的。还要补做的，请先告诉服务站，由核实的人退回。',
    en: 'You reported this item resolved, so you cannot send it back yourself: sending back is for whoever checks the work and finds a problem. If more needs doing, tell the service station and the person checking sends it back.',
  },
  rating_not_allowed: {
    'zh-CN': '只有反映问题的居民或本小区业主、居民可以评价已销号的事项',
    en: 'Only the resident who raised it, or owners and residents of the compound, may rate a signed-off item',
  },
  rating_duplicate: { 'zh-CN': '您已经评价过这次办理结果', en: 'You have already rated this outcome' },
  concern_needs_residency: {
    'zh-CN': '只有本小区的业主或居民可以在线反映问题',
    en: 'Only owners and residents of this compound may report a concern online',
  },
  ledger_append_only: { 'zh-CN': '台账只能追加，不能修改或删除', en: 'The ledger is append-only; entries cannot be changed or deleted' },
  photo_not_image: {
    'zh-CN': '这个文件不是能识别的照片。请选择 JPG、PNG 或 WebP 格式的图片。',
    en: 'This file is not a picture we can read. Please choose a JPG, PNG or WebP image.',
  },
  photo_too_large: {
    'zh-CN': '照片太大（超过 {limit}）。请换一张照片，或在相机设置里选较小的尺寸。',
    en: 'The photo is too large (over {limit}). Please choose another one or a smaller size in the camera settings.',
  },
  photo_too_many_pending: {
    'zh-CN': '您已上传了很多还没提交的照片。请先提交问题，或明天再试。',
    en: 'You have uploaded many photos that are not sent with a concern yet. Please send the concern first, or try again tomorrow.',
  },
  photo_not_found: {
    'zh-CN': '有照片已失效（超过一天没有提交），请删除后重新添加。',
    en: 'A photo has expired (not sent within a day); please remove it and add it again.',
  },
  action_item_source_not_found: {
    'zh-CN': '本小区找不到作为来源的{kind}（{id}）。来源只能是本小区会议、提案中已有的记录。',
    en: 'This compound has no {kind} with id {id} to list the item from. The source must be a record of this compound.',
  },
  action_item_source_meeting_not_found: {
    'zh-CN': '本小区找不到这次会议（{meetingId}），不能把事项记在它名下。',
    en: 'This compound has no meeting {meetingId}; the item cannot be listed under it.',
  },
  action_item_source_other_meeting: {
    'zh-CN': '作为来源的{kind}属于另一次会议，不是所选的会议（{meetingId}）。',
    en: 'The {kind} given as the source belongs to another meeting, not to the meeting chosen ({meetingId}).',
  },
  evidence_photo_not_uploaded: {
    'zh-CN': '照片须在本页选择并上传，不能填写网址或其他网站上的图片。',
    en: 'Choose and upload the photo on this page; links and pictures on other sites are not accepted.',
  },
  evidence_photos_too_many: {
    'zh-CN': '附的照片太多了：进展最多 4 张，办结最多 6 张',
    en: 'Too many photos: up to 4 with a progress update, 6 with the resolution',
  },
  concern_photos_too_many: { 'zh-CN': '每个问题最多附 4 张照片', en: 'Up to 4 photos per concern' },
} as const satisfies MessageTable;

/** Parameters that are codes, shown to people in words (see errorMessage). */
export const actionItemParamLabels = {
  action_item_bad_transition: { status: STATUS_LABELS },
  triage_skip: { from: TRIAGE_LABELS, to: TRIAGE_LABELS },
  action_item_source_not_found: { kind: SOURCE_RECORD_LABELS },
  action_item_source_other_meeting: { kind: SOURCE_RECORD_LABELS },
};

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const actionItemStatuses: Partial<Record<keyof typeof actionItemMessages, number>> = {
  action_item_not_found: 404,
  action_item_conflict: 409,
  rating_duplicate: 409,
  rating_not_allowed: 403,
  sign_off_by_resolver: 403,
  return_by_resolver: 403,
  concern_needs_residency: 403,
  triage_red_needs_subdistrict: 403,
  photo_not_image: 415,
  photo_too_large: 413,
  photo_too_many_pending: 429,
};
