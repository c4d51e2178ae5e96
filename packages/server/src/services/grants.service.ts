/**
 * Staff and roles: who may grant which role where (core GRANTABLE_BY and the place chain), granting
 * (the person's account is created where needed, with an invitation to set it up), revoking, and
 * the record of both. A grant covers the places below its own; nobody grants above their own role or
 * outside their places.
 */
import {
  COMPOUND_STAFF,
  DomainError,
  GRANTABLE_BY,
  formatBuildingName,
  groupBy,
  ROLE_SCOPE,
  STAFF_ROLES,
  maskPhone,
  mayGrantRole,
  type GrantInput,
  type GrantView,
  type Invitation,
  type StaffOverview,
  type StaffRole,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct, rolesAt } from '../auth/authorize.js';
import { recheckLiveAccess } from '../collab/attach.js';
import { publicUrlOf } from '../config.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { findPersonByPhone, findUserByPhone, insertUser } from '../db/repositories/accounts.repository.js';
import {
  countGrantsAt,
  deleteGrant,
  findGrant,
  findSameGrant,
  insertGrant,
  insertGrantEvent,
  listGrantEvents,
  listGrantsAt,
} from '../db/repositories/grants.repository.js';
import { listBuildingsIn, listCommunitiesIn, listCompoundsIn, listGridsIn, listSubdistricts, placeLabel } from '../db/repositories/place-tree.repository.js';
import { resolvePlaceChain, type Db } from '../db/repositories/places.repository.js';
import { findUserById } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';
import { issueAccessCode } from './access-codes.js';

type ScopeKind = StaffOverview['places'][number]['kind'];

interface Place {
  kind: ScopeKind;
  id: string;
  label: string;
  compoundId: string | null;
  chain: PlaceChain;
}

/** Every place under the actor's granting grants, with its label and chain. */
async function placesUnder(db: Db, actor: Actor): Promise<Place[]> {
  const granting = actor.grants.filter((g) => GRANTABLE_BY[g.role].length > 0);
  const subdistrictIds = [...new Set(granting.map((g) => g.subdistrictId))];
  const subdistricts = await listSubdistricts(db, subdistrictIds);
  const communities = await listCommunitiesIn(db, subdistrictIds);
  const compounds = await listCompoundsIn(
    db,
    communities.map((c) => c.id),
  );
  const compoundIds = compounds.map((c) => c.id);
  const [buildings, grids] = await Promise.all([listBuildingsIn(db, compoundIds), listGridsIn(db, compoundIds)]);
  const communityOf = new Map(communities.map((c) => [c.id, c]));
  const compoundOf = new Map(compounds.map((c) => [c.id, c]));
  const compoundChain = (compoundId: string): PlaceChain => {
    const community = communityOf.get(compoundOf.get(compoundId)!.community_id)!;
    return { subdistrictId: community.subdistrict_id, communityId: community.id, compoundId };
  };
  const buildingsOf = groupBy(buildings, (b) => b.compound_id);
  const gridsOf = groupBy(grids, (g) => g.compound_id);
  // In the order the page lists them: the subdistricts and communities, then each compound followed by
  // its buildings and its grids, in number order as the repositories give them (2栋 before 10栋,
  // 第二网格 before 第十网格).
  const all: Place[] = [
    ...subdistricts.map((s) => ({ kind: 'subdistrict' as const, id: s.id, label: s.name, compoundId: null, chain: { subdistrictId: s.id } })),
    ...communities.map((c) => ({
      kind: 'community' as const,
      id: c.id,
      label: c.name,
      compoundId: null,
      chain: { subdistrictId: c.subdistrict_id, communityId: c.id },
    })),
    ...compounds.flatMap((c) => [
      { kind: 'compound' as const, id: c.id, label: c.name, compoundId: c.id, chain: compoundChain(c.id) },
      ...(buildingsOf.get(c.id) ?? []).map((b) => ({
        kind: 'building' as const,
        id: b.id,
        label: `${c.name} ${formatBuildingName(b.name)}`,
        compoundId: c.id,
        chain: { ...compoundChain(c.id), buildingId: b.id },
      })),
      ...(gridsOf.get(c.id) ?? []).map((g) => ({
        kind: 'grid' as const,
        id: g.id,
        label: `${c.name} ${g.name}`,
        compoundId: c.id,
        chain: { ...compoundChain(c.id), gridId: g.id },
      })),
    ]),
  ];
  // Only the places a granting grant of the actor covers: a station chief sees one compound, not the subdistrict.
  return all.filter((p) => staffRolesAt(actor, p.chain).some((role) => GRANTABLE_BY[role].length > 0));
}

