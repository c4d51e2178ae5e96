/**
 * The shapes of votes and ballots on the wire: the input schemas (shared by the server routes and
 * the web forms) and the answers (the server's handlers are typed by them, tests check every answer
 * against them, the web app reads its types from them).
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { COMPARISONS } from './fraction.js';
import { ART278_MATTERS, ELECTORATE_KINDS, VOTE_KINDS } from './rules.js';
import { PROGRESS_KEYS, type ParticipationProgress } from './progress.js';
import type { PublishedResult } from './secrecy.js';
import { CHECK_KEYS } from './tally.js';
import { BALLOT_CHANNELS, VOTE_STATUSES } from './votes.js';
import { voteTimelineSchema } from './timeline.schema.js';

const fractionSchema = z
  .object({ num: z.number().int().min(0), den: z.number().int().min(1).max(1_000_000) })
  .refine((f) => f.num <= f.den, { message: 'num ≤ den' });

export const voteRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simple_majority') }),
  z.object({ kind: z.literal('art278'), matter: z.union(ART278_MATTERS.map((m) => z.literal(m))) }),
  z.object({
    kind: z.literal('custom'),
    basis: z.enum(['ballots', 'area_and_heads']),
    participation: fractionSchema.nullable(),
    approval: fractionSchema,
    approvalComparison: z.enum(COMPARISONS),
  }),
]);

export const VOTE_SOURCE_KINDS = ['direct', 'proposal', 'agenda_item'] as const;
export type VoteSourceKind = (typeof VOTE_SOURCE_KINDS)[number];

const isoDateTime = z.iso.datetime({ offset: true });

export const createVoteSchema = z
  .object({
    title: z.string().trim().min(2).max(120),
    description: z.string().trim().max(4000).default(''),
    kind: z.enum(VOTE_KINDS),
    electorateKind: z.enum(ELECTORATE_KINDS).default('owners'),
    /** A building-scoped vote (electing a building head): only that building's units vote. */
    buildingId: z.string().min(1).max(40).nullable().default(null),
    /** Options for choices and elections (candidates); yes/no gets 同意/反对/弃权 automatically. */
    options: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    /** At most this many choices per ballot (multiple choice) / seats to fill (election). */
    maxChoices: z.number().int().min(1).max(50).default(1),
    rule: voteRuleSchema,
    secret: z.boolean().default(true),
    opensAt: isoDateTime.nullable().default(null),
    closesAt: isoDateTime,
    sourceKind: z.enum(VOTE_SOURCE_KINDS).default('direct'),
    sourceId: z.string().min(1).max(40).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'yes_no' && v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least 2 options' });
    if (new Set(v.options).size !== v.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
    if ((v.kind === 'multiple_choice' || v.kind === 'election') && v.maxChoices > Math.max(1, v.options.length)) {
      ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'more choices than options' });
    }
    if (v.electorateKind === 'residents' && (v.rule.kind === 'art278' || (v.rule.kind === 'custom' && v.rule.basis === 'area_and_heads'))) {
      ctx.addIssue({ code: 'custom', path: ['rule'], message: 'a residents poll has no areas: use simple majority or a ballots rule' });
    }
    if (v.sourceKind !== 'direct' && !v.sourceId) ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'required' });
    if (v.opensAt && Date.parse(v.opensAt) >= Date.parse(v.closesAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
    }
  });
export type CreateVoteInput = z.output<typeof createVoteSchema>;

export const castBallotSchema = z.object({
  /** The unit voted for (owners' votes); omitted in residents' polls. */
  unitId: z.string().min(1).max(40).optional(),
  choices: z.array(z.string().min(1).max(40)).min(1).max(50),
});
export type CastBallotInput = z.output<typeof castBallotSchema>;

/** The same choice for several of my units at once: one ballot per unit, confirmed once. */
export const castBallotsSchema = z.object({
  /** The units the owner confirmed, each named once (owners' votes only). */
  unitIds: z
    .array(z.string().min(1).max(40))
    .min(1)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'units_repeated' }),
  choices: z.array(z.string().min(1).max(40)).min(1).max(50),
});
export type CastBallotsInput = z.output<typeof castBallotsSchema>;

export const paperBallotSchema = z.object({
  unitId: z.string().min(1).max(40).optional(),
  personId: z.string().min(1).max(40).optional(),
  choices: z.array(z.string().min(1).max(40)).min(1).max(50),
  /** The number written on the paper slip (required: the service says so in words when it is missing). */
  slipNumber: z.string().trim().max(40).default(''),
  /** The uploaded photo of the signed slip (proxyEndpoints.uploadPhoto; required, said in words when missing). */
  photoId: z.string().max(40).default(''),
});
export type PaperBallotInput = z.output<typeof paperBallotSchema>;

