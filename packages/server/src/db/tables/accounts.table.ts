import type { Selectable } from 'kysely';

export interface UserTable {
  id: string;
  person_id: string | null;
  username: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string;
  locale: string;
  disabled: number;
  created_at: string;
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
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  absolute_expires_at: string;
  last_seen_at: string;
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
