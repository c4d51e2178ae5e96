/**
 * Places a subdistrict administers: communities and compounds, created and renamed by the people
 * whose grant covers them. The subdistrict committee adds communities; it and community staff add
 * compounds and keep their names and notice-board addresses. Buildings and units come from the
 * roster import (roster.service.ts).
 */
import { DomainError, type PlacesTree } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import {
  findCommunityByName,
  findCompoundByCode,
  findCompoundByName,
  insertCommunity,
  insertCompound,
  listCommunitiesIn,
  listCompoundsIn,
  listSubdistricts,
  renameCommunity,
  updateCompound,
} from '../db/repositories/place-tree.repository.js';
import { findCompound } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';

/** The subdistricts, communities and compounds I administer, and which of them I may edit. */
export async function placesTreeFor(deps: Deps, actor: Actor): Promise<PlacesTree> {
  const subdistrictIds = [
    ...new Set(actor.grants.filter((g) => g.role === 'subdistrict_committee' || g.role === 'community_staff').map((g) => g.subdistrictId)),
  ];
  const subdistricts = await listSubdistricts(deps.db, subdistrictIds);
  const communities = await listCommunitiesIn(deps.db, subdistrictIds);
  const compounds = await listCompoundsIn(
    deps.db,
    communities.map((c) => c.id),
  );
  return {
    subdistricts: subdistricts.map((s) => {
      const chain = { subdistrictId: s.id };
      const mayEditSubdistrict = rolesAt(actor, chain).has('subdistrict_committee');
      return {
        id: s.id,
        name: s.name,
        mayEdit: mayEditSubdistrict,
        communities: communities
          .filter((c) => c.subdistrict_id === s.id)
          .map((c) => ({ id: c.id, name: c.name, mayEdit: rolesAt(actor, { subdistrictId: s.id, communityId: c.id }).size > 0 }))
          .filter((c) => c.mayEdit)
          .map((c) => ({
            ...c,
            compounds: compounds.filter((k) => k.community_id === c.id).map((k) => ({ id: k.id, name: k.name, code: k.code, address: k.address })),
          })),
      };
    }),
  };
}

export async function createCommunity(deps: Deps, subdistrictId: string, name: string) {
  if (await findCommunityByName(deps.db, subdistrictId, name)) throw new DomainError('place_name_taken', { name });
  const id = newId();
  await insertCommunity(deps.db, {
    id,
    subdistrict_id: subdistrictId,
    name,
    code: `C-${id.slice(0, 8).toUpperCase()}`,
    created_at: deps.clock().toISOString(),
  });
  return { id, name };
}

export async function changeCommunityName(deps: Deps, communityId: string, subdistrictId: string, name: string) {
  const existing = await findCommunityByName(deps.db, subdistrictId, name);
  if (existing && existing.id !== communityId) throw new DomainError('place_name_taken', { name });
  await renameCommunity(deps.db, communityId, name);
  return { id: communityId, name };
}

export async function createCompound(deps: Deps, communityId: string, input: { name: string; code: string; address: string }) {
  const taken = await findCompoundByCode(deps.db, input.code);
  if (taken) throw new DomainError('compound_code_taken', { code: input.code, name: taken.name });
  if (await findCompoundByName(deps.db, communityId, input.name)) throw new DomainError('place_name_taken', { name: input.name });
  const id = newId();
  try {
    await insertCompound(deps.db, {
      id,
      community_id: communityId,
      name: input.name,
      code: input.code,
      address: input.address,
      created_at: deps.clock().toISOString(),
    });
  } catch (error) {
    // Two administrators choosing one code at the same moment: the unique index decides.
    if (isUniqueViolation(error)) {
      const holder = await findCompoundByCode(deps.db, input.code);
      throw new DomainError('compound_code_taken', { code: input.code, name: holder?.name ?? input.code });
    }
    throw error;
  }
  return { id, name: input.name };
}

export async function changeCompound(deps: Deps, compoundId: string, communityId: string, input: { name?: string; address?: string }) {
  if (input.name !== undefined) {
    const existing = await findCompoundByName(deps.db, communityId, input.name);
    if (existing && existing.id !== compoundId) throw new DomainError('place_name_taken', { name: input.name });
  }
  await updateCompound(deps.db, compoundId, input);
  const compound = await findCompound(deps.db, compoundId);
  return { id: compoundId, name: compound?.name ?? input.name ?? '' };
}
