/**
 * Durable storage of live documents: a compacted snapshot per document plus the log of updates the
 * server received after it. Loading applies the snapshot and the log into a fresh Y.Doc; compacting
 * does the same and re-encodes the result (as y-leveldb does) — never Y.mergeUpdates over a long log,
 * which is slow and memory-hungry on real histories (yjs #710).
 */
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database } from '../db/database.js';
import type { Db } from '../db/repositories/places.repository.js';

const toB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export interface StoredDocument {
  doc: Y.Doc;
  /** Highest sequence number stored for this document (0 when it has never been written). */
  lastSeq: number;
  /** Updates in the log after the snapshot. */
  logLength: number;
}

export async function loadStoredDocument(db: Db, name: string): Promise<StoredDocument> {
  const doc = new Y.Doc({ gc: true });
  const head = await db.selectFrom('collab_documents').select(['snapshot', 'snapshot_seq']).where('name', '=', name).executeTakeFirst();
  const updates = await db
    .selectFrom('collab_updates')
    .select(['seq', 'update_b64'])
    .where('doc_name', '=', name)
    .where('seq', '>', head?.snapshot_seq ?? 0)
    .orderBy('seq')
    .execute();
  doc.transact(() => {
    if (head) Y.applyUpdate(doc, fromB64(head.snapshot));
    for (const u of updates) Y.applyUpdate(doc, fromB64(u.update_b64));
  });
  const lastSeq = Math.max(head?.snapshot_seq ?? 0, ...updates.map((u) => u.seq));
  return { doc, lastSeq, logLength: updates.length };
}

export async function appendUpdate(db: Db, name: string, seq: number, update: Uint8Array, userId: string | null, now: Date): Promise<void> {
  await db.insertInto('collab_updates').values({ doc_name: name, seq, update_b64: toB64(update), user_id: userId, created_at: now.toISOString() }).execute();
}

/** Folds the log into the snapshot, in one transaction; returns the number of updates folded. */
export async function compactDocument(db: Kysely<Database>, name: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stored = await loadStoredDocument(trx, name);
    if (stored.logLength === 0) {
      stored.doc.destroy();
      return 0;
    }
    const snapshot = toB64(Y.encodeStateAsUpdate(stored.doc));
    stored.doc.destroy();
    const existing = await trx.selectFrom('collab_documents').select('name').where('name', '=', name).executeTakeFirst();
    if (existing) {
      await trx.updateTable('collab_documents').set({ snapshot, snapshot_seq: stored.lastSeq, updated_at: now.toISOString() }).where('name', '=', name).execute();
    } else {
      await trx.insertInto('collab_documents').values({ name, snapshot, snapshot_seq: stored.lastSeq, updated_at: now.toISOString() }).execute();
    }
    await trx.deleteFrom('collab_updates').where('doc_name', '=', name).where('seq', '<=', stored.lastSeq).execute();
    return stored.logLength;
  });
}

/** Writes a whole document as its first snapshot (seed data, imports); refuses to overwrite. */
export async function storeNewDocument(db: Db, name: string, doc: Y.Doc, now: Date): Promise<void> {
  await db.insertInto('collab_documents').values({ name, snapshot: toB64(Y.encodeStateAsUpdate(doc)), snapshot_seq: 0, updated_at: now.toISOString() }).execute();
}
