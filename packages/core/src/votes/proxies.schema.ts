/**
 * Proxies (委托投票) and paper ballots entered with four eyes, on the wire. A proxy acts for one
 * vote, for some of the principal's units; the principal confirms by SMS code or in person with
 * staff, and until closing may revoke it or vote in person (their own ballot wins). A paper slip is
 * entered by one staff member with its number and photo and counts once a second confirms it.
 */
import { z } from 'zod';
import { phoneSchema as phone } from '../accounts/accounts.schema.js';
import { concernPhotoSchema } from '../action-items/action-items.schema.js';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';

const id = z.string().min(1).max(40);
const unitIds = z
  .array(id)
  .min(1)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'units_repeated' });

export const PROXY_STATUSES = ['pending', 'confirmed', 'revoked'] as const;
export type ProxyStatus = (typeof PROXY_STATUSES)[number];
export const PROXY_CONFIRMATIONS = ['sms', 'in_person'] as const;

/** An owner authorises a person (by phone) for their units; the signed 授权委托书 is a photo uploaded first. */
export const createProxySchema = z.object({ unitIds, proxyPhone: phone, formPhotoId: id });
export type CreateProxyInput = z.output<typeof createProxySchema>;

/** Staff record an authorisation the owner brought to the office: it is confirmed at once, with the staff member. */
export const createProxyInPersonSchema = createProxySchema.extend({ principalPhone: phone });
export type CreateProxyInPersonInput = z.output<typeof createProxyInPersonSchema>;

export const confirmProxySchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

export const proxyBallotSchema = z.object({ unitId: id, choices: z.array(z.string().min(1).max(40)).min(1).max(50) });
export type ProxyBallotInput = z.output<typeof proxyBallotSchema>;

const proxyUnitSchema = z.object({
  unitId: z.string(),
  label: z.string(),
  /** Whether the unit has a ballot, and whose: the proxy's (under this authorisation) or the principal's own. */
  voted: z.boolean(),
  votedBy: z.enum(['proxy', 'principal']).nullable(),
  /** The receipt of the proxy's ballot, shown to the proxy and to the principal. */
  proxyReceiptCode: z.string().nullable(),
});

export const proxyViewSchema = z.object({
  id: z.string(),
  voteId: z.string(),
  status: z.enum(PROXY_STATUSES),
  /** Masked (张**): the proxy sees whom they act for, never more. */
  principalName: z.string(),
  proxyName: z.string(),
  units: z.array(proxyUnitSchema),
  formPhoto: concernPhotoSchema,
  confirmedVia: z.enum(PROXY_CONFIRMATIONS).nullable(),
  confirmedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ProxyView = z.infer<typeof proxyViewSchema>;

export const myProxiesSchema = z.object({
  /** Whether this vote takes proxies (owners' votes only) and how many principals one proxy may act for. */
  allowed: z.boolean(),
  cap: z.number().int(),
  /** Authorisations I gave (as principal). */
  given: z.array(proxyViewSchema),
  /** Authorisations I hold (as proxy), confirmed only. */
  held: z.array(proxyViewSchema),
});
export type MyProxies = z.infer<typeof myProxiesSchema>;

/** Staff: a page of a vote's authorisations, oldest first (the id breaks ties). */
export const voteProxiesQuerySchema = pageQuerySchema();
export const voteProxiesSchema = pageSchema(proxyViewSchema).extend({
  /** How many authorisations of the whole vote are in force (pending or confirmed), not only on this page. */
  inForce: z.number().int(),
});
export type VoteProxies = z.infer<typeof voteProxiesSchema>;

export const proxySmsSentSchema = z.object({ proxy: proxyViewSchema, smsSentTo: z.string() });

// Paper ballots with four eyes

export const PAPER_ENTRY_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type PaperEntryStatus = (typeof PAPER_ENTRY_STATUSES)[number];

export const paperEntrySchema = z.object({
  id: z.string(),
  voterKey: z.string(),
  voterLabel: z.string(),
  choices: z.array(z.string()),
  choiceLabels: z.array(z.string()),
  slipNumber: z.string(),
  photo: concernPhotoSchema,
  status: z.enum(PAPER_ENTRY_STATUSES),
  enteredBy: z.string(),
  enteredAt: z.string(),
  /** Whether the caller entered it (then someone else must confirm it). */
  enteredByMe: z.boolean(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
});
export type PaperEntry = z.infer<typeof paperEntrySchema>;

/** Staff: a page of a vote's paper entries, newest first (the id breaks ties), only those of one status when `status` is given. */
export const paperEntriesQuerySchema = pageQuerySchema().extend({ status: z.enum(PAPER_ENTRY_STATUSES).optional() });
export type PaperEntriesQuery = z.output<typeof paperEntriesQuerySchema>;
export const paperEntriesSchema = pageSchema(paperEntrySchema).extend({
  /** How many entries of the whole vote wait for a second staff member (not only on this page). */
  pending: z.number().int(),
});
export type PaperEntries = z.infer<typeof paperEntriesSchema>;

export const rejectPaperEntrySchema = z.object({ reason: z.string().trim().min(2).max(200) });
