/** Tests name units as people do ('1-1-301': building 1, entrance 1, room 301); this finds the unit's id in a compound. */
import type { Db } from '../db/repositories/places.repository.js';

export async function unitIdOf(db: Db, compoundId: string, label: string): Promise<string> {
  const [building, entrance, room] = label.split('-');
  const row = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select('units.id')
    .where('units.compound_id', '=', compoundId)
    .where('buildings.name', '=', building!)
    .where('units.entrance', '=', entrance!)
    .where('units.room', '=', room!)
    .executeTakeFirstOrThrow();
  return row.id;
}
