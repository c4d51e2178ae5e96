/** Storage of the append-only ledger chain: its per-compound head row and its entries. */
import type { PageRequest } from '@yishi/core';
import { asc, readPage } from '../keyset.js';
import type { Db } from './places.repository.js';
import type { LedgerEntryTable } from '../tables/action-items.table.js';

/**
 * Moves the compound's ledger head one step and returns the new seq with the previous hash. The
 * UPDATE comes first so that, on PostgreSQL, it takes the row lock that serialises appends.
 */
export async function advanceLedgerHead(db: Db, compoundId: string, genesisHash: string): Promise<{ seq: number; prevHash: string }> {
  await db
    .insertInto('ledger_heads')
    .values({ compound_id: compoundId, last_seq: 0, last_hash: genesisHash })
    .onConflict((oc) => oc.column('compound_id').doNothing())
    .execute();
  const head = await db
    .updateTable('ledger_heads')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('compound_id', '=', compoundId)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: head.last_seq, prevHash: head.last_hash };
}

export async function insertLedgerEntry(db: Db, entry: LedgerEntryTable): Promise<void> {
  await db.insertInto('ledger_entries').values(entry).execute();
  await db.updateTable('ledger_heads').set({ last_hash: entry.hash }).where('compound_id', '=', entry.compound_id).execute();
}

/** Up to `limit` entries after number `afterSeq` (from the first when undefined), in order: a part of the chain to verify. */
export function listLedgerEntriesAfter(db: Db, compoundId: string, afterSeq: number | undefined, limit: number) {
  return db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('compound_id', '=', compoundId)
    .where('seq', '>', afterSeq ?? 0)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Ledger entries with the title of their item, for the ledger page and the exports. */
function ledgerWithItems(db: Db, compoundId: string) {
  return db
    .selectFrom('ledger_entries')
    .innerJoin('action_items', 'action_items.id', 'ledger_entries.action_item_id')
    .select([
      'ledger_entries.id',
      'ledger_entries.seq',
      'ledger_entries.kind',
      'ledger_entries.action_item_id as actionItemId',
      'ledger_entries.sign_off_number as signOffNumber',
      'ledger_entries.payload',
      'ledger_entries.created_at as createdAt',
      'ledger_entries.hash',
      'action_items.title',
      'action_items.status',
      'action_items.source_kind as sourceKind',
      'action_items.responsible_unit as responsibleUnit',
    ])
    .where('ledger_entries.compound_id', '=', compoundId);
}

export function listLedgerWithItems(db: Db, compoundId: string) {
  return ledgerWithItems(db, compoundId).orderBy('ledger_entries.seq').execute();
}

/** One page of the ledger with the titles, oldest first (the seq is unique within a compound: it is the whole key). */
export function pageLedgerWithItems(db: Db, compoundId: string, page: PageRequest) {
  return readPage(ledgerWithItems(db, compoundId), [asc('ledger_entries.seq', { type: 'number' })], page);
}

/** Up to `limit` entries after number `afterSeq` (from the first when undefined), in order: a page of an export. */
export function listLedgerWithItemsAfter(db: Db, compoundId: string, afterSeq: number | undefined, limit: number) {
  return ledgerWithItems(db, compoundId)
    .where('ledger_entries.seq', '>', afterSeq ?? 0)
    .orderBy('ledger_entries.seq')
    .limit(limit)
    .execute();
}

/** The head row: how many entries the chain has and the last hash (entries cut from the end show here). */
export function findLedgerHead(db: Db, compoundId: string) {
  return db.selectFrom('ledger_heads').select(['last_seq', 'last_hash']).where('compound_id', '=', compoundId).executeTakeFirst();
}

/** Every compound, by code: `yishi verify-ledger` checks them all, also those with no entries yet. */
export function listCompoundsByCode(db: Db) {
  return db.selectFrom('compounds').select(['id', 'code', 'name']).orderBy('code').execute();
}
