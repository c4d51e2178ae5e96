/** Input schemas for votes and ballots, shared by the server routes and the web forms. */
import { z } from 'zod';
import { ART278_MATTERS, ELECTORATE_KINDS, VOTE_KINDS } from './rules.js';

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
    approvalComparison: z.enum(['at_least', 'more_than']),
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

export const paperBallotSchema = z.object({
  unitId: z.string().min(1).max(40).optional(),
  personId: z.string().min(1).max(40).optional(),
  choices: z.array(z.string().min(1).max(40)).min(1).max(50),
  /** The number written on the paper slip, kept for the audit. */
  slipNumber: z.string().trim().max(40).default(''),
});
export type PaperBallotInput = z.output<typeof paperBallotSchema>;

export const receiptCodeSchema = z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
