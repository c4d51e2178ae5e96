import type { ActionItemSourceKind, ActionItemStatus, ActionItemUpdateKind, LedgerEntryKind, Rating, ResponseLevel, Triage } from '@yishi/core';
import type { Insertable, Selectable } from 'kysely';

export interface ActionItemTable {
  id: string;
  compound_id: string;
  title: string;
  description: string;
  location: string;
  source_kind: ActionItemSourceKind;
  source_id: string;
  source_meeting_id: string | null;
  /** A party code (community, owners_committee, property_manager, grid) or `department:<name>`. */
  responsible_unit: string | null;
  handler_name: string | null;
  measures: string;
  triage: Triage;
  status: ActionItemStatus;
  deadline_workdays: number;
  listed_at: string;
  /** China date YYYY-MM-DD: the last working day on time. */
  due_date: string;
  /** 1 when the count ran into a year without holiday data (an estimate, shown flagged). */
  due_date_provisional: number;
  /** Urgent concerns on the "1341" clock; null otherwise. */
  urgency: ResponseLevel | null;
  target_on_site_at: string | null;
  target_resolve_at: string | null;
  on_site_at: string | null;
  /** The resident who raised it (personal data: never shown publicly). */
  raised_by_user_id: string | null;
  created_by_user_id: string | null;
  resolved_at: string | null;
  /** The account that resolved it last: it may not sign it off (the sign-off is another person's check). */
  resolved_by_user_id: string | null;
  evidence: string | null;
  /** JSON array of photo URLs. */
  evidence_photos: string;
  sign_off_number: string | null;
  signed_off_at: string | null;
  signed_off_by_user_id: string | null;
  signed_off_by_name: string | null;
  resolution: string | null;
  reopen_count: number;
  created_at: string;
  updated_at: string;
}

export interface ActionItemUpdateTable {
  id: string;
  action_item_id: string;
  kind: ActionItemUpdateKind;
  text: string;
  photos: string;
  from_value: string | null;
  to_value: string | null;
  author_user_id: string | null;
  author_name: string;
  created_at: string;
}

export interface ActionItemRatingTable {
  id: string;
  action_item_id: string;
  user_id: string;
  sign_off_number: string;
  rating: Rating;
  comment: string;
  reopened: number;
  created_at: string;
}

/**
 * How many items are signed off now, per compound, China day signed off, on time or not, listed by
 * then or not and latest rating ('' for none): kept by triggers (migration 20270104080000), read by
 * the dashboard and the board for a period's sign-offs.
 */
export interface SignOffTallyTable {
  compound_id: string;
  signed_on: string;
  on_time: number;
  forward: number;
  rating: Rating | '';
  count: number;
}

/** How many of the items signed off on a day were listed on each earlier (or the same) day: their working days. */
export interface SignOffListingTallyTable {
  compound_id: string;
  signed_on: string;
  listed_on: string;
  count: number;
}

export interface SignOffCounterTable {
  compound_id: string;
  year: number;
  last_value: number;
}

export interface LedgerHeadTable {
  compound_id: string;
  last_seq: number;
  last_hash: string;
}

export interface LedgerEntryTable {
  id: string;
  compound_id: string;
  seq: number;
  kind: LedgerEntryKind;
  action_item_id: string;
  sign_off_number: string | null;
  payload: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

export type ActionItemRow = Selectable<ActionItemTable>;
export type NewActionItem = Insertable<ActionItemTable>;
export type ActionItemUpdateRow = Selectable<ActionItemUpdateTable>;
export type ActionItemRatingRow = Selectable<ActionItemRatingTable>;
export type LedgerEntryRow = Selectable<LedgerEntryTable>;
