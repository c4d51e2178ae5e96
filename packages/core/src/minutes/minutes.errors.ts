/** Error messages of the minutes feature (merged into ../i18n/error-messages.ts). */
export const minutesMessages = {
  minutes_not_found: { 'zh-CN': '找不到该会议纪要', en: 'Minutes not found' },
  minutes_version_not_found: { 'zh-CN': '找不到纪要的第 {version} 版', en: 'Version {version} of the minutes does not exist' },
  minutes_meeting_not_closed: {
    'zh-CN': '会议结束后才能生成纪要',
    en: 'Minutes can be drafted once the meeting has ended',
  },
  minutes_no_draft: { 'zh-CN': '还没有纪要草稿，请先生成草稿', en: 'There is no draft yet; generate it first' },
  minutes_draft_live: {
    'zh-CN': '纪要正在多人在线编辑中，请在编辑页面直接修改',
    en: 'The draft is open in the live editor; make the change there',
  },
  minutes_empty: { 'zh-CN': '纪要内容不能为空', en: 'The minutes must not be empty' },
  minutes_already_published: {
    'zh-CN': '纪要已经公示（第 {version} 版），如需修改请发布更正版本',
    en: 'The minutes are already published (version {version}); publish a correction to change them',
  },
  minutes_not_published: { 'zh-CN': '纪要尚未公示，直接修改草稿即可', en: 'The minutes are not published yet; edit the draft instead' },
  minutes_reason_required: { 'zh-CN': '请填写更正原因', en: 'Give the reason for the correction' },
  minutes_recorder_too_long: { 'zh-CN': '记录人最多 40 个字', en: '“Recorded by” has at most 40 characters' },
  minutes_issuer_too_long: { 'zh-CN': '落款最多 80 个字', en: 'The issuing body has at most 80 characters' },
  minutes_convener_too_long: { 'zh-CN': '召集人（主持人）最多 80 个字', en: 'The convener has at most 80 characters' },
  minutes_place_required: { 'zh-CN': '请填写会议地点', en: 'Give the meeting’s place' },
  minutes_place_too_long: { 'zh-CN': '会议地点最多 120 个字', en: 'The place has at most 120 characters' },
  minutes_signatures_missing: {
    'zh-CN': '还有出席委员未核对签字：{names}。每位出席委员签字确认后才能公示',
    en: 'Members who attended have not signed yet: {names}. The minutes are published once every one of them has signed',
  },
  minutes_sign_not_attendee: {
    'zh-CN': '只有出席本次会议的委员本人可以签字确认纪要',
    en: 'Only a member who attended the meeting signs the minutes, for themself',
  },
  minutes_correction_unchanged: {
    'zh-CN': '更正内容与第 {version} 版相同',
    en: 'The correction is the same as version {version}',
  },
  minutes_immutable: {
    'zh-CN': '已公示的纪要不能修改或删除，请发布更正版本',
    en: 'Published minutes cannot be changed or deleted; publish a correction',
  },
  minutes_pdf_unavailable: {
    'zh-CN': '服务器未安装 Chromium，暂时无法生成 PDF，请使用“打印”另存为 PDF（{detail}）',
    en: 'Chromium is not available on the server, so no PDF can be made; use Print and save as PDF ({detail})',
  },
  /** The server's PDF queue is full (published minutes, activation letters): try again shortly. */
  pdf_busy: {
    'zh-CN': '正在生成的 PDF 较多，请 {seconds} 秒后再试',
    en: 'Many PDFs are being made right now; try again in {seconds} seconds',
  },
  dashboard_bad_period: {
    'zh-CN': '统计期间无效：开始日期须早于结束日期，且不超过 3 年',
    en: 'Invalid period: the start must precede the end, at most 3 years apart',
  },
  /** The health check's refusal (GET /api/health): its details are the health answer itself. */
  instance_unhealthy: {
    'zh-CN': '本服务实例暂时不可用（数据库：{database}，中继：{relay}）',
    en: 'This instance is not healthy (database: {database}, relay: {relay})',
  },
} as const;

/** The HTTP status each code is answered with (a code not listed is a broken business rule: 422). */
export const minutesStatuses: Partial<Record<keyof typeof minutesMessages, number>> = {
  minutes_not_found: 404,
  minutes_version_not_found: 404,
  minutes_already_published: 409,
  minutes_signatures_missing: 409,
  minutes_sign_not_attendee: 403,
  minutes_draft_live: 409,
  minutes_correction_unchanged: 409,
  minutes_immutable: 409,
  minutes_pdf_unavailable: 503,
  pdf_busy: 503,
  minutes_empty: 400,
  minutes_reason_required: 400,
  minutes_recorder_too_long: 400,
  minutes_issuer_too_long: 400,
  minutes_convener_too_long: 400,
  minutes_place_required: 400,
  minutes_place_too_long: 400,
  dashboard_bad_period: 400,
  instance_unhealthy: 503,
};
