import type { Selectable } from 'kysely';

/** A resident's photo of a concern, re-encoded without metadata; see migration 20261214120000_concern_photos. */
export interface ConcernPhotoTable {
  id: string;
  compound_id: string;
  /** Null until the concern is sent. */
  action_item_id: string | null;
  uploaded_by_user_id: string;
  position: number;
  /** 1 when the resident agreed to show it on the public notice board. */
  public: number;
  content_type: string;
  width: number;
  height: number;
  byte_size: number;
  /** Buffer from both drivers (better-sqlite3 BLOB, pg BYTEA). */
  bytes: Uint8Array;
  created_at: string;
}

export type ConcernPhotoRow = Selectable<ConcernPhotoTable>;
/** What a view needs of a photo: never its bytes. */
export type ConcernPhotoMeta = Omit<ConcernPhotoRow, 'bytes'>;
