/**
 * Every error a user can meet, in both interface languages. The key is the stable `code` of the
 * error body; the server and the web app read the same table, so a message is written once.
 * Foundation codes live here; each feature keeps its own `<feature>.errors.ts` and is merged below
 * with one line, so the set of codes stays one typed union.
 */
import { interpolate, type Locale } from './locale.js';
import { voteMessages, voteStatuses } from '../votes/votes.errors.js';
import { proxyMessages, proxyStatuses } from '../votes/proxies.errors.js';
import { navigatorMessages, navigatorStatuses } from '../votes/navigator.errors.js';
import { objectionMessages, objectionStatuses } from '../votes/objections.errors.js';
import { timelineMessages, timelineStatuses } from '../votes/timeline.errors.js';
import { proposalMessages, proposalParamLabels, proposalStatuses } from '../proposals/proposals.errors.js';
import { actionItemMessages, actionItemParamLabels, actionItemStatuses } from '../action-items/action-items.errors.js';
import { meetingMessages, meetingParamLabels, meetingStatuses } from '../meetings/meetings.errors.js';
import { minutesMessages, minutesStatuses } from '../minutes/minutes.errors.js';
import { accountMessages, accountParamLabels, accountStatuses } from '../accounts/accounts.errors.js';
import { notificationMessages, notificationStatuses } from '../notifications/notifications.errors.js';

export type MessageTable = Record<string, Record<Locale, string>>;

/**
 * Problems with one cell of a roster: the reason alone. The message the API sends says where first,
 * in the spreadsheet's own terms: `第 5 行 D 列“建筑面积（㎡）”：面积“abc”无效…`; every problem carries
 * `row`, `col` (the column letter) and `column` (the heading as written) among its params.
 */
export const ROSTER_CELL_REASONS = {
  roster_required: { 'zh-CN': '不能为空', en: 'Must not be empty' },
  roster_too_long: { 'zh-CN': '过长（最多 {max} 个字）', en: 'Too long (at most {max} characters)' },
  roster_bad_area: {
    'zh-CN': '面积“{value}”无效：应为大于 0 的数字，最多两位小数',
    en: 'Area "{value}" is invalid: use a number above 0 with at most two decimals',
  },
  roster_bad_phone: { 'zh-CN': '手机号“{value}”无效：应为 11 位数字', en: 'Phone "{value}" is invalid: use 11 digits' },
  roster_phone_without_name: {
    'zh-CN': '手机号“{value}”没有对应的姓名：多个姓名和手机号须按顺序一一对应',
    en: 'Phone "{value}" has no name: list names and phones in the same order',
  },
  roster_bad_flag: { 'zh-CN': '“{value}”无效：请填“是”或“否”', en: '"{value}" is invalid: use 是 (yes) or 否 (no)' },
  roster_bad_area_source: {
    'zh-CN': '面积类型“{value}”无效：请填 登记、测绘 或 合同',
    en: 'Area type "{value}" is invalid: use 登记, 测绘 or 合同',
  },
  roster_duplicate_unit: { 'zh-CN': '与第 {otherRow} 行是同一套房屋', en: 'Same unit as row {otherRow}' },
  roster_owner_conflict: {
    'zh-CN': '开发商持有的房屋不应填写业主',
    en: 'A unit held by the developer must not list owners',
  },
  roster_no_owner: { 'zh-CN': '已售房屋须填写业主姓名', en: 'A sold unit must name its owner' },
  roster_phone_name_conflict: {
    'zh-CN': '手机号 {phone} 在第 {otherRow} 行属于“{name}”',
    en: 'Phone {phone} belongs to "{name}" on row {otherRow}',
  },
  roster_phone_taken: {
    'zh-CN': '手机号 {phone} 已登记在“{name}”名下，与“{given}”不一致',
    en: 'Phone {phone} is already registered to "{name}", not "{given}"',
  },
  roster_phone_change_taken: {
    'zh-CN': '要把“{name}”的手机号 {from} 改为 {phone}，但 {phone} 已登记在另一人或另一个账号名下，请先核对',
    en: 'This changes the phone of "{name}" from {from} to {phone}, but {phone} already belongs to another person or account; check it first',
  },
  roster_phone_change_conflict: {
    'zh-CN': '要把“{name}”的手机号 {from} 改为 {phone}，但第 {otherRow} 行仍写着 {from}：同一人只能登记一个手机号',
    en: 'This changes the phone of "{name}" from {from} to {phone}, but row {otherRow} still lists {from}: one person has one phone',
  },
  roster_grid_conflict: {
    'zh-CN': '同一楼栋只能属于一个网格：第 {otherRow} 行写的是“{grid}”',
    en: 'A building belongs to one grid: row {otherRow} says "{grid}"',
  },
} as const satisfies MessageTable;

