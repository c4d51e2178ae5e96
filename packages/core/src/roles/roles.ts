/**
 * Who is who in Yishi. Staff roles are granted at a place (scope); `owner` and `resident` follow from
 * the units a person owns or lives in; `public` is everybody, logged in or not.
 */
import type { Locale } from '../i18n/locale.js';
import type { PlaceKind } from '../places/places.js';

export const STAFF_ROLES = [
  'subdistrict_committee',
  'community_staff',
  'station_chief',
  'station_deputy',
  'building_head',
  'grid_worker',
  'party_rep',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLES = [...STAFF_ROLES, 'owner', 'resident'] as const;
export type Role = (typeof ROLES)[number];

/** The four parties at a four-party council table. */
export const PARTIES = ['community', 'department', 'owners_committee', 'property_manager'] as const;
export type Party = (typeof PARTIES)[number];

/** The kind of place each staff role is granted at. */
export const ROLE_SCOPE: Record<StaffRole, PlaceKind> = {
  subdistrict_committee: 'subdistrict',
  community_staff: 'community',
  station_chief: 'compound',
  station_deputy: 'compound',
  building_head: 'building',
  grid_worker: 'grid',
  party_rep: 'compound',
};

export const ROLE_LABELS: Record<Role, Record<Locale, string>> = {
  subdistrict_committee: { 'zh-CN': '街道党工委', en: 'Subdistrict party committee' },
  community_staff: { 'zh-CN': '社区干部', en: 'Community staff' },
  station_chief: { 'zh-CN': '服务站站长', en: 'Service-station chief' },
  station_deputy: { 'zh-CN': '服务站副站长', en: 'Service-station deputy' },
  building_head: { 'zh-CN': '楼栋长', en: 'Building head' },
  grid_worker: { 'zh-CN': '网格员', en: 'Grid worker' },
  party_rep: { 'zh-CN': '四方代表', en: 'Four-party representative' },
  owner: { 'zh-CN': '业主', en: 'Owner' },
  resident: { 'zh-CN': '居民', en: 'Resident' },
};

export const PARTY_LABELS: Record<Party, Record<Locale, string>> = {
  community: { 'zh-CN': '街道（社区）', en: 'Subdistrict / community' },
  department: { 'zh-CN': '职能部门', en: 'Government departments' },
  owners_committee: { 'zh-CN': '业委会', en: "Owners' committee" },
  property_manager: { 'zh-CN': '物业企业', en: 'Property-management company' },
};

/** Roles that staff a compound day to day; used by routes that any compound staff may call. */
export const COMPOUND_STAFF: readonly StaffRole[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'];
