/**
 * The shapes of proposals on the wire: the input schemas (shared by the server routes and the web
 * forms) and the answers.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { PROPOSAL_STATUSES } from './proposals.js';

export const submitProposalSchema = z.object({
  title: z.string().trim().min(4).max(80),
  body: z.string().trim().min(10).max(4000),
  /** A building-scoped proposal (only that building's households second it); null for the compound. */
  buildingId: z.string().min(1).max(40).nullable().default(null),
});
export type SubmitProposalInput = z.output<typeof submitProposalSchema>;

export const secondProposalSchema = z.object({
  /** Which of my units seconds (owners of several units); defaults to the only one. */
  unitId: z.string().min(1).max(40).optional(),
});

export const decideProposalSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('put_on_agenda'),
    agendaItemId: z.string().min(1).max(40).nullable().default(null),
    note: z.string().trim().max(500).default(''),
  }),
  z.object({ action: z.literal('merge'), intoProposalId: z.string().min(1).max(40), note: z.string().trim().max(500).default('') }),
  z.object({ action: z.literal('decline'), reason: z.string().trim().min(4).max(1000) }),
]);
export type DecideProposalInput = z.output<typeof decideProposalSchema>;

export const secondingThresholdSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), units: z.number().int().min(1).max(100_000) }),
  z.object({
    kind: z.literal('share'),
    share: z.object({ num: z.number().int().min(1), den: z.number().int().min(1) }).refine((s) => s.num <= s.den),
  }),
]);

/** The compound's seconding threshold: the body of a change and the answer to a read. */
export const proposalSettingsSchema = z.object({ threshold: secondingThresholdSchema });

// Answers

export const proposalViewSchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  buildingId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  /** The status in the caller's language. */
  statusText: z.string(),
  /** The proposer; on the public board by surname only (刘*). */
  authorName: z.string(),
  /** Households (units) that seconded. */
  seconds: z.number().int(),
  /** Households still needed to qualify (0 when qualified). */
  needed: z.number().int(),
  unitsInScope: z.number().int(),
  thresholdText: z.string(),
  mergedIntoId: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  voteId: z.string().nullable(),
  decisionReason: z.string().nullable(),
  qualifiedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProposalView = z.infer<typeof proposalViewSchema>;

/** A page of a compound's proposals, newest first (the id breaks ties). */
export const proposalListSchema = pageSchema(proposalViewSchema);
export const proposalListQuerySchema = pageQuerySchema();

export const proposalDetailSchema = z.object({
  proposal: proposalViewSchema,
  /** Every state change, oldest first: who, when, why. */
  history: z.array(z.object({ status: z.enum(PROPOSAL_STATUSES), statusText: z.string(), actorName: z.string(), note: z.string(), at: z.string() })),
  me: z.object({ isAuthor: z.boolean(), seconded: z.boolean(), canSecond: z.boolean() }).nullable(),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

export const proposalCreatedSchema = z.object({ id: z.string() });

export const secondResultSchema = z.object({ seconds: z.number().int(), status: z.enum(PROPOSAL_STATUSES), needed: z.number().int() });
