/**
 * The update log with several writers: two server instances (on PostgreSQL, two connection pools on
 * one database; on SQLite, the one connection shared, calls interleaved) append to and compact the
 * same document at once. Nothing appended may be lost, whichever order things commit in.
 */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { openDatabase, sqliteHandleOf } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase } from '../testing/test-app.js';
import { appendUpdate, appendUpdates, compactDocument, compactionTestHooks, loadStoredDocument, storeNewDocument } from './persistence.js';

const NAME = 'agenda-persistencetest';
const now = () => new Date('2026-11-21T02:00:00.000Z');

let store: { url: string; drop: () => Promise<void> };
let dbs: Array<Kysely<Database>>;
let dialect: 'sqlite' | 'postgres';

beforeEach(async () => {
  store = await createTestDatabase();
  const first = openDatabase(store.url);
  dialect = first.dialect;
  await migrateToLatest(first.db);
  // A second instance: its own pool on PostgreSQL; on SQLite the same handle (one writer per file).
  dbs = [first.db, dialect === 'postgres' ? openDatabase(store.url).db : first.db];
});
afterEach(async () => {
  for (const db of new Set(dbs)) await db.destroy();
  await store.drop();
});

/** A Yjs update that sets `key` in the document's map, as a client would send it. */
function updateSetting(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, key);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function storedKeys(db: Kysely<Database>): Promise<string[]> {
  const stored = await loadStoredDocument(db, NAME);
  const keys = [...stored.doc.getMap('m').keys()].sort();
  stored.doc.destroy();
  return keys;
}

