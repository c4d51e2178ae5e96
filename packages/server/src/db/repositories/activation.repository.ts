/** Households (a person of a unit: owner or resident) and whether each has set up an account. */
import { compareLabels } from '@yishi/core';
import type { Db } from './places.repository.js';

/** One collator for every name compared: localeCompare with a locale builds one per call (20,000 households take most of a second). */
const NAMES = new Intl.Collator('zh-CN');

/** Owners and residents of a compound's units (one building's, when given), in delivery order. */
export function listHouseholds(db: Db, compoundId: string, buildingIds: string[] | null) {
  const pick = (link: 'ownerships' | 'residencies', relation: 'owner' | 'resident') => {
    let query = db
      .selectFrom(link)
      .innerJoin('units', 'units.id', `${link}.unit_id`)
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('persons', 'persons.id', `${link}.person_id`)
      .leftJoin('users', (join) => join.onRef('users.person_id', '=', 'persons.id'))
      .select([
        'units.id as unitId',
        'units.entrance',
        'units.room',
        'buildings.id as buildingId',
        'buildings.name as building',
        'persons.id as personId',
        'persons.name',
        'persons.phone',
        'users.activated_at as activatedAt',
      ])
      .select((eb) => eb.val(relation).as('relation'))
      .where('units.compound_id', '=', compoundId);
    if (buildingIds) query = query.where('units.building_id', 'in', buildingIds.length > 0 ? buildingIds : ['-']);
    return query.execute();
  };
  return Promise.all([pick('ownerships', 'owner'), pick('residencies', 'resident')]).then(([owners, residents]) =>
    [...owners, ...residents].sort(
      (a, b) =>
        compareLabels(a.building, b.building) ||
        compareLabels(a.entrance, b.entrance) ||
        compareLabels(a.room, b.room) ||
        a.relation.localeCompare(b.relation) ||
        NAMES.compare(a.name, b.name),
    ),
  );
}

/** Persons of a compound holding an open (unused, unexpired, not replaced) activation letter. */
export function listOpenLetterPersons(db: Db, compoundId: string, now: string) {
  return db
    .selectFrom('access_codes')
    .innerJoin('letter_batches', 'letter_batches.id', 'access_codes.batch_id')
    .select('access_codes.person_id')
    .distinct()
    .where('letter_batches.compound_id', '=', compoundId)
    .where('access_codes.kind', '=', 'letter')
    .where('access_codes.used_at', 'is', null)
    .where('access_codes.voided_at', 'is', null)
    .where('access_codes.expires_at', '>', now)
    .execute();
}

export function listLetterBatches(db: Db, compoundId: string) {
  return db.selectFrom('letter_batches').selectAll().where('compound_id', '=', compoundId).orderBy('created_at', 'desc').limit(100).execute();
}

export function insertLetterBatch(
  db: Db,
  row: { id: string; compound_id: string; building_id: string | null; created_by_user_id: string; created_at: string; letter_count: number },
) {
  return db.insertInto('letter_batches').values(row).execute();
}
