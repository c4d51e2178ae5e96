/**
 * The answer of `GET /api/me/home`: what needs the caller, each entry with what the page needs to
 * say it in words and to link to the page where it is done. A part is null when the caller holds no
 * role it is for (an owner who is no staff has no staff part); the owner part is there too for someone
 * with no flat of her own who holds an owner's proxy (委托代投), with only the votes she may cast.
 */
import { z } from 'zod';
import { ACTION_ITEM_STATUSES, TRIAGE_LEVELS } from '../action-items/action-items.js';
import { MEETING_KINDS } from '../meetings/meeting-kinds.js';
import { MEETING_STATUSES, QUESTION_STATUSES } from '../meetings/meetings.js';
import { timeLeftSchema } from '../minutes/minutes.schema.js';
import { participationProgressSchema, wordsSchema } from '../votes/votes.schema.js';

const count = z.number().int().min(0);
const where = { compoundId: z.string(), compoundName: z.string() };

/** A flat I may vote for as its owner's proxy (委托代投): the owner confirmed the authorisation, and the flat has not voted. */
export const homeProxyUnitSchema = z.object({
  voterKey: z.string(),
  label: z.string(),
  /** The owner who authorised me, masked as on the vote page ("王*国"). */
  principalName: z.string(),
});

/** An open vote some of my units (or I, in a residents' poll), or flats I hold a proxy for, have not voted in yet. */
export const homeBallotSchema = z.object({
  voteId: z.string(),
  title: z.string(),
  ...where,
  closesAt: z.string(),
  timeLeft: timeLeftSchema,
  /** The units not voted yet ("1栋1单元301"), or my name for a residents' poll. */
  notVoted: z.array(z.object({ voterKey: z.string(), label: z.string() })),
  /** Other owners' flats not voted yet that I may vote for as their proxy (empty when I hold none in this vote). */
  proxyFor: z.array(homeProxyUnitSchema),
});

/** A concern I reported, with where it stands. */
export const homeConcernSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  ...where,
  status: z.enum(ACTION_ITEM_STATUSES),
  dueDate: z.string(),
  overdue: z.boolean(),
  signOffNumber: z.string().nullable(),
  /** Signed off and not rated by me yet. */
  awaitsMyRating: z.boolean(),
});

/** A question I asked at an evening talk, not (yet) an action item: where it stands, and its answer. */
export const homeQuestionSchema = z.object({
  questionId: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  ...where,
  /** Its number in the talk, as read out in the hall. */
  number: z.number().int(),
  text: z.string(),
  status: z.enum(QUESTION_STATUSES),
  /** The answer given on the spot (status answered). */
  answer: z.string().nullable(),
  askedAt: z.string(),
});

/** A signed-off item I may rate and have not: my own concern, or an item from a meeting of my compound. */
export const homeRatingSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  ...where,
  signOffNumber: z.string(),
  signedOffAt: z.string(),
  mine: z.boolean(),
});

export const homeDueItemSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  ...where,
  status: z.enum(ACTION_ITEM_STATUSES),
  triage: z.enum(TRIAGE_LEVELS),
  dueDate: z.string(),
  /** Past its due date (else due today). */
  overdue: z.boolean(),
});

/** An item given to my unit (grid, community) that nobody has started yet, due after today. */
export const homeNewItemSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  ...where,
  /** The unit it is given to: `grid` or `community`, and its name in both languages. */
  responsibleUnit: z.string(),
  responsibleUnitLabel: wordsSchema,
  triage: z.enum(TRIAGE_LEVELS),
  dueDate: z.string(),
  listedAt: z.string(),
});

/** An item marked resolved, waiting for its numbered sign-off (对账销号) by the station. */
export const homeSignOffSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  ...where,
  resolvedAt: z.string(),
});

export const homeMinutesSchema = z.object({
  meetingId: z.string(),
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  ...where,
  /** When the meeting was held. */
  heldAt: z.string(),
  deadline: z.string(),
  timeLeft: timeLeftSchema,
});

export const homeMeetingSchema = z.object({
  meetingId: z.string(),
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  status: z.enum(MEETING_STATUSES),
  ...where,
  startsAt: z.string(),
  place: z.string(),
});

export const homeVoteSchema = z.object({
  voteId: z.string(),
  title: z.string(),
  ...where,
  closesAt: z.string(),
  timeLeft: timeLeftSchema,
  /** Turnout against the rule's participation threshold (2/3 of area and heads for art. 278), in figures and words. */
  progress: z.array(participationProgressSchema),
});

/** A list of at most HOME_LIST_LIMIT entries, and how many there are in all. */
const listOf = <T extends z.ZodType>(entry: T) => z.object({ total: count, entries: z.array(entry) });

export const homeSchema = z.object({
  /** China date the answer is about. */
  today: z.string(),
  owner: z
    .object({
      ballots: listOf(homeBallotSchema),
      concerns: listOf(homeConcernSchema),
      /** My evening-talk questions of the last HOME_QUESTIONS_DAYS days not put on the question list, newest first. */
      questions: listOf(homeQuestionSchema),
      toRate: listOf(homeRatingSchema),
    })
    .nullable(),
  staff: z
    .object({
      dueItems: listOf(homeDueItemSchema),
      /** Items given to my unit and not started, soonest due first. */
      newItems: listOf(homeNewItemSchema),
      /** Resolved items waiting for the station's sign-off, longest waiting first (not those I resolved: someone else signs them off). */
      toSignOff: listOf(homeSignOffSchema),
      minutes: listOf(homeMinutesSchema),
      meetingsToday: listOf(homeMeetingSchema),
      votesClosing: listOf(homeVoteSchema),
    })
    .nullable(),
});
export type Home = z.infer<typeof homeSchema>;
export type HomeDueItem = z.infer<typeof homeDueItemSchema>;
export type HomeNewItem = z.infer<typeof homeNewItemSchema>;
