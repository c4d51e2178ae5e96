/**
 * The one place that decides whether an actor may act at a place. Routes declare which roles may
 * call them and how to find the place the request is about; this module answers yes or no.
 *
 * A staff grant covers every place below the place it was granted at: a subdistrict committee member
 * acts in every compound of the subdistrict, a station chief in one compound, a building head in one
 * building of one compound. Owners and residents act in the compounds (and buildings) of their units.
 */
import type { Role } from '@yishi/core';
import type { Actor, Grant, PlaceChain, UnitLink } from './actor.js';

function grantCovers(grant: Grant, place: PlaceChain): boolean {
  switch (grant.scopeKind) {
    case 'subdistrict':
      return grant.subdistrictId === place.subdistrictId;
    case 'community':
      return place.communityId !== undefined && grant.communityId === place.communityId;
    case 'compound':
      return place.compoundId !== undefined && grant.compoundId === place.compoundId;
    case 'building':
      return (
        place.compoundId !== undefined && grant.compoundId === place.compoundId && (place.buildingId === undefined || grant.buildingId === place.buildingId)
      );
    case 'grid':
      return place.compoundId !== undefined && grant.compoundId === place.compoundId && (place.gridId === undefined || grant.gridId === place.gridId);
    default:
      return false;
  }
}

function unitCovers(unit: UnitLink, place: PlaceChain): boolean {
  if (place.compoundId === undefined) return false;
  return unit.compoundId === place.compoundId && (place.buildingId === undefined || unit.buildingId === place.buildingId);
}

/** The roles the actor holds at this place (or anywhere, when place is null). */
export function rolesAt(actor: Actor, place: PlaceChain | null): Set<Role> {
  const roles = new Set<Role>();
  for (const grant of actor.grants) if (place === null || grantCovers(grant, place)) roles.add(grant.role);
  if (actor.ownedUnits.some((u) => place === null || unitCovers(u, place))) roles.add('owner');
  if (actor.residentUnits.some((u) => place === null || unitCovers(u, place))) roles.add('resident');
  return roles;
}

export function mayAct(actor: Actor, allowed: readonly Role[], place: PlaceChain | null): boolean {
  const held = rolesAt(actor, place);
  return allowed.some((role) => held.has(role));
}
