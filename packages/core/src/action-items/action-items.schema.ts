/**
 * Shapes of the action-item and ledger API: the inputs, shared by the server (validation) and the
 * web app (forms), and the answers, which the server is held to and the web app reads.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { MEETING_KINDS } from '../meetings/meeting-kinds.js';
import { MEETING_STATUSES, OUTCOME_KINDS, QUESTION_CATEGORIES } from '../meetings/meetings.js';
import {
  ACTION_ITEM_SOURCES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_UPDATE_KINDS,
  CONCERN_PHOTO_MAX_COUNT,
  CONCERN_PHOTO_TYPES,
  EVIDENCE_PHOTO_MAX_COUNT,
  MAX_DEADLINE_WORKDAYS,
  MIN_DEADLINE_WORKDAYS,
  RATINGS,
  RESPONSE_LEVELS,
  TRIAGE_LEVELS,
} from './action-items.js';
import { LEDGER_ENTRY_KINDS } from './ledger.js';

const text = (max: number) => z.string().trim().max(max);
/**
 * An evidence photo: the id of a photo uploaded first (POST /action-items/:itemId/photos), checked and
 * cleaned there. A link (https:, data:) is refused in words: a picture on another site is unchecked,
 * can change after the sign-off and tells that site who looked at the ledger.
 */
const photo = z.string().regex(/^[0-9a-z]{8,40}$/, 'evidence_photo_not_uploaded');

export const responsibleUnitSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^(community|owners_committee|property_manager|grid|department:.+)$/);

/** The working days an item is due in, counted on the official calendar from the day after it is listed. */
export const deadlineWorkdaysSchema = z.number().int().min(MIN_DEADLINE_WORKDAYS).max(MAX_DEADLINE_WORKDAYS);

export const createActionItemSchema = z.object({
  title: text(120).min(1),
  description: text(4000).default(''),
  responsibleUnit: responsibleUnitSchema.nullable().optional(),
  handlerName: text(40).nullable().optional(),
  measures: text(4000).default(''),
  deadlineWorkdays: deadlineWorkdaysSchema.optional(),
  triage: z.enum(TRIAGE_LEVELS).optional(),
  /**
   * Where the item comes from. `id` names a record of the same compound (a question, an agenda item,
   * a proposal) and `meetingId` a meeting of it; both are checked. Without `id` the item is listed by
   * hand from something Yishi holds no record of (a council held on paper): the server gives it a
   * fresh source id, as it does for residents' concerns.
   */
  source: z.object({
    kind: z.enum(ACTION_ITEM_SOURCES),
    id: z.string().min(1).max(60).optional(),
    meetingId: z.string().min(1).max(60).nullable().optional(),
  }),
});
export type CreateActionItemInput = z.infer<typeof createActionItemSchema>;

export const submitConcernSchema = z.object({
  title: text(120).min(1),
  description: text(4000).min(1),
  /** Urgent concerns start the "1341" clock. */
  urgency: z.enum(RESPONSE_LEVELS).nullable().optional(),
  location: text(120).default(''),
  /** Photos uploaded first (POST …/concern-photos), by their ids. */
  photoIds: z.array(z.string().min(1).max(40)).max(CONCERN_PHOTO_MAX_COUNT, 'concern_photos_too_many').default([]),
  /** The resident agrees that the photos are shown on the public notice board (never their name or flat). */
  photosPublic: z.boolean().default(false),
});
export type SubmitConcernInput = z.infer<typeof submitConcernSchema>;

/** An uploaded photo as the server reads it: the bytes and their declared type (checked again from the bytes). */
export const concernPhotoUploadSchema = z.object({ bytes: z.instanceof(Uint8Array), contentType: z.enum(CONCERN_PHOTO_TYPES) });

