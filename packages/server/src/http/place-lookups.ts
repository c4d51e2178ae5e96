/** Place lookups shared by routes: how a request names the place it is about. */
import { findCompoundChain } from '../db/repositories/places.repository.js';
import type { PlaceLookup } from './route.js';

/** The compound named by the :compoundId path parameter. */
export const compoundFromParams: PlaceLookup<{ compoundId: string }> = ({ db, params }) => findCompoundChain(db, params.compoundId);
