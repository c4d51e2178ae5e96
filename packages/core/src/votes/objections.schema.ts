/**
 * Owners' objections to an owners'-assembly vote (issue 17): to their own entry on the frozen roll
 * while it is published for checking (名册核对), and to a published ballot, named by its receipt
 * code, in the 询异 window after the preliminary result. The vote's organisers resolve each with a
 * recorded reason; the owner sees the resolution and is told of it.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { BALLOT_DISPUTE_KINDS, OBJECTION_OUTCOMES, OBJECTION_STATUSES, ROLL_OBJECTION_KINDS } from './objection-kinds.js';
import { wordsSchema } from './votes.schema.js';

/** How an entry of the roll counts as heads (业主人数). */
export const HEAD_RULES = [
  /** One unit, one owner (or one set of co-owners): 1 head. */
  'single',
  /** The same owner(s) hold several units: together 1 head. */
  'same_owner',
  /** Unsold developer units: together 1 head. */
  'developer',
] as const;
export type HeadRule = (typeof HEAD_RULES)[number];

/** The values of a roll entry an upheld objection may correct. */
export const rollEntryValuesSchema = z.object({
  areaCenti: z.number().int().min(0),
  developerHeld: z.boolean(),
  /** How many owners the title names (their names are never published). */
  ownerCount: z.number().int().min(0),
});
export type RollEntryValues = z.infer<typeof rollEntryValuesSchema>;

export const rollObjectionSchema = z.object({
  id: z.string(),
  voteId: z.string(),
  voterKey: z.string(),
  unitLabel: z.string(),
  kind: z.enum(ROLL_OBJECTION_KINDS),
  text: z.string(),
  claimedAreaCenti: z.number().int().nullable(),
  status: z.enum(OBJECTION_STATUSES),
  /** Who raised it: for organisers (and the owner themselves); null on the public record. */
  raisedByName: z.string().nullable(),
  createdAt: z.string(),
  resolutionReason: z.string(),
  resolvedAt: z.string().nullable(),
  before: rollEntryValuesSchema.nullable(),
  after: rollEntryValuesSchema.nullable(),
});
export type RollObjectionView = z.infer<typeof rollObjectionSchema>;

export const ballotDisputeSchema = z.object({
  id: z.string(),
  voteId: z.string(),
  receiptCode: z.string(),
  /** The disputed ballot is a paper one entered by staff: only its choices can be corrected (from the signed slip). */
  paperBallot: z.boolean(),
  kind: z.enum(BALLOT_DISPUTE_KINDS),
  text: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  raisedByName: z.string().nullable(),
  createdAt: z.string(),
  resolutionReason: z.string(),
  resolvedAt: z.string().nullable(),
  /** The choices an upheld correction of a paper ballot set (option labels in the caller's language). */
  correctedChoices: z.array(z.string()).nullable(),
  correctedChoiceLabels: z.array(z.string()).nullable(),
  correctionLogPosition: z.number().int().nullable(),
});
export type BallotDisputeView = z.infer<typeof ballotDisputeSchema>;

export const publicRollEntrySchema = z.object({
  voterKey: z.string(),
  label: z.string(),
  areaCenti: z.number().int(),
  developerHeld: z.boolean(),
  headRule: z.enum(HEAD_RULES),
  /** Heads are numbered 1…n in roll order; entries of one head share its number. */
  headNumber: z.number().int().min(1),
  /** "计 1 人" / "与 2-1-301 等合计 1 人" … in both languages. */
  headText: wordsSchema,
  /** The signed-in caller's own entry. */
  mine: z.boolean(),
  /** Owner names: only on the caller's own entries. */
  ownerNames: z.array(z.string()).nullable(),
});
export type PublicRollEntry = z.infer<typeof publicRollEntrySchema>;

/** A page of the published roll: `after`, `limit` (100 by default) and the text a label holds (`q`). */
export const rollCheckQuerySchema = pageQuerySchema(100).extend({ q: z.string().trim().max(40).optional() });
export type RollCheckQuery = z.output<typeof rollCheckQuerySchema>;