export const receiptCodeSchema = z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

// Answers

/** A text in both languages (the rule and the result in words travel with the data). */
export const wordsSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

export const voteOptionSchema = z.object({ id: z.string(), label: z.string() });

const fractionValueSchema = z.object({ num: z.number().int(), den: z.number().int() });
const countsSchema = z.object({ voters: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() });

/**
 * The tally frozen at closing (core/votes/tally.ts) as published (core/votes/secrecy.ts), option
 * labels in the caller's language. A secret vote with few voters has no per-option figures (null)
 * and no approval checks; `totalsWithheld` says why in words.
 */
export const tallyResultSchema = z.object({
  electorate: countsSchema,
  participation: z.object({ ballots: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() }),
  options: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      ballots: z.number().int().nullable(),
      heads: z.number().int().nullable(),
      areaCenti: z.number().int().nullable(),
      passes: z.boolean(),
      elected: z.boolean(),
    }),
  ),
  checks: z.array(
    z.object({
      key: z.enum(CHECK_KEYS),
      optionId: z.string().nullable(),
      ok: z.boolean(),
      value: fractionValueSchema,
      threshold: fractionValueSchema,
      comparison: z.enum(COMPARISONS),
      text: wordsSchema,
    }),
  ),
  passed: z.boolean(),
  winners: z.array(z.string()),
  tiedAtCutoff: z.array(z.string()),
  summary: wordsSchema,
  ignoredBallots: z.number().int(),
  totalsWithheld: z.object({ minVoters: z.number().int(), text: wordsSchema }).nullable(),
}) satisfies z.ZodType<PublishedResult>;
export type VoteResultView = z.infer<typeof tallyResultSchema>;

/** A vote as every audience sees it: the question, its options, the rule (and in words), its times. */
export const voteSummarySchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(VOTE_KINDS),
  electorateKind: z.enum(ELECTORATE_KINDS),
  options: z.array(voteOptionSchema),
  maxChoices: z.number().int(),
  rule: voteRuleSchema,
  ruleText: wordsSchema,
  secret: z.boolean(),
  status: z.enum(VOTE_STATUSES),
  opensAt: z.string().nullable(),
  closesAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Closed by its set time rather than early by staff. */
  closedOnTime: z.boolean(),
  /**
   * Closed on the statutory timeline with its 询异 period not over: its result is the preliminary count
   * (初步统计结果), published as final once the objections are settled.
   */
  preliminary: z.boolean(),
  /** direct, proposal or agenda_item (stored as text: other features read the column too). */
  sourceKind: z.string(),
  sourceId: z.string().nullable(),
  createdAt: z.string(),
});
export type VoteSummary = z.infer<typeof voteSummarySchema>;

/** A unit I vote for (or me, in a residents' poll), whether it voted and my receipt code. */
export const myVoterSchema = z.object({
  voterKey: z.string(),
  label: z.string(),
  voted: z.boolean(),
  receiptCode: z.string().nullable(),
  castAt: z.string().nullable(),
  channel: z.enum(BALLOT_CHANNELS).nullable(),
});
export type MyVoter = z.infer<typeof myVoterSchema>;

export const listedVoteSchema = voteSummarySchema.extend({
  passed: z.boolean().nullable(),
  summaryText: wordsSchema.nullable(),
  /** My units on this vote's roll and whether each has voted (empty for staff and for drafts). */
  mine: z.array(myVoterSchema),
});
export type ListedVote = z.infer<typeof listedVoteSchema>;

/** A page of a compound's votes: open ones first, then announced, drafts, closed; newest first within each (the id breaks ties). */
export const compoundVotesQuerySchema = pageQuerySchema(20);
export const compoundVotesSchema = pageSchema(listedVoteSchema).extend({
  /** Whether I organise votes here (drafts are listed only then). */
  canManage: z.boolean(),
});
export type CompoundVotes = z.infer<typeof compoundVotesSchema>;

/** Participation so far against the rule's participation threshold, in figures and in words (core/votes/progress.ts). */
export const participationProgressSchema = z.object({
  key: z.enum(PROGRESS_KEYS),
  value: fractionValueSchema,
  threshold: fractionValueSchema.nullable(),
  comparison: z.enum(COMPARISONS),
  reached: z.boolean(),
  missing: z.number().int(),
  text: wordsSchema,
}) satisfies z.ZodType<ParticipationProgress>;

