/**
 * Shapes of the minutes API: the input schemas (shared by the server's validation and the web app's
 * forms) and the answers. The answer types are inferred from these schemas, so what the server
 * answers and what the pages read are one shape.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { MEETING_KINDS } from '../meetings/meeting-kinds.js';
import { MEETING_STATUSES } from '../meetings/meetings.js';
import { PARTIES } from '../roles/roles.js';

export const MINUTES_MAX_CHARS = 50_000;

export const saveMinutesDraftSchema = z.object({
  body: z.string().max(MINUTES_MAX_CHARS),
});
export type SaveMinutesDraftInput = z.infer<typeof saveMinutesDraftSchema>;

/**
 * The draft's heading fields the secretary may correct before publication: who recorded the minutes
 * (the draft's generator until then), the issuing body, the convener as printed, and the place.
 */
export const minutesHeaderFieldsSchema = z.object({
  recorder: z.string().trim().max(40, { message: 'minutes_recorder_too_long' }),
  issuer: z.string().trim().max(80, { message: 'minutes_issuer_too_long' }),
  convener: z.string().trim().max(80, { message: 'minutes_convener_too_long' }),
  place: z.string().trim().min(1, { message: 'minutes_place_required' }).max(120, { message: 'minutes_place_too_long' }),
});
export type MinutesHeaderFields = z.infer<typeof minutesHeaderFieldsSchema>;

/** A member confirms the draft they read (我已核对，确认签字). */
export const signMinutesSchema = z.object({ confirm: z.literal(true) });

export const publishMinutesSchema = z.object({
  /** The convener confirms the text they read (guards against publishing a text changed meanwhile). */
  confirm: z.literal(true),
});

export const correctMinutesSchema = z.object({
  body: z.string().max(MINUTES_MAX_CHARS),
  reason: z.string().trim().min(2).max(500),
});
export type CorrectMinutesInput = z.infer<typeof correctMinutesSchema>;

/** `?version=N`: one published version; without it, the latest. */
export const minutesVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(10_000).optional() });

// Answers

