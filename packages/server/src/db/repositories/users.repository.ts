import type { Locale, Party, StaffRole } from '@yishi/core';
import type { Db } from './places.repository.js';

/**
 * A grant's role and party as core's unions: grants are written only through grantInputSchema
 * (STAFF_ROLES, PARTIES), while the accounts tables keep both as plain text columns.
 */
type GrantColumns = { role: StaffRole; party: Party | null };

export function findUserByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('phone', '=', login)]))
    .executeTakeFirst();
}

export function findUserById(db: Db, userId: string) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/** The office a person holds in one of the given roles ("街道党工委委员"), for printing their name with it. */
export function findOfficeOfUser(db: Db, userId: string, roles: readonly StaffRole[]) {
  return db
    .selectFrom('role_assignments')
    .select(['title', 'organisation'])
    .where('user_id', '=', userId)
    .where('role', 'in', [...roles])
    .executeTakeFirst();
}

export function listRoleAssignments(db: Db, userId: string) {
  return db.selectFrom('role_assignments').selectAll().where('user_id', '=', userId).$narrowType<GrantColumns>().execute();
}

/** The units a person owns or lives in, with the places above them. */
export function listUnitLinks(db: Db, personId: string, link: 'ownerships' | 'residencies') {
  return db
    .selectFrom(link)
    .innerJoin('units', 'units.id', `${link}.unit_id`)
    .innerJoin('compounds', 'compounds.id', 'units.compound_id')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .select([
      'units.id as unitId',
      'units.building_id as buildingId',
      'units.compound_id as compoundId',
      'communities.id as communityId',
      'communities.subdistrict_id as subdistrictId',
    ])
    .where(`${link}.person_id`, '=', personId)
    .execute();
}

/** Staff and party representatives granted directly at a compound, for the overview page. */
export function listCompoundRepresentatives(db: Db, compoundId: string) {
  return db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select([
      'users.id as userId',
      'users.display_name as name',
      'role_assignments.role',
      'role_assignments.party',
      'role_assignments.organisation',
      'role_assignments.title',
    ])
    .where('role_assignments.scope_kind', '=', 'compound')
    .where('role_assignments.scope_id', '=', compoundId)
    .orderBy('role_assignments.role')
    .orderBy('users.display_name')
    .$narrowType<GrantColumns>()
    .execute();
}

/** The units a person owns or lives in, with what a resident needs to recognise them. */
export function listUnitsOfPerson(db: Db, personId: string) {
  const pick = (link: 'ownerships' | 'residencies') =>
    db
      .selectFrom(link)
      .innerJoin('units', 'units.id', `${link}.unit_id`)
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('compounds', 'compounds.id', 'units.compound_id')
      .select([
        'units.id as unitId',
        'units.compound_id as compoundId',
        'compounds.name as compoundName',
        'buildings.name as building',
        'units.entrance',
        'units.room',
        'units.area_centi as areaCenti',
      ])
      .where(`${link}.person_id`, '=', personId)
      .orderBy('compounds.name')
      .orderBy('units.sort_key')
      .orderBy('units.id')
      .execute();
  return Promise.all([pick('ownerships'), pick('residencies')]);
}
