import type { AccessCodeKind, StaffRole } from '@yishi/core';
import type { Generated, Selectable } from 'kysely';

export interface UserTable {
  id: string;
  person_id: string | null;
  username: string | null;
  phone: string | null;
  display_name: string;
  /** Argon2id; '' when the account has no password (invited and not set up yet, or SMS-code login only). */
  password_hash: string;
  locale: string;
  disabled: number;
  created_at: string;
  /** When the person set the account up themselves (activation or invitation); null while pending. */
  activated_at: string | null;
  privacy_consent_at: string | null;
  privacy_notice_version: string | null;
  /** For notices by e-mail, set by the person alone (staff never see it); null when none. */
  email: string | null;
  /** Moved on by the database whenever the account's grants or units change (migration 20270103090000). */
  access_version: Generated<number>;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  scope_id: string;
  /** For party_rep: community | department | owners_committee | property_manager. */
  party: string | null;
  /** The organisation represented, e.g. 区住建局 or 某某物业. */
  organisation: string | null;
  title: string | null;
  granted_at: string | null;
  granted_by_user_id: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  absolute_expires_at: string;
  last_seen_at: string;
  user_agent: Generated<string>;
  ip: Generated<string>;
}

export interface InstallationTable {
  id: number;
  set_up_at: string;
  subdistrict_id: string;
}

export interface SetupTokenTable {
  /** sha256 of the token in the setup link. */
  id: string;
  created_at: string;
}

export interface AccessCodeTable {
  id: string;
  /** sha256 of the normalised code; the code itself is never stored. */
  code_hash: string;
  kind: AccessCodeKind;
  /** Whom the code activates (a roster person) … */
  person_id: string | null;
  /** … or whose account it opens (an invited staff member). */
  user_id: string | null;
  /** SMS codes: the phone it was sent to. */
  phone: string | null;
  batch_id: string | null;
  created_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  voided_at: string | null;
  attempts: Generated<number>;
}

export interface LetterBatchTable {
  id: string;
  compound_id: string;
  building_id: string | null;
  created_by_user_id: string;
  created_at: string;
  letter_count: number;
}

export interface GrantEventTable {
  id: string;
  at: string;
  action: 'grant' | 'revoke';
  by_user_id: string | null;
  user_id: string;
  role: StaffRole;
  scope_kind: string;
  scope_id: string;
  /** The subdistrict the place is in, so a subdistrict's record is one indexed read. */
  subdistrict_id: string;
  party: string | null;
  organisation: string | null;
  title: string | null;
}

export interface RateEventTable {
  id: string;
  bucket: string;
  key: string;
  at: string;
}

export interface LoginFailureTable {
  id: string;
  login_key: string;
  ip: string;
  failed_at: string;
}

export interface RosterImportTable {
  id: string;
  compound_id: string;
  user_id: string;
  created_at: string;
  row_count: number;
  units_created: number;
  units_updated: number;
  units_unchanged: number;
  persons_created: number;
}

export type UserRow = Selectable<UserTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentTable>;
export type AccessCodeRow = Selectable<AccessCodeTable>;