export const rollCheckSchema = z.object({
  voteId: z.string(),
  compoundId: z.string(),
  title: z.string(),
  status: z.string(),
  /** Whether the roll has been frozen (the vote announced or opened). */
  frozen: z.boolean(),
  rollCheckEndsAt: z.string().nullable(),
  /** Objections are taken now. */
  accepting: z.boolean(),
  /** How heads are counted, in words. */
  headRulesText: wordsSchema,
  totals: z.object({ units: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() }),
  /** One page of the roll in label order (the voter key breaks ties), narrowed to the labels holding `q`. */
  entries: z.array(publicRollEntrySchema),
  next: z.string().nullable().describe('Cursor of the next page of entries: pass it as `after`; null after the last page'),
  /** How many entries hold `q` (all of them without it). */
  matching: z.number().int(),
  /** The signed-in owner's own entries, wherever they are in the roll. */
  mine: z.array(publicRollEntrySchema),
  /** The caller's own objections (empty for visitors). */
  myObjections: z.array(rollObjectionSchema),
  /** Upheld corrections, for everyone (no names). */
  corrections: z.array(rollObjectionSchema),
});
export type RollCheck = z.infer<typeof rollCheckSchema>;

export const createRollObjectionSchema = z.object({
  voterKey: z.string().min(1).max(40),
  kind: z.enum(ROLL_OBJECTION_KINDS),
  text: z.string().trim().min(1, { message: 'objection_text_required' }).max(1000),
  /** The area the owner says is right, in m² (two decimals at most). */
  claimedAreaCenti: z.number().int().min(1).max(100_000_000).nullable().default(null),
});
export type CreateRollObjectionInput = z.infer<typeof createRollObjectionSchema>;

export const rollCorrectionSchema = z.object({
  areaCenti: z.number().int().min(1).max(100_000_000).optional(),
  developerHeld: z.boolean().optional(),
  /** Take the unit's owners again from the compound's register (after staff fixed it there). */
  refreshOwners: z.boolean().optional(),
});
export type RollCorrection = z.infer<typeof rollCorrectionSchema>;

export const resolveRollObjectionSchema = z.object({
  outcome: z.enum(OBJECTION_OUTCOMES),
  reason: z.string().trim().min(1, { message: 'objection_reason_required' }).max(1000),
  correction: rollCorrectionSchema.nullable().default(null),
});
export type ResolveRollObjectionInput = z.infer<typeof resolveRollObjectionSchema>;

export const createBallotDisputeSchema = z.object({
  /** As typed: normalised on the server (lower case, spaces and O for 0 are fine). */
  receiptCode: z.string().trim().min(4, { message: 'receipt_code_required' }).max(40),
  kind: z.enum(BALLOT_DISPUTE_KINDS),
  text: z.string().trim().min(1, { message: 'objection_text_required' }).max(1000),
});
export type CreateBallotDisputeInput = z.infer<typeof createBallotDisputeSchema>;

export const resolveBallotDisputeSchema = z.object({
  outcome: z.enum(OBJECTION_OUTCOMES),
  reason: z.string().trim().min(1, { message: 'objection_reason_required' }).max(1000),
  /** Upheld, for a paper ballot entered wrongly: the choices the signed slip shows. */
  correctedChoices: z.array(z.string().min(1).max(40)).min(1).max(50).nullable().default(null),
});
export type ResolveBallotDisputeInput = z.infer<typeof resolveBallotDisputeSchema>;

export const OBJECTION_LISTS = ['roll', 'disputes'] as const;
export type ObjectionList = (typeof OBJECTION_LISTS)[number];

/**
 * The two lists come a page at a time, oldest first (the id breaks ties). Without `list`, the first
 * page of each; with `list`, a page of that one only (`after` being its previous page's `next`), the
 * other empty.
 */
export const voteObjectionsQuerySchema = pageQuerySchema().extend({ list: z.enum(OBJECTION_LISTS, { message: 'objection_list_invalid' }).optional() });
export type VoteObjectionsQuery = z.output<typeof voteObjectionsQuerySchema>;

export const voteObjectionsSchema = z.object({
  voteId: z.string(),
  /** The caller organises this vote: they see every objection and may resolve them. */
  canResolve: z.boolean(),
  rollCheckEndsAt: z.string().nullable(),
  objectionEndsAt: z.string().nullable(),
  /** Disputes are taken now (a statutory vote, closed, before the end of its 询异 window). */
  disputesOpen: z.boolean(),
  /** Of all the caller may see (not only this page): roll correction requests and disputes still open. */
  openRollObjections: z.number().int(),
  openDisputes: z.number().int(),
  rollObjections: pageSchema(rollObjectionSchema),
  disputes: pageSchema(ballotDisputeSchema),
});
export type VoteObjections = z.infer<typeof voteObjectionsSchema>;
