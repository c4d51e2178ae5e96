/**
 * Where a vote is: the place its routes' access checks are decided at, read once per vote and kept.
 */
import { DomainError, ROLES } from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { findVotePlace, type Db } from '../db/repositories/places.repository.js';
import { holdsProxyInForce } from '../db/repositories/vote-proxies.repository.js';

/**
 * Places of votes found, per database. A vote's place never changes (its compound and building are
 * set when it is made; a compound's community and a community's subdistrict are never moved), so
 * a place found once serves every later request on that vote, on this instance or beside others.
 */
const votePlaces = new WeakMap<Db, Map<string, Readonly<PlaceChain>>>();
const VOTE_PLACES_KEPT = 2_000;

/** The place a vote is about: its compound, and its building for a building-scoped vote. */
export async function placeOfVote(db: Db, voteId: string): Promise<PlaceChain | undefined> {
  let places = votePlaces.get(db);
  const kept = places?.get(voteId);
  if (kept) return kept;
  const place = await findVotePlace(db, voteId);
  if (!place) return undefined;
  if (!places) votePlaces.set(db, (places = new Map()));
  if (places.size >= VOTE_PLACES_KEPT) places.delete(places.keys().next().value!);
  places.set(voteId, Object.freeze(place));
  return place;
}

/**
 * The vote's place, for someone who may see the vote: anyone with a role there, and the person an
 * owner authorised as proxy (委托代投) once the owner confirmed it — a relative or a neighbour from
 * another compound holds no role here, and the vote is hers to see and cast, not the compound.
 */
export async function placeForVoteViewer(db: Db, actor: Actor, voteId: string): Promise<PlaceChain> {
  const place = await placeOfVote(db, voteId);
  if (!place) throw new DomainError('vote_not_found');
  if (!mayAct(actor, ROLES, place) && !(await holdsProxyInForce(db, voteId, actor.userId))) throw new DomainError('forbidden');
  return place;
}
