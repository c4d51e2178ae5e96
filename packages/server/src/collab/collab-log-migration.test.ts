/**
 * The migration from the first live-document store (base64 text, a per-process sequence number) to
 * the bytes-and-database-ids one keeps every document's content, and can be rolled back.
 */
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { createTestDatabase } from '../testing/test-app.js';
import { loadStoredDocument } from './persistence.js';

let store: { url: string; drop: () => Promise<void> };
let db: Kysely<Database>;
let migrator: Migrator;
beforeEach(async () => {
  store = await createTestDatabase();
  db = openDatabase(store.url).db;
  migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
});
afterEach(async () => {
  await db.destroy();
  await store.drop();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

it('carries snapshots and the log after them over to the new tables, and back', async () => {
  expect((await migrator.migrateTo('20261121130000_minutes')).error).toBeUndefined();
  // The tables as they were before the migration under test: not in today's Database type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const old = db as unknown as Kysely<any>;
  const doc = new Y.Doc();
  const map = doc.getMap<string>('m');
  const steps: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => steps.push(u));
  for (const key of ['a', 'b', 'c', 'd']) map.set(key, key);
  // Steps 1–2 are folded into the snapshot; 3–4 are the log after it (1 is still there, as a
  // compaction interrupted between its update and its delete would leave it).
  const folded = new Y.Doc();
  Y.applyUpdate(folded, steps[0]!);
  Y.applyUpdate(folded, steps[1]!);
  await old
    .insertInto('collab_documents')
    .values({ name: 'agenda-m1', snapshot: b64(Y.encodeStateAsUpdate(folded)), snapshot_seq: 2, updated_at: 'then' })
    .execute();
  for (const [i, seq] of [
    [0, 1],
    [2, 3],
    [3, 4],
  ] as const) {
    await old
      .insertInto('collab_updates')
      .values({ doc_name: 'agenda-m1', seq, update_b64: b64(steps[i]!), user_id: null, created_at: 'then' })
      .execute();
  }
  await old
    .insertInto('collab_updates')
    .values({ doc_name: 'minutes-m2', seq: 1, update_b64: b64(steps[0]!), user_id: 'u', created_at: 'then' })
    .execute();

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  const stored = await loadStoredDocument(db, 'agenda-m1');
  expect(stored.doc.getMap('m').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c', d: 'd' });
  expect(stored.logLength).toBe(2);
  expect((await loadStoredDocument(db, 'minutes-m2')).doc.getMap('m').toJSON()).toEqual({ a: 'a' });

  expect((await migrator.migrateTo('20261121130000_minutes')).error).toBeUndefined();
  const back = await old.selectFrom('collab_updates').select(['doc_name', 'seq']).orderBy('doc_name').orderBy('seq').execute();
  expect(back).toEqual([
    { doc_name: 'agenda-m1', seq: 1 },
    { doc_name: 'agenda-m1', seq: 2 },
    { doc_name: 'minutes-m2', seq: 1 },
  ]);
  const head = await old.selectFrom('collab_documents').select(['name', 'snapshot']).executeTakeFirstOrThrow();
  const restored = new Y.Doc();
  Y.applyUpdate(restored, new Uint8Array(Buffer.from(head.snapshot, 'base64')));
  expect(restored.getMap('m').toJSON()).toEqual({ a: 'a', b: 'b' });
});