/** Live turnout: how many took part, never how anyone voted. */
export const turnoutSchema = z.object({
  electorate: countsSchema,
  participation: z.object({ ballots: z.number().int(), paperBallots: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() }),
  /** Against the rule's participation threshold: area and heads (art. 278) or ballots. */
  progress: z.array(participationProgressSchema),
});
export type Turnout = z.infer<typeof turnoutSchema>;

export const voteViewSchema = z.object({
  vote: voteSummarySchema,
  /** Null for a draft. */
  turnout: turnoutSchema.nullable(),
  /** Null until closed. */
  result: tallyResultSchema.nullable(),
  mine: z.array(myVoterSchema),
  canManage: z.boolean(),
  /** The stages with their dates and notices (core/votes/timeline.ts). */
  timeline: voteTimelineSchema,
});
export type VoteView = z.infer<typeof voteViewSchema>;

export const voteCreatedSchema = z.object({ id: z.string() });

/** The answer of an action whose effect the caller reads back (open, close, decide). */
export const doneSchema = z.object({ ok: z.literal(true) });

export const ballotReceiptSchema = z.object({
  /** The unit voted for (or the person, in a residents' poll). */
  voterKey: z.string(),
  receiptCode: z.string(),
  castAt: z.string(),
  voterLabel: z.string(),
  /** An earlier ballot of this voter was replaced (and kept in the history). */
  replaced: z.boolean(),
  closesAt: z.string(),
  /** Its position in the vote's ballot log (published after closing with the log itself). */
  logPosition: z.number().int().min(1),
});
export type BallotReceipt = z.infer<typeof ballotReceiptSchema>;

/** One receipt per unit, in the order the units were given. */
export const ballotReceiptsSchema = z.object({ receipts: z.array(ballotReceiptSchema) });

export const paperBallotReceiptSchema = z.object({ receiptCode: z.string(), voterLabel: z.string(), logPosition: z.number().int().min(1) });

/** A paper slip entered: pending until a second staff member confirms it (proxyEndpoints.confirmPaper); it does not count yet. */
export const paperEntryCreatedSchema = z.object({ entryId: z.string(), voterLabel: z.string(), status: z.literal('pending') });

export const rollEntrySchema = z.object({
  voterKey: z.string(),
  label: z.string(),
  areaCenti: z.number().int(),
  developerHeld: z.boolean(),
  voted: z.boolean(),
  channel: z.enum(BALLOT_CHANNELS).nullable(),
  castAt: z.string().nullable(),
  /** Only for a named ballot after closing: what the voter chose (null: did not vote). */
  choices: z.array(z.string()).nullable().optional(),
});
/** One page of the roll in label order; `q` narrows it to the units whose label contains the text typed (a unit finder). */
export const voteRollQuerySchema = pageQuerySchema(100).extend({ q: z.string().trim().max(40).optional() });
export const voteRollSchema = pageSchema(rollEntrySchema);
export type RollEntry = z.infer<typeof rollEntrySchema>;

/** A page of the published receipts in code order; `code` looks up one receipt code (a voter checking theirs). */
export const receiptsQuerySchema = pageQuerySchema(100).extend({ code: z.string().trim().max(40).optional() });
export const publishedReceiptsSchema = pageSchema(
  z.object({
    receiptCode: z.string(),
    logPosition: z.number().int().nullable(),
    choices: z.array(z.string()),
    choiceLabels: z.array(z.string()),
    channel: z.enum(BALLOT_CHANNELS),
  }),
).extend({
  voteId: z.string(),
  title: z.string(),
  status: z.enum(VOTE_STATUSES),
  closesAt: z.string(),
  /** The list is published when the vote closes; until then it is empty and the page says when. */
  published: z.boolean(),
  /** A secret vote with few voters: the codes only (each proves its ballot was counted), the choices withheld, and why. */
  choicesWithheld: wordsSchema.nullable(),
});
export type PublishedReceipts = z.infer<typeof publishedReceiptsSchema>;

/** The board's votes: a page of the closed ones (`after`, `limit`, 10 by default); the open ones come with the first page. */
export const publicVotesQuerySchema = pageQuerySchema(10);
/** items: closed votes with their results, newest first (the id breaks ties). */
export const publicVotesSchema = pageSchema(voteSummarySchema.extend({ result: tallyResultSchema.nullable() })).extend({
  /** Open votes, announced with their live turnout (counts only, never choices), soonest closing first; only with the first page (empty after it). */
  open: z.array(voteSummarySchema.extend({ turnout: turnoutSchema })),
});
export type PublicVotes = z.infer<typeof publicVotesSchema>;
export type PublicVote = PublicVotes['items'][number];
export type PublicOpenVote = PublicVotes['open'][number];
