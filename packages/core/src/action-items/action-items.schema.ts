/** Input shapes of the action-item API, shared by the server (validation) and the web app (forms). */
import { z } from 'zod';
import { ACTION_ITEM_SOURCES, ACTION_ITEM_STATUSES, RATINGS, RESPONSE_LEVELS, TRIAGE_LEVELS } from './action-items.js';

const text = (max: number) => z.string().trim().max(max);
/** A photo as an https URL or a small data: URL (evidence photos taken on a phone, resized by the page). */
const photo = z.string().max(400_000).regex(/^(https?:\/\/|data:image\/(png|jpeg|webp);base64,)/);

export const responsibleUnitSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^(community|owners_committee|property_manager|grid|department:.+)$/);

export const createActionItemSchema = z.object({
  title: text(120).min(1),
  description: text(4000).default(''),
  responsibleUnit: responsibleUnitSchema.nullable().optional(),
  handlerName: text(40).nullable().optional(),
  measures: text(4000).default(''),
  deadlineWorkdays: z.number().int().min(1).max(60).optional(),
  triage: z.enum(TRIAGE_LEVELS).optional(),
  source: z.object({ kind: z.enum(ACTION_ITEM_SOURCES), id: z.string().min(1).max(60), meetingId: z.string().max(60).nullable().optional() }),
});
export type CreateActionItemInput = z.infer<typeof createActionItemSchema>;

export const submitConcernSchema = z.object({
  title: text(120).min(1),
  description: text(4000).min(1),
  /** Urgent concerns start the "1341" clock. */
  urgency: z.enum(RESPONSE_LEVELS).nullable().optional(),
  location: text(120).default(''),
});
export type SubmitConcernInput = z.infer<typeof submitConcernSchema>;

export const updateActionItemSchema = z.object({
  responsibleUnit: responsibleUnitSchema.nullable().optional(),
  handlerName: text(40).nullable().optional(),
  measures: text(4000).optional(),
});

export const progressUpdateSchema = z.object({
  text: text(2000).min(1),
  photos: z.array(photo).max(4).default([]),
  /** Marks the grid worker's arrival on site (the "1" of 1341). */
  onSite: z.boolean().optional(),
});

export const resolveActionItemSchema = z.object({
  evidence: text(4000).min(1),
  photos: z.array(photo).max(6).default([]),
});

export const returnActionItemSchema = z.object({ reason: text(1000).min(1) });

export const triageChangeSchema = z.object({ to: z.enum(TRIAGE_LEVELS), reason: text(500) });

export const signOffSchema = z.object({ resolution: text(2000).min(1) });

export const rateActionItemSchema = z.object({ rating: z.enum(RATINGS), comment: text(500).default('') });

export const actionItemListQuerySchema = z.object({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  triage: z.enum(TRIAGE_LEVELS).optional(),
  overdue: z.enum(['1', '0', 'true', 'false']).optional(),
  meetingId: z.string().max(60).optional(),
  q: z.string().max(60).optional(),
});
