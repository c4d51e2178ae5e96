import type { Db } from '../db/repositories/places.repository.js';

/** The persons owning a unit on a vote's frozen roll (developer-held flats left out): each is told of the vote once. */
export async function ownersOnRoll(db: Db, voteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vote_electorate as ve')
    .innerJoin('ownerships as o', 'o.unit_id', 've.unit_id')
    .select('o.person_id')
    .distinct()
    .where('ve.vote_id', '=', voteId)
    .where('ve.developer_held', '=', 0)
    .execute();
  return rows.map((r) => r.person_id);
}