type RosterCellCode = keyof typeof ROSTER_CELL_REASONS;

function locatedRosterMessages(): Record<RosterCellCode, Record<Locale, string>> {
  const entries = Object.entries(ROSTER_CELL_REASONS).map(([code, reason]) => [
    code,
    { 'zh-CN': `第 {row} 行 {col} 列“{column}”：${reason['zh-CN']}`, en: `Row {row}, column {col} "{column}": ${reason.en}` },
  ]);
  return Object.fromEntries(entries) as Record<RosterCellCode, Record<Locale, string>>;
}

const baseMessages = {
  // HTTP and input
  bad_json: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  request_aborted: {
    'zh-CN': '连接在提交内容送达前断开，本次提交未生效，请重试',
    en: 'The connection closed before the request arrived; nothing was done, please try again',
  },
  idempotency_key_reused: {
    'zh-CN': '这个幂等键（Idempotency-Key）已用于另一项不同的提交；每项新提交请使用新的键',
    en: 'This Idempotency-Key was already used for a different request; use a new key for each new write',
  },
  idempotency_key_invalid: {
    'zh-CN': 'Idempotency-Key 应为 8 至 100 个可见 ASCII 字符（例如 UUID）',
    en: 'The Idempotency-Key must be 8 to 100 visible ASCII characters (a UUID, say)',
  },
  body_too_large: { 'zh-CN': '提交的内容太大（上限 {limit}）', en: 'The request body is too large (limit {limit})' },
  json_too_deep: { 'zh-CN': '提交的数据嵌套层级过深', en: 'The request data is nested too deeply' },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型，请以 {expected} 提交',
    en: 'Unsupported content type; send {expected}',
  },
  validation_failed: { 'zh-CN': '填写的内容有误：{problem}', en: 'Some fields are invalid: {problem}' },
  validation_check: { 'zh-CN': '请检查后重试', en: 'please check and retry' },
  page_cursor_invalid: {
    'zh-CN': '翻页位置（after）无效：请从列表第一页重新加载',
    en: 'The paging position (after) is not valid: reload the list from its first page',
  },
  page_limit_invalid: { 'zh-CN': '每页条数（limit）应为 1 到 200 之间的整数', en: 'Items per page (limit) must be a whole number from 1 to 200' },
  not_found: { 'zh-CN': '找不到该页面或资源', en: 'Not found' },
  method_not_allowed: { 'zh-CN': '不支持该操作', en: 'Method not allowed' },
  internal_error: {
    'zh-CN': '服务器出了点问题，您的操作未完成，请稍后再试',
    en: 'Something went wrong on the server; your action was not completed. Please try again.',
  },
  forbidden_origin: {
    'zh-CN': '请求来源不被信任，请从议事平台页面操作',
    en: 'The request came from an untrusted origin; please use the Yishi pages',
  },

  // Accounts and access
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in first' },
  forbidden: { 'zh-CN': '您没有权限进行此操作', en: 'You are not allowed to do this' },
  invalid_credentials: {
    'zh-CN': '手机号/用户名或密码不正确',
    en: 'The phone number/username or password is incorrect',
  },
  login_locked: {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins; please try again in {minutes} minutes',
  },
  account_disabled: { 'zh-CN': '该账号已停用，请联系社区', en: 'This account is disabled; please contact the community office' },

  // Places and roster
  compound_not_found: { 'zh-CN': '找不到该小区', en: 'Compound not found' },
  bad_spreadsheet: {
    'zh-CN': '无法读取该文件：它不是有效的 Excel 工作簿（.xlsx）。旧版 .xls 文件请在 Excel 中“另存为” .xlsx 或 CSV 后再上传',
    en: 'The file cannot be read: it is not a valid Excel workbook (.xlsx). Save an old .xls file as .xlsx or CSV in Excel and upload it again',
  },
  spreadsheet_too_large: {
    'zh-CN': '表格内容过多（解压后超过 {limit}），请拆分后分批导入',
    en: 'The workbook is too large (over {limit} unpacked); split it and import the parts one by one',
  },
  roster_invalid: {
    'zh-CN': '花名册有 {count} 处错误，未导入任何数据',
    en: 'The roster has {count} errors; nothing was imported',
  },
  roster_file_empty: { 'zh-CN': '文件是空的，没有任何内容', en: 'The file is empty' },
  roster_no_header: {
    'zh-CN': '前 {rows} 行中找不到表头：表头须有“楼栋”“房号”“面积”三列',
    en: 'No header row in the first {rows} rows: it must have the columns 楼栋 (building), 房号 (room) and 面积 (area)',
  },
  roster_missing_column: { 'zh-CN': '第 {row} 行（表头）：缺少必填列“{column}”', en: 'Row {row} (header): missing required column "{column}"' },
  roster_empty: { 'zh-CN': '第 {row} 行（表头）以下没有数据行', en: 'There are no data rows below the header on row {row}' },
  ...locatedRosterMessages(),
} as const satisfies MessageTable;

