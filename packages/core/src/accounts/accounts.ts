/**
 * Accounts as a real subdistrict gets them: the first administrator, staff granted roles at their
 * places, and owners and residents who activate their own accounts with a one-time code (a letter
 * delivered by the building head, an SMS, or a code a staff member issues in person). The rules
 * here are pure: who may grant what, how codes look, how long they live, how phones are shown.
 */
import type { StaffRole } from '../roles/roles.js';

/**
 * Who may grant (and revoke) which roles. A role is never granted above the granter's own, and
 * only at places the granter's own grant covers (checked by the server with the place chain). The
 * subdistrict committee and community staff may add colleagues; a station chief builds the
 * station's team; everybody else grants nothing.
 */
export const GRANTABLE_BY: Record<StaffRole, readonly StaffRole[]> = {
  subdistrict_committee: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
  community_staff: ['community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
  station_chief: ['station_deputy', 'building_head', 'grid_worker', 'party_rep'],
  station_deputy: [],
  building_head: [],
  grid_worker: [],
  party_rep: [],
};

/** Roles that can grant anything at all (the staff page is theirs). */
export const GRANTING_ROLES: readonly StaffRole[] = ['subdistrict_committee', 'community_staff', 'station_chief'];

/** Whether a person holding `held` may grant `role`. */
export function mayGrantRole(held: StaffRole, role: StaffRole): boolean {
  return GRANTABLE_BY[held].includes(role);
}

/** What a one-time code opens, and how long it lives. */
export const ACCESS_CODE_KINDS = ['letter', 'staff', 'invitation', 'sms'] as const;
export type AccessCodeKind = (typeof ACCESS_CODE_KINDS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
export const ACCESS_CODE_TTL_MS: Record<AccessCodeKind, number> = {
  /** An activation letter, delivered door to door by the building head. */
  letter: 30 * DAY,
  /** A code a staff member or building head issues in person (activation or a forgotten password). */
  staff: 3 * DAY,
  /** A staff member's invitation link. */
  invitation: 7 * DAY,
  /** A code sent by SMS. */
  sms: 5 * MINUTE,
};

/** Wrong SMS codes tried against one sent code before it is void (a 6-digit code must not be guessable). */
export const SMS_CODE_MAX_ATTEMPTS = 5;

/**
 * Letter, staff and invitation codes: 10 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), about 50 bits, printed as two groups of five. SMS codes are 6 digits and live 5 minutes.
 */
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACCESS_CODE_LENGTH = 10;

/** What someone typed, as the code it means: upper case, spaces and dashes dropped. */
export function normaliseAccessCode(text: string): string {
  return text.toUpperCase().replace(/[\s\-_]/g, '');
}

/** 'K7QM4XPTHR' → 'K7QM4-XPTHR', as printed on letters and shown on screen. */
export function formatAccessCode(code: string): string {
  return code.length === ACCESS_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

export const PHONE_PATTERN = /^1\d{10}$/;

/** 13800000001 → 138****0001: how a phone number is shown to anyone but its owner and the roster's keepers. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  return PHONE_PATTERN.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/.(?=.{2})/g, '*');
}

/** 王建国 → 王*国, 李红 → 李*: a name on a screen that someone else may be reading over a shoulder. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The privacy notice an owner agrees to when activating (个人信息保护法 arts. 13–17: purpose, what is
 * processed, how long, the person's rights). Its version is stored with the consent.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';
export const PRIVACY_NOTICE = {
  'zh-CN': [
    '议事平台由所在街道、社区用于小区议事、业主表决和问题办理。',
    '我们处理的个人信息：您的姓名、手机号、房屋（楼栋、单元、房号、面积），以及您在平台上的投票、提议和反映的问题。',
    '用途：核实您的业主或居民身份、按《民法典》第二百七十八条计票、通知您表决和会议、办理您反映的问题。不用于其他用途，不向无关方提供。',
    '其他人看到的您的手机号会被部分隐藏（如 138****0001）；只有您本人和负责花名册的工作人员能看到完整号码。不记名表决中，工作人员看不到您的选择。',
    '保存期限：在您作为业主或居民期间及依法需要保存的期限内（表决记录可能作为诉讼证据保存）。',
    '您可以随时查看、更正您的信息，可以退出所有设备的登录；如有疑问，请联系社区或楼栋长。',
  ],
  en: [
    "Yishi is run by your subdistrict and community for neighbourhood meetings, owners' votes and the handling of concerns.",
    'What we process: your name, phone number and units (building, entrance, room, floor area), and your votes, proposals and reported concerns.',
    'Why: to confirm that you are an owner or resident, to count votes under Civil Code art. 278, to tell you about votes and meetings and to handle your concerns. Nothing else, and never shared with unrelated parties.',
    'Others see your phone number partly hidden (138****0001); only you and the staff who keep the roster see all of it. In a secret vote, staff cannot see your choice.',
    'How long: while you are an owner or resident, and as long as the law requires (vote records may be kept as evidence).',
    'You can see and correct your data at any time and sign out of every device; ask your community office or building head if in doubt.',
  ],
} as const;

/**
 * The notice a staff member or four-party representative agrees to when activating an invitation:
 * what the platform keeps of them is their grants and what they did in their role, not a flat.
 */
export const PRIVACY_NOTICE_STAFF_VERSION = 'staff-2026-12-07';
export const PRIVACY_NOTICE_STAFF = {
  'zh-CN': [
    '议事平台由所在街道、社区用于小区议事、业主表决和问题办理。您以工作人员或四方代表的身份使用它。',
    '我们处理的个人信息：您的姓名、手机号、职务和授权范围（哪个街道、社区、小区或楼栋），以及您在平台上的操作记录（如签到、录入、办理、销号、发布）。',
    '用途：核实您的授权、向您发送工作通知（会议、待办、到期提醒）、记录谁在何时做了什么以备核查。不用于其他用途，不向无关方提供。',
    '您的姓名和职务会出现在会议纪要、公示和办理记录中。不记名表决中，您也看不到业主的选择。',
    '保存期限：在您任职期间及依法需要保存的期限内；授权撤销后，已有的操作记录仍按规定保存。',
    '您可以随时查看、更正您的信息，可以退出所有设备的登录；如有疑问，请联系街道管理员。',
  ],
  en: [
    "Yishi is run by your subdistrict and community for neighbourhood meetings, owners' votes and the handling of concerns. You use it as a member of staff or a four-party representative.",
    'What we process: your name, phone number, post and what you are granted (which subdistrict, community, compound or building), and a record of what you do on the platform (signing in, entering, handling, signing off, publishing).',
    'Why: to confirm your grants, to send you work notices (meetings, tasks, deadlines) and to record who did what and when, for checking later. Nothing else, and never shared with unrelated parties.',
    "Your name and post appear in minutes, public notices and the record of handling. In a secret vote you cannot see owners' choices either.",
    'How long: while you hold the post, and as long as the law requires; after a grant is revoked, the record of what was done is kept as required.',
    'You can see and correct your data at any time and sign out of every device; ask your subdistrict administrator if in doubt.',
  ],
} as const;

/**
 * Which notice an account's activation shows and records: an owner's or resident's for someone with
 * flats, a staff member's for someone with grants and no flat, both for a building head who owns a flat.
 */
export type PrivacyNoticeAudience = 'resident' | 'staff' | 'both';

export function privacyNoticeAudience(account: { units: readonly unknown[]; grants: readonly unknown[] }): PrivacyNoticeAudience {
  if (account.grants.length === 0) return 'resident';
  return account.units.length === 0 ? 'staff' : 'both';
}

/** The version recorded with the consent: each notice's, joined when both were shown. */
export function privacyNoticeVersion(audience: PrivacyNoticeAudience): string {
  if (audience === 'resident') return PRIVACY_NOTICE_VERSION;
  return audience === 'staff' ? PRIVACY_NOTICE_STAFF_VERSION : `${PRIVACY_NOTICE_VERSION}+${PRIVACY_NOTICE_STAFF_VERSION}`;
}