/** The staff roles the actor holds at a place (owner and resident do not grant). */
function staffRolesAt(actor: Actor, chain: PlaceChain): StaffRole[] {
  return [...rolesAt(actor, chain)].filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));
}

/** What the actor may grant at this place: roles below their own there, granted at this kind of place. */
function grantableRoles(actor: Actor, place: Pick<Place, 'kind' | 'chain'>): StaffRole[] {
  const held = staffRolesAt(actor, place.chain);
  return STAFF_ROLES.filter((role) => ROLE_SCOPE[role] === place.kind && held.some((h) => mayGrantRole(h, role)));
}

function assertMayManage(actor: Actor, chain: PlaceChain, role: StaffRole): void {
  const held = staffRolesAt(actor, chain);
  if (held.length === 0) throw new DomainError('grant_outside_place');
  if (!held.some((h) => mayGrantRole(h, role))) throw new DomainError('grant_role_not_allowed', { role });
}

/** Phones are shown in full to the person and to staff who keep the roster there; masked to anyone else. */
function phoneFor(actor: Actor, chain: PlaceChain, userId: string, phone: string | null): string | null {
  return userId === actor.userId || mayAct(actor, COMPOUND_STAFF, chain) ? phone : maskPhone(phone);
}

export async function staffOverview(deps: Deps, actor: Actor): Promise<StaffOverview> {
  const places = await placesUnder(deps.db, actor);
  const byKey = new Map(places.map((p) => [`${p.kind}:${p.id}`, p]));
  // By place in the places' order (the sort is stable: each place's holders stay in the order of their names).
  const rank = new Map(places.map((p, i) => [`${p.kind}:${p.id}`, i]));
  const grants = (await listGrantsAt(deps.db, places)).sort((a, b) => rank.get(`${a.scope_kind}:${a.scope_id}`)! - rank.get(`${b.scope_kind}:${b.scope_id}`)!);
  const events = await listGrantEvents(deps.db, [...new Set(places.map((p) => p.chain.subdistrictId))], 200);
  return {
    places: places
      .map((p) => ({ kind: p.kind, id: p.id, label: p.label, compoundId: p.compoundId, roles: grantableRoles(actor, p) }))
      .filter((p) => p.roles.length > 0),
    grants: grants.map((g) => {
      const place = byKey.get(`${g.scope_kind}:${g.scope_id}`)!;
      return toView(actor, place, g);
    }),
    // The record shows what happened at the places I look after.
    events: events
      .filter((e) => byKey.has(`${e.scope_kind}:${e.scope_id}`))
      .map((e) => ({
        id: e.id,
        action: e.action,
        at: e.at,
        byName: e.by_name,
        name: e.name,
        role: e.role,
        placeLabel: byKey.get(`${e.scope_kind}:${e.scope_id}`)!.label,
        party: e.party as GrantView['party'],
        organisation: e.organisation,
      })),
  };
}

function toView(actor: Actor, place: Place, g: Awaited<ReturnType<typeof listGrantsAt>>[number]): GrantView {
  return {
    id: g.id,
    userId: g.user_id,
    name: g.name,
    phone: phoneFor(actor, place.chain, g.user_id, g.phone),
    role: g.role as StaffRole,
    scopeKind: place.kind,
    scopeId: place.id,
    placeLabel: place.label,
    party: g.party as GrantView['party'],
    organisation: g.organisation,
    title: g.title,
    pending: g.activated_at === null,
    grantedAt: g.granted_at,
    grantedBy: g.granted_by,
    mayRevoke: staffRolesAt(actor, place.chain).some((h) => mayGrantRole(h, g.role as StaffRole)),
  };
}

async function invitationFor(deps: Deps, db: Db, actor: Actor, userId: string): Promise<Invitation> {
  const issued = await issueAccessCode(db, 'invitation', { userId }, { now: deps.clock(), createdBy: actor.userId });
  return { code: issued.code, link: `${publicUrlOf(deps.config)}/activate?code=${issued.code}`, expiresAt: issued.expiresAt };
}

/**
 * Grants a role at a place. The person is found by phone (an account, else a roster person, else
 * new); the name must match what is on record. An account not yet set up gets an invitation: a
 * one-time link shown once to the granter, who passes it on.
 */
