/** Storage of resident proposals, their seconds (one per unit) and their recorded state changes. */
import type { PageRequest, ProposalStatus } from '@yishi/core';
import type { Insertable } from 'kysely';
import type { ProposalEventTable, ProposalTable } from '../tables/proposals.table.js';
import type { Db } from './places.repository.js';
import { desc, readPage } from '../keyset.js';

export function findProposalSettings(db: Db, compoundId: string) {
  return db.selectFrom('proposal_settings').selectAll().where('compound_id', '=', compoundId).executeTakeFirst();
}

export async function saveProposalSettings(db: Db, compoundId: string, thresholdJson: string, userId: string, now: string) {
  // One statement, so two first saves at once cannot both try to insert the row.
  await db
    .insertInto('proposal_settings')
    .values({ compound_id: compoundId, threshold_json: thresholdJson, updated_by_user_id: userId, updated_at: now })
    .onConflict((oc) => oc.column('compound_id').doUpdateSet({ threshold_json: thresholdJson, updated_by_user_id: userId, updated_at: now }))
    .execute();
}

export function insertProposal(db: Db, row: Insertable<ProposalTable>) {
  return db.insertInto('proposals').values(row).execute();
}

export function findProposal(db: Db, proposalId: string) {
  return db.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirst();
}

/** One page of a compound's proposals, newest first (the id breaks ties), from the (compound, created) index. */
export function readProposalsPage(db: Db, compoundId: string, page: PageRequest) {
  const query = db.selectFrom('proposals').selectAll().where('compound_id', '=', compoundId);
  return readPage(query, [desc('proposals.created_at', 'created_at'), desc('proposals.id', 'id')], page);
}

/** How many households seconded each of these proposals (those with none are absent). */
export async function countSecondsOf(db: Db, proposalIds: readonly string[]): Promise<Map<string, number>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('proposal_seconds')
    .select((eb) => ['proposal_id', eb.fn.countAll<number>().as('seconds')])
    .where('proposal_id', 'in', [...proposalIds])
    .groupBy('proposal_id')
    .execute();
  return new Map(rows.map((r) => [r.proposal_id, Number(r.seconds)]));
}

export function updateProposal(db: Db, proposalId: string, fromStatus: ProposalStatus, values: Partial<Insertable<ProposalTable>>) {
  return db.updateTable('proposals').set(values).where('id', '=', proposalId).where('status', '=', fromStatus).executeTakeFirst();
}

export function insertSecond(db: Db, row: { proposal_id: string; unit_id: string; user_id: string; created_at: string }) {
  return db.insertInto('proposal_seconds').values(row).execute();
}

export async function countSeconds(db: Db, proposalId: string): Promise<number> {
  const row = await db
    .selectFrom('proposal_seconds')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listSecondUnits(db: Db, proposalId: string) {
  return db.selectFrom('proposal_seconds').select(['unit_id', 'user_id', 'created_at']).where('proposal_id', '=', proposalId).execute();
}

export function appendProposalEvent(db: Db, row: Insertable<ProposalEventTable>) {
  return db.insertInto('proposal_events').values(row).execute();
}

export function listProposalEvents(db: Db, proposalId: string) {
  return db.selectFrom('proposal_events').selectAll().where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
}

export async function countUnitsInScope(db: Db, compoundId: string, buildingId: string | null): Promise<number> {
  let query = db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('compound_id', '=', compoundId);
  if (buildingId) query = query.where('building_id', '=', buildingId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}
