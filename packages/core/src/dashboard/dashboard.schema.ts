/**
 * Shapes of the dashboard API: the query (a period of China dates and the place it is about) and the
 * answers. The figures' types are inferred from these schemas, so what core computes, what the server
 * answers and what the page draws are one shape.
 */
import { z } from 'zod';
import { MEETING_KINDS, meetingKind, type MeetingCounter } from '../meetings/meeting-kinds.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const dashboardQuerySchema = z.object({
  scope: z.enum(['subdistrict', 'community']),
  id: z.string().min(1).max(40),
  from: date.optional(),
  to: date.optional(),
  compoundId: z.string().min(1).max(40).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const count = z.number().int().min(0);

/** A rate kept as numerator/denominator, with its text ("94.3%", "—") and tenths of a percent. */
export const rateSchema = z.object({ numerator: count, denominator: count, text: z.string(), permille: z.number().int().nullable() });
export type Rate = z.infer<typeof rateSchema>;

/** Meetings held, one count per kind under the counter its spec names (fourParty, eveningTalk …). */
const heldByKind = Object.fromEntries(MEETING_KINDS.map((kind) => [meetingKind(kind).dashboard.counter, count])) as Record<MeetingCounter, typeof count>;

export const dashboardFiguresSchema = z.object({
  meetings: z.object({ ...heldByKind, total: count }),
  questions: z.object({ raised: count, answeredOnTheSpot: count, listed: count, answeredRate: rateSchema }),
  actionItems: z.object({
    listed: count,
    signedOff: count,
    signedOffOnTime: count,
    signedOffLate: count,
    overdue: count,
    onTimeRate: rateSchema,
    avgWorkdaysToSignOff: z.number().nullable(),
  }),
  satisfaction: z.object({ rated: count, satisfied: count, basicallySatisfied: count, dissatisfied: count, rate: rateSchema }),
  minutes: z.object({ due: count, publishedOnTime: count, publishedLate: count, overdueUnpublished: count, pending: count, onTimeRate: rateSchema }),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

export const dashboardMonthSchema = z.object({
  /** YYYY-MM */
  month: z.string(),
  ...heldByKind,
  questionsRaised: count,
  answeredOnTheSpot: count,
  listed: count,
  signedOff: count,
  signedOffOnTime: count,
});
export type DashboardMonth = z.infer<typeof dashboardMonthSchema>;

/** Time left to a deadline, in words in both languages (core/minutes timeLeft). */
const timeLeftSchema = z.object({
  deadline: z.string(),
  overdue: z.boolean(),
  hoursLeft: z.number().int(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
});

export const dashboardSchema = z.object({
  scope: z.object({ kind: z.enum(['subdistrict', 'community']), id: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  compoundId: z.string().nullable(),
  /** Every compound in scope (the filter's choices), also when one is chosen. */
  compounds: z.array(z.object({ id: z.string(), name: z.string(), code: z.string(), communityName: z.string() })),
  figures: dashboardFiguresSchema,
  months: z.array(dashboardMonthSchema),
  byCompound: z.array(z.object({ compoundId: z.string(), name: z.string(), figures: dashboardFiguresSchema })),
  /** Held meetings whose minutes are not published yet, overdue first. */
  pendingMinutes: z.array(
    z.object({
      meetingId: z.string(),
      compoundName: z.string(),
      kind: z.enum(MEETING_KINDS),
      title: z.string(),
      startsAt: z.string(),
      deadline: z.string().nullable(),
      timeLeft: timeLeftSchema.nullable(),
    }),
  ),
  generatedAt: z.string(),
});
export type DashboardView = z.infer<typeof dashboardSchema>;

/** The public satisfaction summary of one compound (the notice board's section): the last 12 months. */
export const satisfactionSummarySchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  satisfaction: dashboardFiguresSchema.shape.satisfaction,
  actionItems: dashboardFiguresSchema.shape.actionItems.pick({
    signedOff: true,
    signedOffOnTime: true,
    onTimeRate: true,
    overdue: true,
    avgWorkdaysToSignOff: true,
  }),
  questions: dashboardFiguresSchema.shape.questions,
  meetings: dashboardFiguresSchema.shape.meetings,
});
export type SatisfactionSummary = z.infer<typeof satisfactionSummarySchema>;
