import type { ProposalStatus } from '@yishi/core';
import type { Selectable } from 'kysely';

export interface ProposalSettingsTable {
  compound_id: string;
  /** JSON SecondingThreshold (core/proposals/proposals.ts). */
  threshold_json: string;
  updated_by_user_id: string | null;
  updated_at: string;
}

export interface ProposalTable {
  id: string;
  compound_id: string;
  building_id: string | null;
  title: string;
  body: string;
  status: ProposalStatus;
  author_user_id: string;
  author_name: string;
  author_unit_id: string | null;
  /** The threshold in force when it was submitted (later setting changes do not move it). */
  threshold_json: string;
  units_in_scope: number;
  merged_into_id: string | null;
  /** Soft link to meeting_agenda_items (built by the meetings feature). */
  agenda_item_id: string | null;
  vote_id: string | null;
  decision_reason: string | null;
  qualified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProposalSecondTable {
  proposal_id: string;
  unit_id: string;
  user_id: string;
  created_at: string;
}

export interface ProposalEventTable {
  id: string;
  proposal_id: string;
  status: ProposalStatus;
  actor_user_id: string | null;
  actor_name: string;
  note: string;
  created_at: string;
}

export type ProposalRow = Selectable<ProposalTable>;
