import type { BallotDisputeKind, ObjectionStatus, RollObjectionKind } from '@yishi/core';
import type { Selectable } from 'kysely';

/** An owner's objection to their own entry on a vote's frozen roll (名册核对). */
export interface RollObjectionTable {
  id: string;
  vote_id: string;
  compound_id: string;
  voter_key: string;
  unit_id: string;
  raised_by_user_id: string;
  raised_by_person_id: string | null;
  kind: RollObjectionKind;
  text: string;
  /** The area the owner says is right, in hundredths of m², or null. */
  claimed_area_centi: number | null;
  status: ObjectionStatus;
  resolution_reason: string;
  resolved_by_user_id: string | null;
  resolved_at: string | null;
  /** JSON RollEntryValues before and after an upheld correction. */
  before_json: string | null;
  after_json: string | null;
  created_at: string;
}

/** An owner's dispute (询异) of a published ballot, named by its receipt code. */
export interface BallotDisputeTable {
  id: string;
  vote_id: string;
  compound_id: string;
  receipt_code: string;
  raised_by_user_id: string;
  kind: BallotDisputeKind;
  text: string;
  status: ObjectionStatus;
  resolution_reason: string;
  resolved_by_user_id: string | null;
  resolved_at: string | null;
  /** JSON string[] set by an upheld correction of a paper ballot, or null. */
  corrected_choices_json: string | null;
  correction_log_position: number | null;
  created_at: string;
}

export type RollObjectionRow = Selectable<RollObjectionTable>;
export type BallotDisputeRow = Selectable<BallotDisputeTable>;