/** A stored photo: where it is served, and its size in pixels after the server re-encoded it. */
export const concernPhotoSchema = z.object({
  id: z.string(),
  url: z.string(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
export type ConcernPhoto = z.infer<typeof concernPhotoSchema>;

export const updateActionItemSchema = z.object({
  responsibleUnit: responsibleUnitSchema.nullable().optional(),
  handlerName: text(40).nullable().optional(),
  measures: text(4000).optional(),
});

export const progressUpdateSchema = z.object({
  text: text(2000).min(1),
  /** Photos uploaded first, by their ids. */
  photos: z.array(photo).max(CONCERN_PHOTO_MAX_COUNT, 'evidence_photos_too_many').default([]),
  /** Marks the grid worker's arrival on site (the "1" of 1341). */
  onSite: z.boolean().optional(),
});

export const resolveActionItemSchema = z.object({
  evidence: text(4000).min(1),
  /** Photos uploaded first, by their ids. */
  photos: z.array(photo).max(EVIDENCE_PHOTO_MAX_COUNT, 'evidence_photos_too_many').default([]),
});

export const returnActionItemSchema = z.object({ reason: text(1000).min(1) });

export const triageChangeSchema = z.object({ to: z.enum(TRIAGE_LEVELS), reason: text(500) });

export const signOffSchema = z.object({ resolution: text(2000).min(1) });

export const rateActionItemSchema = z.object({ rating: z.enum(RATINGS), comment: text(500).default('') });

/** The staff list: keyset-paged in the urgency order (overdue, open, awaiting sign-off by due date; signed off, latest first), with filters. */
export const actionItemListQuerySchema = pageQuerySchema().extend({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  triage: z.enum(TRIAGE_LEVELS).optional(),
  overdue: z.enum(['1', '0', 'true', 'false']).optional(),
  meetingId: z.string().max(60).optional(),
  q: z.string().max(60).optional(),
});

// ---- answers ------------------------------------------------------------------------------------

const localised = z.object({ 'zh-CN': z.string(), en: z.string() });
const count = z.number().int().min(0);

/** One dated entry of an item's timeline. On the board the author is left out and rating words are empty. */
export const actionItemUpdateViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTION_ITEM_UPDATE_KINDS),
  text: z.string(),
  photos: z.array(z.string()),
  from: z.string().nullable(),
  to: z.string().nullable(),
  author: z.string().nullable(),
  at: z.string(),
});
export type ActionItemUpdateView = z.infer<typeof actionItemUpdateViewSchema>;

export const ratingSummarySchema = z.object({ satisfied: count, basically_satisfied: count, dissatisfied: count });
export type RatingSummary = z.infer<typeof ratingSummarySchema>;

/** The "1341" clock of an urgent concern: the targets and whether they were met (null while open). */
const responseClockSchema = z.object({
  /** What the second target asks for: a solution, or (a major problem) only a plan. */
  resolveKind: z.enum(['solution', 'plan']),
  onSiteBy: z.string().nullable(),
  onSiteAt: z.string().nullable(),
  onSiteMet: z.boolean().nullable(),
  resolveBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolveMet: z.boolean().nullable(),
});

