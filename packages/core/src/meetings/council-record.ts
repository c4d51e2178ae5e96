/**
 * What a four-party council's record may say, and what it still lacks: a party is named in an
 * outcome only if someone of it signed in (the minutes cannot say a party agreed that was not
 * there), and before the session closes or its minutes go public, the items with no outcome and the
 * parties missing for quorum are said.
 */
import { DomainError } from '../errors/domain-error.js';
import { PARTIES, type Party } from '../roles/roles.js';
import type { MeetingKindSpec } from './meeting-kinds.js';
import type { OutcomeKind, QuorumResult } from './meetings.js';

/** The parties named that nobody of signed in for, in the parties' order. */
export function absentParties(named: Iterable<Party>, signedInParties: Iterable<Party | null>): Party[] {
  const present = new Set([...signedInParties].filter((p): p is Party => p !== null));
  const chosen = new Set(named);
  return PARTIES.filter((p) => chosen.has(p) && !present.has(p));
}

/**
 * An outcome names only parties present: each one it names (as agreeing) had someone signed in.
 * Refused with the absent parties' codes, comma-separated (the message lists them in words).
 */
export function assertPartiesPresent(named: Iterable<Party>, signedInParties: Iterable<Party | null>): void {
  const absent = absentParties(named, signedInParties);
  if (absent.length > 0) throw new DomainError('outcome_party_absent', { parties: absent.join(',') });
}

/** What a meeting's record lacks: agenda items with no outcome (kinds that record them), parties whose absence leaves it without quorum. */
export interface RecordGaps {
  unrecordedOutcomes: number;
  missingParties: Party[];
}

export function recordGaps(
  spec: Pick<MeetingKindSpec, 'outcomes'>,
  items: Iterable<{ outcome: OutcomeKind | null }>,
  quorum: Pick<QuorumResult, 'reached' | 'missing'> | null,
): RecordGaps {
  const unrecordedOutcomes = spec.outcomes ? [...items].filter((i) => i.outcome === null).length : 0;
  return { unrecordedOutcomes, missingParties: quorum && !quorum.reached ? [...quorum.missing] : [] };
}