/** A text in both interface languages. */
const bilingualSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Time left to a deadline, in hours and in words (core's timeLeft). */
export const timeLeftSchema = z.object({
  deadline: z.string(),
  overdue: z.boolean(),
  /** Whole hours left (negative once overdue), rounded towards the deadline. */
  hoursLeft: z.number().int(),
  /** "还剩 2 天 5 小时" / "已超期 1 天 3 小时" */
  label: bilingualSchema,
});
export type TimeLeft = z.infer<typeof timeLeftSchema>;

/** The heading block of the minutes, frozen when the draft is generated. */
export const minutesHeaderSchema = z.object({
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  compoundName: z.string(),
  /** When it was held: 2026年11月21日（周六） 14:00—16:00, with "（原定 …）" when it was scheduled for another time. */
  when: z.string(),
  /**
   * The instants `when` is written from (ISO), so a reader in another language reads the time in
   * theirs: when it was scheduled (`startsAt`), opened and closed. Null in headers frozen before
   * they were kept (those show `when` as written).
   */
  held: z.object({ startsAt: z.string(), startedAt: z.string(), closedAt: z.string().nullable() }).nullable().default(null),
  place: z.string(),
  convener: z.string(),
  // The official document's closing (headers stored before these existed read as empty).
  /** The issuing body (落款): 秀江街道党工委, 宜阳社区居民委员会. */
  issuer: z.string().default(''),
  /** Who recorded the minutes (记录人). */
  recorder: z.string().default(''),
  /**
   * The attendees who sign the printed minutes, in the order of the attendance list; for a kind whose
   * members sign in the app, when each confirmed the published text (我已核对，确认签字).
   */
  signatories: z.array(z.object({ name: z.string(), organisation: z.string(), signedAt: z.string().nullable().default(null) })).default([]),
});
export type MinutesHeader = z.infer<typeof minutesHeaderSchema>;

/** A published version (public: nothing in it is personal beyond the publisher's name). */
export const minutesVersionSchema = z.object({
  minutesId: z.string(),
  meetingId: z.string(),
  version: z.number().int().min(1),
  title: z.string(),
  header: minutesHeaderSchema,
  body: z.string(),
  /** The body as HTML (core's renderMinutesBodyHtml: escaped, a small fixed set of elements). */
  html: z.string(),
  /** Null for version 1; the reason for every correction. */
  reason: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type MinutesVersionView = z.infer<typeof minutesVersionSchema>;

/** The staff view of a meeting's minutes: draft, versions, deadline and what the caller may do. */
export const staffMinutesSchema = z.object({
  meeting: z.object({
    id: z.string(),
    compoundId: z.string(),
    kind: z.enum(MEETING_KINDS),
    title: z.string(),
    status: z.enum(MEETING_STATUSES),
    startsAt: z.string(),
    place: z.string(),
  }),
  /** The live document the draft is co-edited in (minutes-<meetingId>). */
  documentName: z.string(),
  draft: z
    .object({
      header: minutesHeaderSchema,
      body: z.string(),
      generatedAt: z.string(),
      updatedAt: z.string(),
      /**
       * An evening talk's answers corrected after they were given, as they now stand, until something
       * is published (else empty): the page names those the draft does not carry (core's answersOutdatedInDraft).
       */
      correctedAnswers: z.array(z.object({ number: z.number().int(), answer: z.string(), answeredBy: z.string().nullable() })),
    })
    .nullable(),
  versions: z.array(minutesVersionSchema),
  /** The publication deadline (null for an evening talk: it has none). */
  deadline: z.string().nullable(),
  /** While nothing is published and there is a deadline. */
  timeLeft: timeLeftSchema.nullable(),
  publishedOnTime: z.boolean().nullable(),
  /**
   * A kind whose attending members sign the minutes in the app: each member signed in at the meeting,
   * whether they confirmed the draft as it stands now (`signedAt`), or an earlier text of it
   * (`stale`: the draft changed after they signed, so they sign again). Null for other kinds.
   */
  signatures: z
    .object({
      signers: z.array(
        z.object({ attendanceId: z.string(), userId: z.string().nullable(), name: z.string(), signedAt: z.string().nullable(), stale: z.boolean() }),
      ),
      /** Every attending member signed the current draft: it may be published. */
      complete: z.boolean(),
    })
    .nullable(),
  /**
   * While nothing is published: what the meeting's record lacks (core's recordGaps), said before
   * publishing — agenda items with no outcome, the parties missing for a council's quorum.
   */
  gaps: z.object({ unrecordedOutcomes: z.number().int().min(0), missingParties: z.array(z.enum(PARTIES)) }).nullable(),
  may: z.object({ write: z.boolean(), publish: z.boolean(), sign: z.boolean() }),
});
export type StaffMinutes = z.infer<typeof staffMinutesSchema>;

/** The text the meeting record gives now (not saved). */
export const generatedMinutesSchema = z.object({ header: minutesHeaderSchema, body: z.string() });
export type GeneratedMinutes = z.infer<typeof generatedMinutesSchema>;

export const MINUTES_WORK_STATES = ['none', 'draft', 'published'] as const;
export type MinutesWorkState = (typeof MINUTES_WORK_STATES)[number];

/**
 * The compound's minutes work for its staff, a page of held meetings: those without published minutes
 * first, oldest held first (the overdue come first), then the published ones, newest first.
 */
export const minutesWorkSchema = pageSchema(
  z.object({
    meetingId: z.string(),
    kind: z.enum(MEETING_KINDS),
    title: z.string(),
    /** When the meeting was held (its session opened). */
    startsAt: z.string(),
    state: z.enum(MINUTES_WORK_STATES),
    /** The latest published version, once there is one. */
    version: z.number().int().nullable(),
    deadline: z.string().nullable(),
    timeLeft: timeLeftSchema.nullable(),
    publishedOnTime: z.boolean().nullable(),
  }),
);
export const minutesWorkQuerySchema = pageQuerySchema();
export type MinutesWork = z.infer<typeof minutesWorkSchema>;
export type MinutesWorkRow = MinutesWork['items'][number];

const versionRefSchema = z.object({ version: z.number().int(), publishedAt: z.string(), reason: z.string().nullable() });
export type MinutesVersionRef = z.infer<typeof versionRefSchema>;

/** The notice board's minutes, a page of meetings newest first: the latest version of each, with its history. */
export const publicMinutesListSchema = pageSchema(
  z.object({
    meetingId: z.string(),
    kind: z.enum(MEETING_KINDS),
    title: z.string(),
    /** When the meeting was held (its session opened), which may differ from the day its notice gave. */
    meetingStartsAt: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    firstPublishedAt: z.string(),
    publishedOnTime: z.boolean().nullable(),
    reason: z.string().nullable(),
    /** A short extract from the second section on (the first lists who attended). */
    excerpt: z.string(),
    /** Oldest first. */
    versions: z.array(versionRefSchema),
  }),
);
export const publicMinutesListQuerySchema = pageQuerySchema(20);
export type PublicMinutesList = z.infer<typeof publicMinutesListSchema>;
export type PublicMinutesEntry = PublicMinutesList['items'][number];

/** One published version, public, with the list of every version. */
export const publicMinutesSchema = minutesVersionSchema.extend({
  compoundId: z.string(),
  latestVersion: z.number().int(),
  versions: z.array(versionRefSchema.extend({ publishedBy: z.string() })),
});
export type PublicMinutes = z.infer<typeof publicMinutesSchema>;
