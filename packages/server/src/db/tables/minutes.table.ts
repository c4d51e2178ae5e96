import type { Insertable, Selectable } from 'kysely';

/** The working draft of a meeting's minutes. Its text lives in the live document `minutes-<meetingId>`. */
export interface MinutesDraftTable {
  meeting_id: string;
  compound_id: string;
  /** JSON MinutesHeader (core/minutes): title, kind, time, place, convener, frozen at generation. */
  header_json: string;
  generated_at: string;
  generated_by_user_id: string;
  updated_at: string;
}

/**
 * Published versions: insert-only. Triggers in the database refuse UPDATE and DELETE, so not even a
 * hand-written SQL statement changes what residents have read; a correction is version N+1.
 */
export interface MinutesVersionTable {
  id: string;
  meeting_id: string;
  compound_id: string;
  version: number;
  title: string;
  header_json: string;
  body: string;
  /** Null for version 1; the reason for every correction. */
  reason: string | null;
  /** The deadline the first version was due by (null for evening talks), kept with the record. */
  deadline: string | null;
  published_at: string;
  published_by_user_id: string;
  published_by_name: string;
}

/**
 * A member's confirmation of the minutes of a meeting they attended (我已核对，确认签字), of the draft
 * text as it stood (its SHA-256): one row per member and text, so a changed draft is signed again and
 * the earlier signatures stay on record.
 */
export interface MinutesSignatureTable {
  id: string;
  meeting_id: string;
  attendance_id: string;
  user_id: string;
  name: string;
  body_sha256: string;
  signed_at: string;
}

export type MinutesSignatureRow = Selectable<MinutesSignatureTable>;
export type MinutesDraftRow = Selectable<MinutesDraftTable>;
export type MinutesVersionRow = Selectable<MinutesVersionTable>;
export type NewMinutesVersion = Insertable<MinutesVersionTable>;
