/**
 * 询异: after an owners'-assembly vote closes, its preliminary result and receipts are published and,
 * until objection_ends_at, an owner on the roll may dispute a specific ballot by its receipt code.
 * The vote's organisers resolve each dispute with a recorded reason; the final result waits until
 * none is open (see openDisputeCount).
 */
import type { Db } from '../db/repositories/places.repository.js';
import { countOpenBallotDisputes } from '../db/repositories/vote-objections.repository.js';

/** Disputes of this vote still unresolved: the final result is refused while any is open. */
export function openDisputeCount(db: Db, voteId: string): Promise<number> {
  return countOpenBallotDisputes(db, voteId);
}