/** What everyone may see of an item. */
const actionItemBaseShape = {
  id: z.string(),
  compoundId: z.string(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  source: z.object({ kind: z.enum(ACTION_ITEM_SOURCES), id: z.string(), meetingId: z.string().nullable() }),
  responsibleUnit: z.string().nullable(),
  responsibleUnitLabel: localised,
  measures: z.string(),
  triage: z.enum(TRIAGE_LEVELS),
  status: z.enum(ACTION_ITEM_STATUSES),
  listedAt: z.string(),
  deadlineWorkdays: z.number().int(),
  /** China date YYYY-MM-DD. */
  dueDate: z.string(),
  /** The count ran into a year without holiday data: the date is an estimate to be confirmed. */
  dueDateProvisional: z.boolean(),
  overdue: z.boolean(),
  /** One level up, suggested for an overdue item (people decide). */
  suggestedTriage: z.enum(TRIAGE_LEVELS).nullable(),
  urgency: z.enum(RESPONSE_LEVELS).nullable(),
  response: responseClockSchema.nullable(),
  resolvedAt: z.string().nullable(),
  signOffNumber: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  resolution: z.string().nullable(),
  reopenCount: count,
  ratingSummary: ratingSummarySchema,
  /** The resident's photos: staff and the resident always; the board only those the resident agreed to show. */
  photos: z.array(concernPhotoSchema),
};

/** The staff record: everything but the raiser's contact data. */
export const actionItemStaffViewSchema = z.object({
  ...actionItemBaseShape,
  handlerName: z.string().nullable(),
  evidence: z.string().nullable(),
  evidencePhotos: z.array(z.string()),
  raisedByResident: z.boolean(),
  updates: z.array(actionItemUpdateViewSchema),
  ratings: z.array(z.object({ rating: z.enum(RATINGS), comment: z.string(), signOffNumber: z.string(), reopened: z.boolean(), at: z.string() })),
});
export type ActionItemStaffView = z.infer<typeof actionItemStaffViewSchema>;

/**
 * The public view (notice board, residents): no personal data. Strict, so a field added to the
 * server's view without a decision here fails the contract check instead of reaching the board.
 */
export const actionItemPublicViewSchema = z.strictObject({ ...actionItemBaseShape, progress: z.array(actionItemUpdateViewSchema) });
export type ActionItemPublicView = z.infer<typeof actionItemPublicViewSchema>;

/** A concern as the resident who reported it sees it. */
export const concernViewSchema = actionItemPublicViewSchema.extend({ mine: z.boolean() });
export type ConcernView = z.infer<typeof concernViewSchema>;

/** One item: staff get their record, owners and residents the public view with their own rating. */
export const actionItemDetailSchema = z.discriminatedUnion('view', [
  /** resolvedByMe: the caller reported it resolved (the latest time), so another person signs it off (sign_off_by_resolver). */
  actionItemStaffViewSchema.extend({ view: z.literal('staff'), resolvedByMe: z.boolean() }),
  concernViewSchema.extend({ view: z.literal('resident'), myRating: z.object({ rating: z.enum(RATINGS), comment: z.string() }).nullable() }),
]);
export type ActionItemDetail = z.infer<typeof actionItemDetailSchema>;

/** Counts of the whole filtered list (not of the page), for the summary line above it. */
const listCountsSchema = z.object({ total: count, signedOff: count, overdue: count });
export const actionItemListSchema = pageSchema(actionItemStaffViewSchema).extend({ counts: listCountsSchema });
export type ActionItemList = z.infer<typeof actionItemListSchema>;
/** A resident's own concerns, newest first, a page at a time. */
export const concernListQuerySchema = pageQuerySchema(20);
export const concernListSchema = pageSchema(concernViewSchema);

export const signOffResultSchema = z.object({ signOffNumber: z.string(), signedOffAt: z.string(), signedOffBy: z.string(), item: actionItemStaffViewSchema });
export type SignOffResult = z.infer<typeof signOffResultSchema>;

export const ratingResultSchema = z.object({ rating: z.enum(RATINGS), reopened: z.boolean() });

/** The board's list: the first page in the urgency order (as the staff list), counts of all the compound's items. */
export const publicActionItemsQuerySchema = pageQuerySchema(20);
export const publicActionItemsSchema = pageSchema(actionItemPublicViewSchema).extend({
  compound: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  counts: z.object({ total: count, signedOff: count, open: count, overdue: count }),
});
export type PublicActionItems = z.infer<typeof publicActionItemsSchema>;

const itemSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ACTION_ITEM_STATUSES),
  signOffNumber: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
});

/** Reconciliation (对账) of a meeting: each listed question and outcome with its item. */
export const reconciliationSchema = z.object({
  /** Without the meeting row (items listed by hand under a meeting id), only id and compound are known. */
  meeting: z.object({
    id: z.string(),
    compoundId: z.string(),
    kind: z.enum(MEETING_KINDS).nullable(),
    title: z.string().nullable(),
    startsAt: z.string().nullable(),
    status: z.enum(MEETING_STATUSES).nullable(),
  }),
  counts: z.object({ questions: count, answeredOnSpot: count, listed: count, actionItems: count, signedOff: count, missingActionItems: count }),
  questions: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      text: z.string(),
      category: z.enum(QUESTION_CATEGORIES),
      actionItem: itemSummarySchema.nullable(),
      missingActionItem: z.boolean(),
    }),
  ),
  outcomes: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      outcome: z.enum(OUTCOME_KINDS).nullable(),
      actionItem: itemSummarySchema.nullable(),
      missingActionItem: z.boolean(),
    }),
  ),
  otherItems: z.array(itemSummarySchema),
  reconciled: z.boolean(),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

/** One ledger entry as the ledger page and the exports show it (Chinese words for the exports). */
export const ledgerRowSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(LEDGER_ENTRY_KINDS),
  kindWord: z.string(),
  signOffNumber: z.string().nullable(),
  actionItemId: z.string(),
  title: z.string(),
  source: z.string(),
  responsibleUnit: z.string(),
  dueDate: z.string(),
  resolution: z.string(),
  signedOffBy: z.string(),
  status: z.enum(ACTION_ITEM_STATUSES),
  statusWord: z.string(),
  createdAt: z.string(),
  hash: z.string(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;
/** The ledger, oldest first, a page at a time (the exports hold it whole). */
export const ledgerQuerySchema = pageQuerySchema(100);
export const ledgerSchema = pageSchema(ledgerRowSchema);

export const ledgerVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: count, headHash: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: count,
    brokenAt: z.object({ id: z.string().nullable(), seq: z.number().int() }),
    reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap']),
  }),
]);
/** Intact (how many entries, the head hash), or the first entry that does not fit and why. */
export type LedgerVerification = z.infer<typeof ledgerVerificationSchema>;
