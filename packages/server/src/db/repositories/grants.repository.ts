/** Role grants at places, and their append-only record. */
import type { Insertable } from 'kysely';
import type { GrantEventTable, RoleAssignmentTable } from '../tables/accounts.table.js';
import type { Db } from './places.repository.js';

export function insertGrant(db: Db, row: Insertable<RoleAssignmentTable>) {
  return db.insertInto('role_assignments').values(row).execute();
}

export function findGrant(db: Db, grantId: string) {
  return db.selectFrom('role_assignments').selectAll().where('id', '=', grantId).executeTakeFirst();
}

export function deleteGrant(db: Db, grantId: string) {
  return db.deleteFrom('role_assignments').where('id', '=', grantId).execute();
}

export function findSameGrant(db: Db, row: { user_id: string; role: string; scope_kind: string; scope_id: string }) {
  return db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', row.user_id)
    .where('role', '=', row.role)
    .where('scope_kind', '=', row.scope_kind)
    .where('scope_id', '=', row.scope_id)
    .executeTakeFirst();
}

export function countGrantsAt(db: Db, role: string, scopeKind: string, scopeId: string) {
  return db
    .selectFrom('role_assignments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', role)
    .where('scope_kind', '=', scopeKind)
    .where('scope_id', '=', scopeId)
    .executeTakeFirstOrThrow();
}

/** Grants at any of the given places, with the person's name, phone and whether the account is set up. */
export function listGrantsAt(db: Db, places: Array<{ kind: string; id: string }>) {
  if (places.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .leftJoin('users as granter', 'granter.id', 'role_assignments.granted_by_user_id')
    .select([
      'role_assignments.id',
      'role_assignments.user_id',
      'role_assignments.role',
      'role_assignments.scope_kind',
      'role_assignments.scope_id',
      'role_assignments.party',
      'role_assignments.organisation',
      'role_assignments.title',
      'role_assignments.granted_at',
      'granter.display_name as granted_by',
      'users.display_name as name',
      'users.phone',
      'users.activated_at',
    ])
    .where((eb) => eb.or(places.map((p) => eb.and([eb('role_assignments.scope_kind', '=', p.kind), eb('role_assignments.scope_id', '=', p.id)]))))
    .orderBy('role_assignments.scope_kind')
    .orderBy('users.display_name')
    .execute();
}

export function insertGrantEvent(db: Db, row: Insertable<GrantEventTable>) {
  return db.insertInto('grant_events').values(row).execute();
}

export function listGrantEvents(db: Db, subdistrictIds: string[], limit: number) {
  if (subdistrictIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('grant_events')
    .innerJoin('users', 'users.id', 'grant_events.user_id')
    .leftJoin('users as actor', 'actor.id', 'grant_events.by_user_id')
    .select([
      'grant_events.id',
      'grant_events.action',
      'grant_events.at',
      'grant_events.role',
      'grant_events.scope_kind',
      'grant_events.scope_id',
      'grant_events.party',
      'grant_events.organisation',
      'users.display_name as name',
      'actor.display_name as by_name',
    ])
    .where('grant_events.subdistrict_id', 'in', subdistrictIds)
    .orderBy('grant_events.at', 'desc')
    .orderBy('grant_events.id')
    .limit(limit)
    .execute();
}
