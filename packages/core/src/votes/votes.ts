/**
 * The words a vote's life is told in: its status, and how a ballot reached the box. The database
 * columns and the API answers are typed by these, so a status the code does not know cannot be
 * stored or sent.
 */

/**
 * draft (staff prepare it) → announced (an owners'-assembly vote's notice is out and its roll frozen
 * for checking; see ./timeline.ts) → open (ballots accepted) → closed (tallied, result frozen; for an
 * owners'-assembly vote a preliminary result until its 询异 window ends and it is finalised).
 */
export const VOTE_STATUSES = ['draft', 'announced', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/** online: cast by the voter; paper: a paper slip entered by staff; proxy: cast online by an authorised proxy (委托投票). */
export const BALLOT_CHANNELS = ['online', 'paper', 'proxy'] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

/**
 * How a ballot row stores its channel (the column's check constraint): a proxy ballot is stored as
 * `online` with its proxy_id set, and told as `proxy` (see channelOf on the server).
 */
export const STORED_BALLOT_CHANNELS = ['online', 'paper'] as const;
export type StoredBallotChannel = (typeof STORED_BALLOT_CHANNELS)[number];

/** One option of a vote as stored and shown: `yes`/`no`/`abstain` for yes/no votes, `o1`, `o2` … otherwise. */
export interface VoteOption {
  id: string;
  label: string;
}
