/** The live documents' store (collab/persistence.ts): a snapshot per document plus the log after it. */
import type { Generated } from 'kysely';

export interface CollabSnapshotTable {
  /** The document name, e.g. `agenda-<meetingId>`. */
  id: string;
  /** Y.encodeStateAsUpdate of everything folded so far (empty before the first compaction). */
  snapshot: Uint8Array;
  updated_at: string;
}

export interface CollabLogTable {
  /** Assigned by the database; orders the log, whichever server instance wrote the row. */
  id: Generated<number>;
  doc_name: string;
  /** One Yjs update (v1 encoding), as received. */
  update_bytes: Uint8Array;
  user_id: string | null;
  created_at: string;
}
