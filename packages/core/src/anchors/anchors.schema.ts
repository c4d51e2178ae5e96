/** The published heads as the board shows them and as a downloaded copy keeps them (docs/operations.md). */
import { z } from 'zod';
import { ANCHOR_CHAINS } from './anchors.js';

export const PUBLISHED_HEADS_FORMAT = 'yishi-published-heads/1';

export const publishedHeadSchema = z.object({
  chain: z.enum(ANCHOR_CHAINS),
  scopeId: z.string(),
  /** What the chain is: the compound's name (ledger) or the vote's title (ballot log). */
  label: z.string(),
  seq: z.number().int().min(0),
  hash: z.string(),
  /** The China date it was published on (YYYY-MM-DD). */
  publishedOn: z.string(),
  publishedAt: z.string(),
});
export type PublishedHeadView = z.infer<typeof publishedHeadSchema>;

export const publishedHeadsSchema = z.object({
  format: z.literal(PUBLISHED_HEADS_FORMAT),
  compoundId: z.string(),
  compoundName: z.string(),
  /** Every head published for this compound's ledger and its votes' ballot logs, newest first. */
  heads: z.array(publishedHeadSchema),
  /** The newest head of each chain (the compound's ledger, each recent vote). */
  latest: z.array(publishedHeadSchema),
});
export type PublishedHeads = z.infer<typeof publishedHeadsSchema>;
