/** Input schemas of the minutes API, shared by the server (validation) and the web app (forms). */
import { z } from 'zod';

export const MINUTES_MAX_CHARS = 50_000;

export const saveMinutesDraftSchema = z.object({
  body: z.string().max(MINUTES_MAX_CHARS),
});
export type SaveMinutesDraftInput = z.infer<typeof saveMinutesDraftSchema>;

export const publishMinutesSchema = z.object({
  /** The convener confirms the text they read (guards against publishing a text changed meanwhile). */
  confirm: z.literal(true),
});

export const correctMinutesSchema = z.object({
  body: z.string().max(MINUTES_MAX_CHARS),
  reason: z.string().trim().min(2).max(500),
});
export type CorrectMinutesInput = z.infer<typeof correctMinutesSchema>;

/** A version as the API returns it, public. */
export interface MinutesVersionView {
  minutesId: string;
  meetingId: string;
  version: number;
  title: string;
  header: import('./minutes.js').MinutesHeader;
  body: string;
  html: string;
  reason: string | null;
  publishedAt: string;
  publishedBy: string;
}
