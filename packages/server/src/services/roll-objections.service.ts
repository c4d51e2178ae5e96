/**
 * The roll check (名册核对): while an owners'-assembly vote is announced, its frozen roll is published
 * and an owner may ask for a correction of their own entry until roll_check_ends_at. The vote's
 * organisers resolve each request with a recorded reason; voting cannot open while any is open
 * (see openRollObjectionCount).
 */
import type { Db } from '../db/repositories/places.repository.js';
import { countOpenRollObjections } from '../db/repositories/vote-objections.repository.js';

/** Roll correction requests of this vote still unresolved: opening is refused while any is open. */
export function openRollObjectionCount(db: Db, voteId: string): Promise<number> {
  return countOpenRollObjections(db, voteId);
}