export async function grantRole(deps: Deps, actor: Actor, scope: { kind: ScopeKind; id: string }, chain: PlaceChain, input: GrantInput) {
  if (ROLE_SCOPE[input.role] !== scope.kind) throw new DomainError('grant_scope_mismatch', { role: input.role, scope: ROLE_SCOPE[input.role] });
  assertMayManage(actor, chain, input.role);
  const now = deps.clock().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      let user = await findUserByPhone(trx, input.phone);
      if (user && user.display_name !== input.name) throw new DomainError('phone_name_conflict', { phone: input.phone, name: user.display_name });
      if (!user) {
        const person = await findPersonByPhone(trx, input.phone);
        if (person && person.name !== input.name) throw new DomainError('phone_name_conflict', { phone: input.phone, name: person.name });
        const id = newId();
        await insertUser(trx, {
          id,
          person_id: person?.id ?? null,
          username: null,
          phone: input.phone,
          display_name: input.name,
          password_hash: '',
          locale: 'zh-CN',
          disabled: 0,
          created_at: now,
          activated_at: null,
          privacy_consent_at: null,
          privacy_notice_version: null,
        });
        user = (await findUserById(trx, id))!;
      }
      const row = { user_id: user.id, role: input.role, scope_kind: scope.kind, scope_id: scope.id };
      if (await findSameGrant(trx, row)) throw new DomainError('grant_exists', { name: input.name, role: input.role });
      const party = input.role === 'party_rep' ? input.party : null;
      const organisation = input.role === 'party_rep' ? input.organisation : null;
      const grantId = newId();
      await insertGrant(trx, { id: grantId, ...row, party, organisation, title: input.title || null, granted_at: now, granted_by_user_id: actor.userId });
      await insertGrantEvent(trx, {
        id: newId(),
        at: now,
        action: 'grant',
        by_user_id: actor.userId,
        ...row,
        subdistrict_id: chain.subdistrictId,
        party,
        organisation,
        title: input.title || null,
      });
      const invitation = user.activated_at ? null : await invitationFor(deps, trx, actor, user.id);
      const place = { kind: scope.kind, id: scope.id, label: '', compoundId: chain.compoundId ?? null, chain };
      const [listed] = await listGrantsAt(trx, [place]).then((rows) => rows.filter((r) => r.id === grantId));
      const label = await placeLabel(trx, scope.kind, scope.id);
      return { grant: toView(actor, { ...place, label }, listed!), invitation };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('grant_exists', { name: input.name, role: input.role });
    throw error;
  }
}

/** The place a grant sits at (for the route's access check), or undefined when there is no such grant. */
export async function placeOfGrant(db: Db, grantId: string): Promise<PlaceChain | undefined> {
  const grant = await findGrant(db, grantId);
  return grant ? resolvePlaceChain(db, grant.scope_kind, grant.scope_id) : undefined;
}

/** Revokes a grant; the person's live-document sockets that only it allowed are closed (4403), on every instance. */
export async function revokeGrant(deps: Deps, actor: Actor, grantId: string, chain: PlaceChain): Promise<void> {
  const now = deps.clock().toISOString();
  const userId = await deps.db.transaction().execute(async (trx) => {
    const grant = await findGrant(trx, grantId);
    if (!grant) throw new DomainError('grant_not_found');
    assertMayManage(actor, chain, grant.role as StaffRole);
    if (grant.role === 'subdistrict_committee' && Number((await countGrantsAt(trx, grant.role, grant.scope_kind, grant.scope_id)).count) <= 1) {
      throw new DomainError('grant_last_admin');
    }
    await deleteGrant(trx, grantId);
    await insertGrantEvent(trx, {
      id: newId(),
      at: now,
      action: 'revoke',
      by_user_id: actor.userId,
      user_id: grant.user_id,
      role: grant.role as StaffRole,
      scope_kind: grant.scope_kind,
      scope_id: grant.scope_id,
      subdistrict_id: chain.subdistrictId,
      party: grant.party,
      organisation: grant.organisation,
      title: grant.title,
    });
    return grant.user_id;
  });
  await recheckLiveAccess(deps, userId);
}

/** A new invitation for the person of a grant whose account is not set up yet (the old link stops working). */
export async function reissueInvitation(deps: Deps, actor: Actor, grantId: string, chain: PlaceChain): Promise<Invitation> {
  const grant = await findGrant(deps.db, grantId);
  if (!grant) throw new DomainError('grant_not_found');
  assertMayManage(actor, chain, grant.role as StaffRole);
  const user = await findUserById(deps.db, grant.user_id);
  if (user?.activated_at) throw new DomainError('already_activated');
  return deps.db.transaction().execute((trx) => invitationFor(deps, trx, actor, grant.user_id));
}
