import type { BallotChannel, ElectorateKind, VoteKind, VoteStatus } from '@yishi/core';
import type { Selectable } from 'kysely';

export interface VoteTable {
  id: string;
  compound_id: string;
  /** A building-scoped vote (electing a building head): only that building's units vote. */
  building_id: string | null;
  title: string;
  description: string;
  kind: VoteKind;
  electorate_kind: ElectorateKind;
  /** JSON [{ id, label }]. */
  options_json: string;
  max_choices: number;
  /** JSON VoteRule (core/votes/rules.ts). */
  rule_json: string;
  secret: number;
  status: VoteStatus;
  opens_at: string | null;
  closes_at: string;
  opened_at: string | null;
  closed_at: string | null;
  /** Null when the scheduler closed it on time. */
  closed_by_user_id: string | null;
  /**
   * direct | proposal | agenda_item (core VOTE_SOURCE_KINDS). Kept as text: the minutes record also
   * asks this column for another value, and a union here would refuse that query.
   */
  source_kind: string;
  source_id: string | null;
  /** JSON TallyResult, frozen at closing. */
  result_json: string | null;
  created_by_user_id: string;
  created_at: string;
  updated_at: string;
}

export interface VoteElectorateTable {
  vote_id: string;
  voter_key: string;
  unit_id: string | null;
  person_id: string | null;
  label: string;
  /** JSON string[]. */
  owner_person_ids: string;
  area_centi: number;
  developer_held: number;
}

export interface BallotTable {
  id: string;
  vote_id: string;
  unit_id: string | null;
  person_id: string | null;
  choices_json: string;
  channel: BallotChannel;
  cast_by_user_id: string | null;
  entered_by_user_id: string | null;
  slip_number: string;
  receipt_code: string;
  version: number;
  cast_at: string;
}

export interface BallotHistoryTable {
  id: string;
  ballot_id: string;
  vote_id: string;
  version: number;
  choices_json: string;
  channel: BallotChannel;
  cast_by_user_id: string | null;
  entered_by_user_id: string | null;
  receipt_code: string;
  cast_at: string;
  replaced_at: string;
  replaced_by_user_id: string | null;
}

export type VoteRow = Selectable<VoteTable>;
export type BallotRow = Selectable<BallotTable>;
export type VoteElectorateRow = Selectable<VoteElectorateTable>;
