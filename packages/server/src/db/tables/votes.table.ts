import type { BallotLogKind, ElectorateKind, StoredBallotChannel, VoteKind, VoteStatus } from '@yishi/core';
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
  /** 1: an owners'-assembly vote (an art. 278 matter) that follows the statutory timeline (core/votes/timeline.ts). */
  statutory: number;
  /** When the voting notice (投票通知公告) was published and the roll frozen for checking. */
  announced_at: string | null;
  /** The end of the roll check (名册核对). */
  roll_check_ends_at: string | null;
  /** The end of the 询异 window after the preliminary result. */
  objection_ends_at: string | null;
  /** When the final result was published (a statutory vote's result is preliminary until then). */
  finalised_at: string | null;
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
  /** The entry's place on the roll (db/natural-key.ts): an owners' entry its unit's sort key, a resident's naturalKey of its label. */
  sort_key: string;
}

/** A compact copy of a vote's frozen roll, written once when it opens (services/vote-tally.ts packs and reads it). */
export interface VotePackedRollTable {
  vote_id: string;
  entries: number;
  /** The entries' voter keys, one a line. */
  keys_text: string;
  /** The distinct sets of owners, one a line, ids comma-separated (an empty line: none). */
  owner_sets_text: string;
  /** JSON [ownerSet[], areaCenti[], developerHeld[]], by entry. */
  numbers_json: string;
}

export interface BallotTable {
  id: string;
  vote_id: string;
  unit_id: string | null;
  person_id: string | null;
  choices_json: string;
  channel: StoredBallotChannel;
  cast_by_user_id: string | null;
  entered_by_user_id: string | null;
  slip_number: string;
  receipt_code: string;
  version: number;
  cast_at: string;
  /** The proxy authorisation it was cast under (told as channel `proxy`), or null. */
  proxy_id: string | null;
  /** Its position in the vote's ballot log (null only for ballots from before the log). */
  log_position: number | null;
}

export interface BallotHistoryTable {
  id: string;
  ballot_id: string;
  vote_id: string;
  version: number;
  choices_json: string;
  channel: StoredBallotChannel;
  cast_by_user_id: string | null;
  entered_by_user_id: string | null;
  receipt_code: string;
  cast_at: string;
  replaced_at: string;
  replaced_by_user_id: string | null;
}

export interface CompoundVoteSettingsTable {
  compound_id: string;
  notice_days: number;
  roll_check_days: number;
  objection_days: number;
  proxy_cap: number;
  updated_by_user_id: string | null;
  updated_at: string;
}

/** A notice a stage of a vote published (append-only): announcement, roll check, extension, preliminary and final result … */
export interface VoteNoticeTable {
  id: string;
  vote_id: string;
  compound_id: string;
  kind: string;
  /** JSON { 'zh-CN', en }. */
  title_json: string;
  /** JSON { 'zh-CN', en }. */
  body_json: string;
  reason: string;
  published_at: string;
  published_by_user_id: string | null;
}

/** One entry of a vote's append-only ballot log (core/votes/ballot-log.ts). */
export interface BallotLogTable {
  vote_id: string;
  position: number;
  kind: BallotLogKind;
  receipt_code: string;
  supersedes: string | null;
  choices_json: string;
  channel: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

export interface BallotLogHeadTable {
  vote_id: string;
  last_position: number;
  last_hash: string;
}

export type VoteRow = Selectable<VoteTable>;
export type BallotRow = Selectable<BallotTable>;
export type VoteElectorateRow = Selectable<VoteElectorateTable>;
export type VotePackedRollRow = Selectable<VotePackedRollTable>;
