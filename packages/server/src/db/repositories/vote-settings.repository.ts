/** Storage of a compound's vote periods (core/votes/timeline.ts). */
import type { Insertable } from 'kysely';
import type { Db } from './places.repository.js';
import type { CompoundVoteSettingsTable } from '../tables/votes.table.js';

export function findVoteSettings(db: Db, compoundId: string) {
  return db.selectFrom('compound_vote_settings').selectAll().where('compound_id', '=', compoundId).executeTakeFirst();
}

export function upsertVoteSettings(db: Db, row: Insertable<CompoundVoteSettingsTable>) {
  const { compound_id: _id, ...values } = row;
  return db
    .insertInto('compound_vote_settings')
    .values(row)
    .onConflict((oc) => oc.column('compound_id').doUpdateSet(values))
    .execute();
}
