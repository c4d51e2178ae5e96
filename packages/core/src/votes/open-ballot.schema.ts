/**
 * The files a closed vote publishes so that anyone can recount it (issue 17, verifiable open ballot):
 * the roll of who took part and the ballots keyed by receipt code with the whole ballot log. Both
 * carry the same header (the vote, its rule, the electorate's totals and the published result). The
 * formats are documented for owners in docs/recount.md; `yishi recount roll.json ballots.json`
 * (core/votes/recount.ts) reads them.
 *
 * Secrecy (core/votes/secrecy.ts), decided here:
 * - A named (open) ballot publishes everything: each ballot's counted weight (area and head group)
 *   and each unit's channel. Its ballots may be linked to units; that is what "named" means.
 * - A secret ballot publishes no per-ballot weight and no per-unit channel: a ballot's area (or a
 *   rare channel) held against the roll would name its unit. Its recount checks the chain, that the
 *   counted ballots are exactly those of the log, the participation figures and each option's ballot
 *   count; the area and head approval figures cannot be recomputed without linking ballots to units.
 * - A secret ballot below SECRET_TOTALS_MIN_VOTERS publishes no choices at all (not in the ballots,
 *   not in the log: the log's entries then carry only position, kind, receipt, time and hashes, and
 *   the chain can be held against the anchored head but not recomputed).
 */
import { z } from 'zod';
import { BALLOT_LOG_KINDS } from './ballot-log.js';
import { ELECTORATE_KINDS, VOTE_KINDS } from './rules.js';
import { BALLOT_CHANNELS } from './votes.js';
import { tallyResultSchema, voteOptionSchema, voteRuleSchema, wordsSchema } from './votes.schema.js';

export const OPEN_BALLOT_ROLL_FORMAT = 'yishi-open-ballot-roll/1';
export const OPEN_BALLOT_BALLOTS_FORMAT = 'yishi-open-ballot-ballots/1';

export const openBallotHeaderSchema = z.object({
  voteId: z.string(),
  title: z.string(),
  kind: z.enum(VOTE_KINDS),
  electorateKind: z.enum(ELECTORATE_KINDS),
  rule: voteRuleSchema,
  ruleText: wordsSchema,
  options: z.array(voteOptionSchema),
  /** Seats to fill (elections) or at most this many choices; 1 for yes/no and single choice. */
  seats: z.number().int(),
  secret: z.boolean(),
  closedAt: z.string(),
  /** The whole electorate: units (or persons), heads, area in hundredths of m². */
  electorate: z.object({ units: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() }),
  /** The result as published on the board (core/votes/secrecy.ts publishedResult). */
  result: tallyResultSchema,
});
export type OpenBallotHeader = z.infer<typeof openBallotHeaderSchema>;

export const openBallotRollEntrySchema = z.object({
  /** The unit (or, in a residents' poll, the person's roll label). */
  unit: z.string(),
  areaCenti: z.number().int(),
  /** Pseudonymous: units of the same buyer share a number, the developer's unsold units share one. */
  headGroup: z.number().int().min(1),
  developerHeld: z.boolean(),
  tookPart: z.boolean(),
  /** online | paper | proxy; null when the unit did not take part, and always for a secret ballot. */
  channel: z.enum(BALLOT_CHANNELS).nullable(),
});
export type OpenBallotRollEntry = z.infer<typeof openBallotRollEntrySchema>;

export const openBallotRollSchema = z.object({
  format: z.literal(OPEN_BALLOT_ROLL_FORMAT),
  header: openBallotHeaderSchema,
  /** Whether the channel of each unit is published (false for a secret ballot). */
  channelsPublished: z.boolean(),
  /** How many took part by each channel (always published). */
  channels: z.object({ online: z.number().int(), paper: z.number().int(), proxy: z.number().int() }),
  roll: z.array(openBallotRollEntrySchema),
});
export type OpenBallotRoll = z.infer<typeof openBallotRollSchema>;

export const openBallotBallotSchema = z.object({
  receiptCode: z.string(),
  /** Option ids; empty when the choices are withheld. */
  choices: z.array(z.string()),
  /** The counted weight: null for a secret ballot. */
  areaCenti: z.number().int().nullable(),
  headGroup: z.number().int().nullable(),
  logPosition: z.number().int().nullable(),
});
export type OpenBallotBallot = z.infer<typeof openBallotBallotSchema>;

export const openBallotLogEntrySchema = z.object({
  position: z.number().int(),
  kind: z.enum(BALLOT_LOG_KINDS),
  receiptCode: z.string(),
  supersedes: z.string().nullable(),
  /** Null when the choices are withheld (a small secret vote). */
  choices: z.array(z.string()).nullable(),
  channel: z.string(),
  recordedAt: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type OpenBallotLogEntry = z.infer<typeof openBallotLogEntrySchema>;

export const openBallotBallotsSchema = z.object({
  format: z.literal(OPEN_BALLOT_BALLOTS_FORMAT),
  header: openBallotHeaderSchema,
  weightsPublished: z.boolean(),
  choicesPublished: z.boolean(),
  /** Why something is withheld, in words (null: nothing is). */
  withheld: wordsSchema.nullable(),
  ballots: z.array(openBallotBallotSchema),
  log: z.array(openBallotLogEntrySchema),
  /** The head of the log at publication: its last position and hash (0 and the genesis hash when empty). */
  logHead: z.object({ position: z.number().int(), hash: z.string() }),
});
export type OpenBallotBallots = z.infer<typeof openBallotBallotsSchema>;
