/**
 * The words a vote's life is told in: its status, and how a ballot reached the box. The database
 * columns and the API answers are typed by these, so a status the code does not know cannot be
 * stored or sent.
 */

/** draft (staff prepare it) → open (the electorate is frozen, ballots accepted) → closed (tallied, result frozen). */
export const VOTE_STATUSES = ['draft', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/** online: cast by the voter; paper: a paper slip entered by staff. */
export const BALLOT_CHANNELS = ['online', 'paper'] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

/** One option of a vote as stored and shown: `yes`/`no`/`abstain` for yes/no votes, `o1`, `o2` … otherwise. */
export interface VoteOption {
  id: string;
  label: string;
}
