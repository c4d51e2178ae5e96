/** The shapes of a vote's statutory timeline on the wire: the compound's periods, the stages, the notices. */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { VOTE_NOTICE_KINDS } from './timeline-notices.js';
import { VOTE_PERIOD_LIMITS, VOTE_PHASES, VOTE_STAGE_KEYS, type VotePeriods } from './timeline.js';

const words = z.object({ 'zh-CN': z.string(), en: z.string() });
const period = (key: keyof VotePeriods) => z.number().int().min(VOTE_PERIOD_LIMITS[key].min).max(VOTE_PERIOD_LIMITS[key].max);

/** A compound's vote periods (the notice never below 15 days: 物业管理条例第十四条). */
export const votePeriodsSchema = z.object({
  noticeDays: period('noticeDays'),
  rollCheckDays: period('rollCheckDays'),
  objectionDays: period('objectionDays'),
  proxyCap: period('proxyCap'),
}) satisfies z.ZodType<VotePeriods>;

const limitSchema = z.object({ min: z.number().int(), max: z.number().int() });

export const voteSettingsSchema = z.object({
  periods: votePeriodsSchema,
  defaults: votePeriodsSchema,
  limits: z.object({ noticeDays: limitSchema, rollCheckDays: limitSchema, objectionDays: limitSchema, proxyCap: limitSchema }),
  /** The rule profile in words (describeVotePeriods). */
  profile: words,
  /** Set by the compound (false: the documented defaults apply). */
  custom: z.boolean(),
  canManage: z.boolean(),
});
export type VoteSettings = z.infer<typeof voteSettingsSchema>;

export const extendVoteSchema = z.object({
  closesAt: z.iso.datetime({ offset: true }),
  /** Why the vote is extended; published with the notice (at least 4 characters: the service says so in words). */
  reason: z.string().trim().max(500),
});
export type ExtendVoteInput = z.output<typeof extendVoteSchema>;

export const voteNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum(VOTE_NOTICE_KINDS),
  title: words,
  body: words,
  reason: z.string(),
  publishedAt: z.string(),
});
export type VoteNotice = z.infer<typeof voteNoticeSchema>;

export const voteStageSchema = z.object({
  key: z.enum(VOTE_STAGE_KEYS),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  state: z.enum(['done', 'current', 'upcoming']),
});

/** A vote's timeline: its stages with dates, where it stands, the notices it published. */
export const voteTimelineSchema = z.object({
  statutory: z.boolean(),
  phase: z.enum(VOTE_PHASES),
  stages: z.array(voteStageSchema),
  /** Where it stands, in one sentence for an owner. */
  summary: words,
  /** The earliest the vote may open (announced statutory votes), else null. */
  earliestOpensAt: z.string().nullable(),
  /** Whether an organiser may open it now (announced, the notice period and the roll check over, no correction pending). */
  mayOpenNow: z.boolean(),
  /** Whether an organiser may publish the final result now (询异 window over, no dispute open). */
  mayFinaliseNow: z.boolean(),
  announcedAt: z.string().nullable(),
  rollCheckEndsAt: z.string().nullable(),
  objectionEndsAt: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  /** The compound's periods and profile in words, as they apply to this vote. */
  profile: words,
  noticeDays: z.number().int(),
  rollCheckDays: z.number().int(),
  /** Oldest first. */
  notices: z.array(voteNoticeSchema),
});
export type VoteTimeline = z.infer<typeof voteTimelineSchema>;

/** A page of the notice board's vote notices (`after`, `limit`: 6 by default, what the board shows at first). */
export const publicVoteNoticesQuerySchema = pageQuerySchema(6);
/** The notice board's vote notices, newest first (the id breaks ties), a page at a time. */
export const publicVoteNoticesSchema = pageSchema(voteNoticeSchema.extend({ voteId: z.string(), voteTitle: z.string() })).extend({
  /** The compound's rule profile in words (describeVotePeriods). */
  profile: words,
});
export type PublicVoteNotices = z.infer<typeof publicVoteNoticesSchema>;
