/** What proxies and paper-ballot review can refuse, in both languages, with the HTTP status. */
import type { MessageTable } from '../i18n/error-messages.js';

export const proxyMessages = {
  proxy_not_for_polls: {
    'zh-CN': '委托投票只适用于业主表决，居民征询每人自己投票',
    en: "Proxies are for owners' votes only; in a residents' poll everyone votes for themselves",
  },
  proxy_not_found: { 'zh-CN': '找不到该委托', en: 'Proxy authorisation not found' },
  proxy_phone_unknown: {
    'zh-CN': '手机号 {phone} 还没有议事平台账号。请受托人先用该手机号激活账号，再办理委托。',
    en: 'Nobody has a Yishi account with the phone {phone}. The proxy activates an account with this phone first, then you authorise them.',
  },
  proxy_principal_no_phone: {
    'zh-CN': '您的账号没有手机号，无法用短信确认委托。请带上签字的委托书到物业服务中心或社区工作站办理。',
    en: 'Your account has no phone, so the authorisation cannot be confirmed by SMS. Bring the signed form to the office and staff will record it.',
  },
  proxy_self: { 'zh-CN': '不能委托自己', en: 'You cannot authorise yourself' },
  proxy_not_owner: {
    'zh-CN': '{unit} 不是该委托人在本次表决名册上的房屋，不能委托',
    en: '{unit} is not a unit of this principal on the roll of this vote, so it cannot be delegated',
  },
  proxy_unit_taken: {
    'zh-CN': '{unit} 已有有效委托，请先撤销原委托',
    en: '{unit} already has a proxy; revoke that authorisation first',
  },
  proxy_cap_reached: {
    'zh-CN': '该受托人在本次表决中已代理 {cap} 位业主，达到本小区规定的上限（每位受托人最多代理 {cap} 位）',
    en: 'This proxy already acts for {cap} owners in this vote, the most this compound allows',
  },
  proxy_photo_required: { 'zh-CN': '请上传签字的授权委托书照片', en: 'Upload a photo of the signed authorisation form' },
  proxy_not_pending: { 'zh-CN': '该委托已确认或已撤销', en: 'This authorisation is already confirmed or revoked' },
  proxy_not_confirmed: {
    'zh-CN': '该委托尚未由委托人确认（或已撤销），暂不能代为投票',
    en: 'This authorisation is not confirmed by the principal (or was revoked); the proxy cannot vote yet',
  },
  proxy_code_wrong: { 'zh-CN': '验证码不正确，还可以再试 {left} 次', en: 'Wrong code; {left} tries left' },
  proxy_code_expired: {
    'zh-CN': '验证码已过期或已失效，请重新发送验证码',
    en: 'The code has expired or is no longer valid; send a new one',
  },
  proxy_principal_voted: {
    'zh-CN': '委托人已亲自为 {unit} 投票，以委托人本人的投票为准，受托人不能再投或修改',
    en: 'The principal voted for {unit} in person; their own ballot counts and the proxy can no longer cast or change it',
  },
  proxy_vote_closed: { 'zh-CN': '表决已结束，委托不能再更改', en: 'The vote has closed; the authorisation can no longer change' },
  paper_photo_required: { 'zh-CN': '请拍照上传签字的纸质选票', en: 'Upload a photo of the signed paper slip' },
  paper_slip_required: { 'zh-CN': '请填写纸质选票编号', en: 'Enter the number of the paper slip' },
  paper_entry_not_found: { 'zh-CN': '找不到该纸质票录入记录', en: 'Paper ballot entry not found' },
  paper_entry_reviewed: { 'zh-CN': '该纸质票已经复核过了', en: 'This paper ballot entry was already reviewed' },
  paper_same_staff: {
    'zh-CN': '录入人不能复核自己录入的纸质票，请由另一位工作人员对照照片复核',
    en: 'Whoever entered a paper ballot cannot confirm it; a second staff member compares it with the photo',
  },
  paper_entry_pending: {
    'zh-CN': '{unit} 已有一张待复核的纸质票，请先复核或退回',
    en: '{unit} already has a paper ballot waiting for review; confirm or reject it first',
  },
} as const satisfies MessageTable;

export const proxyStatuses: Partial<Record<keyof typeof proxyMessages, number>> = {
  proxy_not_found: 404,
  paper_entry_not_found: 404,
  proxy_not_pending: 409,
  proxy_unit_taken: 409,
  proxy_cap_reached: 409,
  proxy_principal_voted: 409,
  proxy_vote_closed: 409,
  paper_entry_reviewed: 409,
  paper_entry_pending: 409,
  paper_same_staff: 403,
  proxy_not_confirmed: 403,
};