// Feature catalogs: one import and one spread per feature.
const messages = {
  ...baseMessages,
  ...voteMessages,
  ...proxyMessages,
  ...navigatorMessages,
  ...objectionMessages,
  ...timelineMessages,
  ...proposalMessages,
  ...actionItemMessages,
  ...meetingMessages,
  ...minutesMessages,
  ...accountMessages,
  ...notificationMessages,
} as const satisfies MessageTable;

export type ErrorCode = keyof typeof messages;

/** The HTTP status of the foundation's codes; each feature lists its own beside its messages. */
const baseStatuses: Partial<Record<keyof typeof baseMessages, number>> = {
  bad_json: 400,
  request_aborted: 400,
  idempotency_key_invalid: 400,
  json_too_deep: 400,
  validation_failed: 400,
  page_cursor_invalid: 400,
  page_limit_invalid: 400,
  roster_invalid: 400,
  roster_empty: 400,
  bad_spreadsheet: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  forbidden_origin: 403,
  account_disabled: 403,
  not_found: 404,
  compound_not_found: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  spreadsheet_too_large: 413,
  unsupported_media_type: 415,
  login_locked: 429,
  internal_error: 500,
};

const statuses: Partial<Record<ErrorCode, number>> = {
  ...baseStatuses,
  ...voteStatuses,
  ...proxyStatuses,
  ...navigatorStatuses,
  ...objectionStatuses,
  ...timelineStatuses,
  ...proposalStatuses,
  ...actionItemStatuses,
  ...meetingStatuses,
  ...minutesStatuses,
  ...accountStatuses,
  ...notificationStatuses,
};

/** The HTTP status a code is answered with; a code not listed is a broken business rule (422). */
export function errorStatus(code: ErrorCode): number {
  return statuses[code] ?? 422;
}

/** Per code and parameter: labels for parameters whose values are codes (a status, a step). */
const paramLabels: Record<string, Record<string, Record<string, Record<Locale, string>>>> = {
  ...meetingParamLabels,
  ...actionItemParamLabels,
  ...proposalParamLabels,
  ...accountParamLabels,
};

export function errorMessage(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = (messages as MessageTable)[code];
  if (!entry) return code;
  const labels = paramLabels[code];
  const shown = labels ? Object.fromEntries(Object.entries(params).map(([name, value]) => [name, labelled(labels[name], value, locale)])) : params;
  return interpolate(entry[locale], shown);
}

/** A code in words; a list of codes (comma-separated, each labelled) as a list in words: 业委会、物业企业. */
function labelled(labels: Record<string, Record<Locale, string>> | undefined, value: string | number, locale: Locale): string | number {
  if (!labels) return value;
  const one = labels[String(value)];
  if (one) return one[locale];
  const parts = String(value).split(',');
  if (parts.length < 2 || !parts.every((p) => Object.hasOwn(labels, p))) return value;
  return parts.map((p) => labels[p]![locale]).join(locale === 'zh-CN' ? '、' : ', ');
}

/** Whether a text is one of the error codes (a schema's message may be one). */
export function isErrorCode(text: string): text is ErrorCode {
  return Object.hasOwn(messages, text);
}

/**
 * A roster problem's reason without the "row 5, column D" prefix, for a table that shows the row and
 * the column in columns of their own; other codes get their whole message.
 */
export function rosterProblemReason(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const reason = (ROSTER_CELL_REASONS as MessageTable)[code];
  return reason ? interpolate(reason[locale], params) : errorMessage(code, locale, params);
}
