import type { Selectable } from 'kysely';

/** What a photo shows: a resident's concern, or staff's evidence of the work on an item. */
export type PhotoPurpose = 'concern' | 'evidence' | 'vote';

/**
 * A photo re-encoded without metadata: a resident's of their concern, or staff's evidence on an action
 * item; see migrations 20261214120000_concern_photos and 20261231090000_photos.
 */
export interface PhotoTable {
  id: string;
  compound_id: string;
  /** Null until the concern, progress update or resolution is sent. */
  action_item_id: string | null;
  uploaded_by_user_id: string;
  position: number;
  /** 1 when it may be shown on the public notice board (a resident's agreement; evidence always). */
  public: number;
  purpose: PhotoPurpose;
  /** A vote's photo (a signed authorisation form or paper slip): it belongs to the vote once used. */
  vote_id: string | null;
  content_type: string;
  width: number;
  height: number;
  byte_size: number;
  /** Buffer from both drivers (better-sqlite3 BLOB, pg BYTEA). */
  bytes: Uint8Array;
  created_at: string;
}

export type PhotoRow = Selectable<PhotoTable>;
/** What a view needs of a photo: never its bytes. */
export type PhotoMeta = Omit<PhotoRow, 'bytes'>;
