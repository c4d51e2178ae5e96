import { z } from 'zod';

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
  z.object({ action: z.literal('put_on_agenda'), agendaItemId: z.string().min(1).max(40).nullable().default(null), note: z.string().trim().max(500).default('') }),
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
