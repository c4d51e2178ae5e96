/**
 * The kinds and states of owners' objections (objections.schema.ts), apart from the schemas so that
 * a page which only lists them (the roll check, the receipts page) loads no zod with them.
 */
export const OBJECTION_STATUSES = ['open', 'upheld', 'rejected'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_OUTCOMES = ['upheld', 'rejected'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** What an owner says is wrong with their own entry on the roll. */
export const ROLL_OBJECTION_KINDS = [
  /** The unit is not theirs (or not theirs alone). */
  'not_mine',
  /** The area counted is wrong. */
  'area_wrong',
  /** A co-owner is missing from the title. */
  'owner_missing',
  /** A unit they bought is counted as the developer's. */
  'developer_sold',
  'other',
] as const;
export type RollObjectionKind = (typeof ROLL_OBJECTION_KINDS)[number];

/** What an owner says is wrong with a published ballot. */
export const BALLOT_DISPUTE_KINDS = [
  /** "This receipt is not mine" (a ballot shown for my unit that I did not cast). */
  'not_mine',
  /** "My ballot is shown as 反对 but I chose 同意". */
  'wrong_choice',
  /** "A unit was counted that did not vote". */
  'not_voted',
  'other',
] as const;
export type BallotDisputeKind = (typeof BALLOT_DISPUTE_KINDS)[number];
