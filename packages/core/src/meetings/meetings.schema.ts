/** Input schemas of the meetings API, shared by the server (validation) and the web app (forms). */
import { z } from 'zod';
import { PARTIES } from '../roles/roles.js';
import { MEETING_KINDS, OUTCOME_KINDS, QUESTION_CATEGORIES } from './meetings.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const createMeetingSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  title: z.string().trim().min(1).max(100),
  startsAt: isoDateTime,
  durationMinutes: z.number().int().min(15).max(600).default(120),
  place: z.string().trim().min(1).max(100),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const updateMeetingSchema = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  startsAt: isoDateTime.optional(),
  durationMinutes: z.number().int().min(15).max(600).optional(),
  place: z.string().trim().min(1).max(100).optional(),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

export const addAttendeeSchema = z.object({
  name: z.string().trim().min(1).max(40),
  party: z.enum(PARTIES).nullable().default(null),
  organisation: z.string().trim().max(60).default(''),
});
export type AddAttendeeInput = z.infer<typeof addAttendeeSchema>;

export const recordOutcomeSchema = z
  .object({
    outcome: z.enum(OUTCOME_KINDS),
    agreedParties: z.array(z.enum(PARTIES)).max(4).default([]),
    note: z.string().trim().max(2000).default(''),
    responsibleUnit: z.string().trim().max(60).optional(),
  })
  .refine((v) => v.outcome !== 'agreed' || v.agreedParties.length > 0, { message: 'agreedParties', path: ['agreedParties'] });
export type RecordOutcomeInput = z.infer<typeof recordOutcomeSchema>;

export const submitQuestionSchema = z.object({
  text: z.string().trim().min(2).max(1000),
  category: z.enum(QUESTION_CATEGORIES).default('other'),
  buildingId: z.string().min(1).max(40).nullable().default(null),
  /** Shown to the public as "anonymous"; staff still see nothing of who asked. */
  anonymous: z.boolean().default(false),
  /** Staff recording a question from the floor: the asker as they gave it ("3栋 李阿姨"). */
  askerName: z.string().trim().max(40).optional(),
});
export type SubmitQuestionInput = z.infer<typeof submitQuestionSchema>;

export const answerQuestionSchema = z.object({
  answer: z.string().trim().min(1).max(2000),
  /** The official who answered, as said in the hall ("区住建局 黄伟"). */
  answeredByName: z.string().trim().min(1).max(60),
});
export type AnswerQuestionInput = z.infer<typeof answerQuestionSchema>;

export const listQuestionSchema = z.object({
  measures: z.string().trim().max(2000).default(''),
  responsibleUnit: z.string().trim().max(60).optional(),
});
export type ListQuestionInput = z.infer<typeof listQuestionSchema>;

export const mergeQuestionSchema = z.object({ intoQuestionId: z.string().min(1).max(40) });

export const hallFocusSchema = z.object({
  agendaItemId: z.string().min(1).max(40).nullable().default(null),
  questionId: z.string().min(1).max(40).nullable().default(null),
});
