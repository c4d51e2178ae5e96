import type { MeetingKind, MeetingStatus, OutcomeKind, Party, QuestionCategory, QuestionStatus } from '@yishi/core';
import type { Generated, Insertable, Selectable } from 'kysely';

export interface MeetingTable {
  id: string;
  compound_id: string;
  kind: MeetingKind;
  title: string;
  starts_at: string;
  duration_minutes: number;
  place: string;
  status: MeetingStatus;
  convener_user_id: string;
  /** Set when the agenda document was written into meeting_agenda_items and locked. */
  agenda_frozen_at: string | null;
  scheduled_at: string | null;
  started_at: string | null;
  closed_at: string | null;
  /** What the hall screen shows now. */
  hall_agenda_item_id: string | null;
  hall_question_id: string | null;
  /** A meeting open to all: how many residents came, as the worker counted them; null until counted. */
  resident_count: Generated<number | null>;
  /** 1: entered after it was held (补录), with no notice; its session's times are the ones entered. */
  recorded: Generated<number>;
  /** Raised by one on every change (the repository does it): the calendar's SEQUENCE. */
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MeetingAgendaItemTable {
  id: string;
  meeting_id: string;
  /** The item's id inside the agenda document; re-freezing updates the same row. */
  doc_item_id: string;
  position: number;
  title: string;
  /** The presenting party, or '' for none. */
  party: Party | '';
  minutes: number;
  notes: string;
  /** JSON array of strings. */
  links: string;
  outcome: OutcomeKind | null;
  /** JSON array of parties. */
  agreed_parties: string;
  /** A members' decision: JSON array of the attendance ids of the members who agreed. */
  agreed_members: Generated<string>;
  outcome_note: string;
  outcome_recorded_by: string | null;
  outcome_recorded_at: string | null;
  action_item_id: string | null;
  frozen_at: string;
}

export interface MeetingAttendanceTable {
  id: string;
  meeting_id: string;
  user_id: string | null;
  name: string;
  /**
   * One of the four parties, or null. Stays a string: invitations copy it from the representative's
   * grant (role_assignments.party, a string column of the accounts tables).
   */
  party: string | null;
  organisation: string;
  invited: number;
  signed_in_at: string | null;
  signed_in_by: string | null;
  created_at: string;
}

export interface MeetingQuestionTable {
  id: string;
  meeting_id: string;
  compound_id: string;
  /** 1, 2, 3 … within the meeting, as read out in the hall. */
  number: number;
  status: QuestionStatus;
  /** null for anonymous questions and for questions staff recorded from the floor. */
  asked_by_user_id: string | null;
  asker_name: string | null;
  anonymous: number;
  recorded_by_user_id: string | null;
  building_id: string | null;
  category: QuestionCategory;
  text: string;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  /** The last correction of the answer (its words or who gave it), and the account that made it; null if never. */
  answer_corrected_at: string | null;
  answer_corrected_by: string | null;
  measures: string | null;
  merged_into_id: string | null;
  action_item_id: string | null;
  handled_at: string | null;
  created_at: string;
}

export type MeetingRow = Selectable<MeetingTable>;
export type NewMeeting = Insertable<MeetingTable>;
export type AgendaItemRow = Selectable<MeetingAgendaItemTable>;
export type NewAgendaItem = Insertable<MeetingAgendaItemTable>;
export type AttendanceRow = Selectable<MeetingAttendanceTable>;
export type QuestionRow = Selectable<MeetingQuestionTable>;