describe('the update log with two writers', () => {
  it('loses nothing when both append in batches and compact at the same time', async () => {
    const written: string[] = [];
    const loadsOk: Array<Promise<void>> = [];
    const writer = async (w: number) => {
      const db = dbs[w]!;
      for (let round = 0; round < 12; round++) {
        const keys = Array.from({ length: 1 + ((round + w) % 4) }, (_, i) => `w${w}-r${round}-${i}`);
        await appendUpdates(
          db,
          NAME,
          keys.map((k) => ({ update: updateSetting(k), userId: null })),
          now(),
          round % 2 === 0 ? 'process' : 'commit',
        );
        written.push(...keys);
        // A reader meanwhile sees at least everything appended before it started.
        const mustSee = [...written];
        loadsOk.push(storedKeys(dbs[1 - w]!).then((seen) => expect(seen).toEqual(expect.arrayContaining(mustSee))));
        if (round % 3 === w) await compactDocument(db, NAME, now());
      }
    };
    await Promise.all([writer(0), writer(1)]);
    await Promise.all(loadsOk);
    expect(written).toHaveLength(new Set(written).size);
    expect(await storedKeys(dbs[0]!)).toEqual([...written].sort());

    // A last compaction folds everything: the log is empty and the snapshot alone holds it all.
    await Promise.all([compactDocument(dbs[0]!, NAME, now()), compactDocument(dbs[1]!, NAME, now())]);
    expect(await dbs[0]!.selectFrom('collab_log').select('id').where('doc_name', '=', NAME).execute()).toEqual([]);
    const head = await dbs[0]!.selectFrom('collab_snapshots').select('snapshot').where('id', '=', NAME).executeTakeFirstOrThrow();
    const folded = new Y.Doc();
    Y.applyUpdate(folded, head.snapshot);
    expect([...folded.getMap('m').keys()].sort()).toEqual([...written].sort());
  });

  it.runIf(process.env.YISHI_TEST_PG)('keeps a row another instance commits while a compaction runs', async () => {
    // Instance B takes the lowest id but commits late: after A's compaction has read the log and
    // before it deletes. Deleting "every row up to the highest id folded" would drop B's row unfolded.
    const [a, b] = dbs as [Kysely<Database>, Kysely<Database>];
    let commitB: () => void = () => {};
    const bMayCommit = new Promise<void>((resolve) => (commitB = resolve));
    let bTookId: () => void = () => {};
    const bHasId = new Promise<void>((resolve) => (bTookId = resolve));
    const bDone = b.transaction().execute(async (trx) => {
      await appendUpdate(trx, NAME, updateSetting('late'), null, now());
      bTookId();
      await bMayCommit;
    });
    await bHasId;
    await appendUpdates(
      a,
      NAME,
      [
        { update: updateSetting('early1'), userId: null },
        { update: updateSetting('early2'), userId: null },
      ],
      now(),
    );
    compactionTestHooks.afterRead = async () => {
      commitB();
      await bDone;
    };
    try {
      expect(await compactDocument(a, NAME, now())).toBe(2);
    } finally {
      delete compactionTestHooks.afterRead;
    }
    const log = await a.selectFrom('collab_log').select('id').where('doc_name', '=', NAME).execute();
    expect(log).toHaveLength(1);
    expect(await storedKeys(a)).toEqual(['early1', 'early2', 'late']);
    expect(await compactDocument(b, NAME, now())).toBe(1);
    expect(await storedKeys(b)).toEqual(['early1', 'early2', 'late']);
  });

  it('loads a seeded snapshot plus the log, and compacts a document that has no snapshot row yet', async () => {
    const seeded = new Y.Doc();
    seeded.getMap('m').set('seed', 'seed');
    await storeNewDocument(dbs[0]!, NAME, seeded, now());
    await appendUpdate(dbs[1]!, NAME, updateSetting('x'), 'u1', now());
    expect(await storedKeys(dbs[0]!)).toEqual(['seed', 'x']);
    await expect(storeNewDocument(dbs[0]!, NAME, seeded, now())).rejects.toThrow();

    await appendUpdate(dbs[0]!, 'agenda-other', updateSetting('y'), null, now());
    expect(await compactDocument(dbs[1]!, 'agenda-other', now())).toBe(1);
    expect(await compactDocument(dbs[1]!, 'agenda-other', now())).toBe(0);
    const other = await loadStoredDocument(dbs[0]!, 'agenda-other');
    expect([...other.doc.getMap('m').keys()]).toEqual(['y']);
    expect(other.logLength).toBe(0);
  });

  it.runIf(!process.env.YISHI_TEST_PG)('SQLite: a relaxed append neither joins an open transaction nor leaves the connection relaxed', async () => {
    const db = dbs[0]!;
    // Read through the raw handle: SQLite computes `pragma synchronous` when the statement is
    // prepared, and the app's statement cache would hand back a stale answer.
    const synchronous = async () => Number(sqliteHandleOf(db)!.pragma('synchronous', { simple: true }));
    expect(await synchronous()).toBe(2);
    // Another service's transaction is open (between two awaits) when the hub appends; it then
    // rolls back. The update must not be rolled back with it.
    let appended: Promise<void> = Promise.resolve();
    await expect(
      db.transaction().execute(async (trx) => {
        await appendUpdate(trx, 'agenda-other', updateSetting('rolled back'), null, now());
        appended = appendUpdates(db, NAME, [{ update: updateSetting('kept'), userId: null }], now(), 'process');
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await appended;
    expect(await storedKeys(db)).toEqual(['kept']);
    expect((await loadStoredDocument(db, 'agenda-other')).logLength).toBe(0);
    // Every other write of the app still commits with synchronous=FULL: the connection stays relaxed
    // after an append only until the app's next statement, which first sets it back. (The pragma
    // is read through Kysely with a fresh SQL text each time: SQLite answers it at prepare time.)
    let reads = 0;
    const synchronousSeenByApp = async () => {
      reads += 1;
      const { rows } = await sql<{ synchronous: number }>`${sql.raw(`pragma synchronous -- read ${reads}`)}`.execute(db);
      return rows[0]!.synchronous;
    };
    await appendUpdates(db, NAME, [{ update: updateSetting('again'), userId: null }], now(), 'process');
    expect(await synchronous()).toBe(1);
    expect(await synchronousSeenByApp()).toBe(2);
    expect(await synchronous()).toBe(2);
    // A run of appends switches once; a 'commit' append sets it back first.
    await appendUpdates(db, NAME, [{ update: updateSetting('again'), userId: null }], now(), 'process');
    await appendUpdates(db, NAME, [{ update: updateSetting('again'), userId: null }], now(), 'commit');
    expect(await synchronous()).toBe(2);
    // So does a compaction (itself committed relaxed: losing one loses nothing).
    expect(await compactDocument(db, NAME, now())).toBe(4);
    expect(await synchronous()).toBe(2);
    expect(await storedKeys(db)).toEqual(['again', 'kept']);
  });
});
