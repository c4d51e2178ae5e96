/** Place lookups shared by routes: how a request names the place it is about. */
import { findCompoundChain, findUnitBuilding, resolvePlaceChain } from '../db/repositories/places.repository.js';
import type { PlaceLookup } from './route.js';

/** The compound named by the :compoundId path parameter. */
export const compoundFromParams: PlaceLookup<{ compoundId: string }> = ({ db, params }) => findCompoundChain(db, params.compoundId);

/** The subdistrict named by :subdistrictId. */
export const subdistrictFromParams: PlaceLookup<{ subdistrictId: string }> = ({ db, params }) => resolvePlaceChain(db, 'subdistrict', params.subdistrictId);

/** The community named by :communityId. */
export const communityFromParams: PlaceLookup<{ communityId: string }> = ({ db, params }) => resolvePlaceChain(db, 'community', params.communityId);

/** The place named by :scopeKind and :scopeId (subdistrict, community, compound, building or grid). */
export const scopeFromParams: PlaceLookup<{ scopeKind: string; scopeId: string }> = ({ db, params }) => resolvePlaceChain(db, params.scopeKind, params.scopeId);

/** The building (and compound) of the unit named by :unitId. */
export const unitFromParams: PlaceLookup<{ unitId: string }> = async ({ db, params }) => {
  const unit = await findUnitBuilding(db, params.unitId);
  return unit ? resolvePlaceChain(db, 'building', unit.building_id) : undefined;
};
