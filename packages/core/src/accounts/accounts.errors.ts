/**
 * Every error of setup, places, grants, activation and account care, in both languages, with the
 * HTTP status it is answered with beside it. Words a resident reads say what to do next.
 */
import type { MessageTable } from '../i18n/error-messages.js';
import { PARTY_LABELS, ROLE_LABELS } from '../roles/roles.js';

const accountErrors = {
  // Input shape (zod messages that are codes)
  phone_invalid: { status: 400, 'zh-CN': '手机号应为 11 位数字，如 13800000001', en: 'A phone number has 11 digits, e.g. 13800000001' },
  person_name_invalid: { status: 400, 'zh-CN': '姓名应为 2 到 30 个字', en: 'A name has 2 to 30 characters' },
  place_name_invalid: { status: 400, 'zh-CN': '名称应为 2 到 40 个字', en: 'A name has 2 to 40 characters' },
  address_invalid: { status: 400, 'zh-CN': '公示栏地址应为 2 到 120 个字', en: 'The notice-board address has 2 to 120 characters' },
  compound_code_invalid: {
    status: 400,
    'zh-CN': '小区代码应为 2 到 12 位大写字母或数字、以字母开头，如“DSCT”（都市春天的拼音首字母）',
    en: 'A compound code has 2 to 12 capital letters or digits and starts with a letter, e.g. "DSCT"',
  },
  nothing_to_change: { status: 400, 'zh-CN': '没有需要修改的内容', en: 'Nothing to change' },
  consent_required: { status: 400, 'zh-CN': '请先阅读并同意《个人信息保护说明》', en: 'Please read and accept the privacy notice first' },
  activation_code_missing: {
    status: 400,
    'zh-CN': '请填写激活码，或填写手机号和短信验证码',
    en: 'Enter your activation code, or your phone number and the SMS code',
  },
  sms_code_format: { status: 400, 'zh-CN': '短信验证码是 6 位数字', en: 'The SMS code has 6 digits' },
  grant_party_required: { status: 400, 'zh-CN': '四方代表须选择代表哪一方', en: 'Choose which party the representative speaks for' },
  grant_organisation_required: {
    status: 400,
    'zh-CN': '四方代表须填写所在单位，如“区住建局”',
    en: "Name the representative's organisation, e.g. the district housing bureau",
  },

  // Passwords
  password_too_short: { status: 400, 'zh-CN': '密码至少需要 {min} 位', en: 'A password needs at least {min} characters' },
  password_too_long: { status: 400, 'zh-CN': '密码最多 128 位', en: 'A password has at most 128 characters' },
  password_too_common: {
    status: 400,
    'zh-CN': '这个密码太常见，很容易被猜到，请换一个（可以用一句好记的话的拼音加数字）',
    en: 'This password is too common and easy to guess; please choose another',
  },
  password_contains_phone: { status: 400, 'zh-CN': '密码不能包含手机号', en: 'The password must not contain the phone number' },
  password_wrong: { status: 403, 'zh-CN': '原密码不正确', en: 'The current password is not correct' },
  code_only_needs_phone: {
    status: 400,
    'zh-CN': '您的账号没有登记手机号，不能只用短信验证码登录，请设置密码',
    en: 'Your account has no phone number on record, so it cannot log in by SMS code alone; please set a password',
  },

  // First-run setup
  setup_done: {
    status: 409,
    'zh-CN': '系统已经完成初始设置，不能再次设置。请直接登录；需要新账号请联系管理员授权',
    en: 'Yishi has already been set up and cannot be set up again. Log in, or ask an administrator for an account',
  },
  setup_token_invalid: {
    status: 403,
    'zh-CN': '初始设置链接无效或已失效，请使用服务器日志中最新的链接',
    en: 'This setup link is not valid; use the latest link from the server log',
  },

  // Places
  compound_code_taken: {
    status: 409,
    'zh-CN': '小区代码“{code}”已被“{name}”使用，请换一个',
    en: 'The code "{code}" is already used by "{name}"; choose another',
  },
  place_name_taken: { status: 409, 'zh-CN': '“{name}”已经存在', en: '"{name}" already exists' },

  // Grants
  grant_role_not_allowed: {
    status: 403,
    'zh-CN': '您不能授予或撤销“{role}”：只能管理比自己职务低的角色',
    en: 'You cannot grant or revoke "{role}": only roles below your own',
  },
  grant_outside_place: { status: 403, 'zh-CN': '您只能在自己负责的范围内授权', en: 'You can grant roles only within the places you are responsible for' },
  grant_scope_mismatch: { status: 400, 'zh-CN': '“{role}”要在{scope}一级授予', en: '"{role}" is granted at the level of a {scope}' },
  grant_exists: { status: 409, 'zh-CN': '{name}已经是该处的“{role}”', en: '{name} already holds "{role}" there' },
  grant_not_found: { status: 404, 'zh-CN': '找不到该授权，可能已被撤销', en: 'Grant not found; it may have been revoked already' },
  grant_last_admin: {
    status: 409,
    'zh-CN': '这是本街道最后一位街道管理员，不能撤销；请先授权另一位',
    en: 'This is the last subdistrict administrator; grant the role to someone else first',
  },
  phone_name_conflict: {
    status: 409,
    'zh-CN': '手机号 {phone} 已登记为“{name}”，请核对姓名或手机号',
    en: 'Phone {phone} is registered to "{name}"; check the name or the phone number',
  },

  // Activation and codes
  access_code_invalid: {
    status: 400,
    'zh-CN': '激活码不正确，请核对后重新输入（字母不区分大小写，没有数字 0 和 1）',
    en: 'That code is not correct; check it and try again (letters in any case; there are no digits 0 or 1)',
  },
  access_code_too_short: {
    status: 400,
    'zh-CN': '激活码还没有输完整，请对照激活信或邀请上的激活码全部输入',
    en: 'The code is incomplete: type the whole code from the letter or invitation',
  },
  access_code_expired: {
    status: 410,
    'zh-CN': '这个激活码已于 {expiredAt} 过期，请联系楼栋长或社区重新发放',
    en: 'This code expired on {expiredAt}; ask your building head or the community office for a new one',
  },
  access_code_used: {
    status: 410,
    'zh-CN': '这个激活码已经用过了。已激活的请直接登录；忘记密码请找楼栋长重新发放',
    en: 'This code has been used. If your account is active, log in; if you forgot the password, ask your building head',
  },
  access_code_voided: {
    status: 410,
    'zh-CN': '这个激活码已作废，通常是因为后来又发放了新的激活码。请使用最新收到的激活信或邀请链接；找不到的请联系社区或楼栋长重新发放',
    en: 'This code was cancelled, usually because a newer one was issued. Use the latest letter or invitation link you received; if you cannot find it, ask the community office or your building head for a new one',
  },
  access_code_account_active: {
    status: 409,
    'zh-CN': '您的账号已经激活，请直接登录',
    en: 'Your account is already active; please log in',
  },
  access_code_person_left: {
    status: 410,
    'zh-CN': '花名册上已经没有您的房屋（可能已登记给其他业主或住户），这个激活码不能再开通账号。如有疑问，请联系社区或楼栋长核对花名册',
    en: 'The roster no longer lists a flat of yours (it may now be registered to another owner or resident), so this code cannot open an account. Ask the community office or your building head to check the roster',
  },
  sms_code_wrong: { status: 400, 'zh-CN': '短信验证码不正确，还可以再试 {left} 次', en: 'The SMS code is not correct; {left} tries left' },
  sms_code_expired: {
    status: 410,
    'zh-CN': '短信验证码已失效（5 分钟内有效、输错 5 次作废），请重新获取',
    en: 'The SMS code is no longer valid (5 minutes, 5 tries); ask for a new one',
  },
  sms_too_soon: { status: 429, 'zh-CN': '验证码已发送，请 {seconds} 秒后再重新获取', en: 'A code was just sent; ask again in {seconds} seconds' },
  sms_phone_limit: {
    status: 429,
    'zh-CN': '这个手机号今天获取验证码的次数太多了，请明天再试，或请楼栋长帮您发放激活码',
    en: 'Too many codes for this phone today; try tomorrow, or ask your building head for an activation code',
  },
  too_many_attempts: { status: 429, 'zh-CN': '尝试次数太多，请 {minutes} 分钟后再试', en: 'Too many attempts; try again in {minutes} minutes' },
  sms_unavailable: {
    status: 503,
    'zh-CN': '短信暂时发不出去，请稍后再试，或请楼栋长帮您发放激活码',
    en: 'Text messages cannot be sent right now; try later, or ask your building head for an activation code',
  },
  phone_not_on_roster: {
    status: 404,
    'zh-CN': '手机号 {phone} 不在小区花名册中。请联系楼栋长或社区核对您登记的手机号，或使用激活信上的激活码',
    en: 'Phone {phone} is not on any compound roster. Ask your building head or the community office to check it, or use the code on your activation letter',
  },
  already_activated: {
    status: 409,
    'zh-CN': '这个账号已经激活，请直接登录。忘记密码请找楼栋长重新发放一次性码',
    en: 'This account is already active; please log in. If you forgot the password, ask your building head for a one-time code',
  },
  account_not_activated: {
    status: 409,
    'zh-CN': '这个手机号还没有激活账号，请先激活（用激活信上的激活码，或手机号加短信验证码）',
    en: 'This phone has no active account yet; activate it first (with your letter code, or your phone and an SMS code)',
  },
  person_not_in_unit: { status: 404, 'zh-CN': '此人不是这套房屋登记的业主或居民', en: 'This person is not a registered owner or resident of the unit' },
  no_households: {
    status: 422,
    'zh-CN': '没有需要打印激活信的住户（都已激活或花名册为空）',
    en: 'No household needs a letter (all activated, or the roster is empty)',
  },
  letters_unavailable: {
    status: 503,
    'zh-CN': '服务器未安装 Chromium，暂时无法生成激活信 PDF（{detail}）',
    en: 'Chromium is not available on the server, so no PDF can be made ({detail})',
  },
  username_invalid: {
    status: 400,
    'zh-CN': '登录名应为 3 到 32 位小写字母、数字或下划线，以字母开头',
    en: 'A login name has 3 to 32 lower-case letters, digits or underscores and starts with a letter',
  },
  username_taken: { status: 409, 'zh-CN': '登录名“{username}”已被使用，请换一个', en: 'The login name "{username}" is taken; choose another' },
  session_not_found: { status: 404, 'zh-CN': '找不到该登录设备，可能已经退出', en: 'That session was not found; it may have ended already' },
} as const;

type AccountCode = keyof typeof accountErrors;

export const accountMessages = Object.fromEntries(Object.entries(accountErrors).map(([code, { 'zh-CN': zh, en }]) => [code, { 'zh-CN': zh, en }])) as {
  [C in AccountCode]: { 'zh-CN': string; en: string };
} satisfies MessageTable;

/** The HTTP status of each code, beside its words. */
export const accountStatuses = Object.fromEntries(Object.entries(accountErrors).map(([code, { status }]) => [code, status])) as Record<AccountCode, number>;

const SCOPE_LABELS = {
  subdistrict: { 'zh-CN': '街道', en: 'subdistrict' },
  community: { 'zh-CN': '社区', en: 'community' },
  compound: { 'zh-CN': '小区', en: 'compound' },
  building: { 'zh-CN': '楼栋', en: 'building' },
  grid: { 'zh-CN': '网格', en: 'grid' },
};

export const accountParamLabels = {
  grant_role_not_allowed: { role: ROLE_LABELS },
  grant_scope_mismatch: { role: ROLE_LABELS, scope: SCOPE_LABELS },
  grant_exists: { role: ROLE_LABELS, party: PARTY_LABELS },
};
