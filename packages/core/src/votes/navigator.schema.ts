/**
 * The turnout navigator on the wire (./navigator.ts): the gauge against the participation threshold,
 * per building what is missing, and per unit who has not voted yet — never a choice, nor when or how
 * anyone voted.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { ELECTORATE_KINDS } from './rules.js';
import { participationProgressSchema, wordsSchema } from './votes.schema.js';
import { VOTE_STATUSES } from './votes.js';

const count = z.number().int().min(0);

/** Narrows the navigator to one building of the vote (a building head may name only their own). */
export const navigatorQuerySchema = z.object({ buildingId: z.string().min(1).max(40).optional() });

export const navigatorBuildingSchema = z.object({
  /** Null: persons of a residents' poll whose home building is no longer known. */
  id: z.string().nullable(),
  name: z.string(),
  voters: count,
  voted: count,
  areaCenti: count,
  missingAreaCenti: count,
  /** Heads with a unit here that take part nowhere yet (a head spanning buildings counts in each). */
  missingHeads: count,
});

export const navigatorSchema = z.object({
  vote: z.object({
    id: z.string(),
    compoundId: z.string(),
    title: z.string(),
    status: z.enum(VOTE_STATUSES),
    closesAt: z.string(),
    secret: z.boolean(),
    electorateKind: z.enum(ELECTORATE_KINDS),
  }),
  /** all: every building (the vote's organisers); own: the buildings the caller is building head of. */
  scope: z.enum(['all', 'own']),
  /** The whole roll against the rule: public figures (the notice board shows the same turnout). */
  gauge: z.object({
    electorate: z.object({ voters: count, heads: count, areaCenti: count }),
    participation: z.object({ ballots: count, heads: count, areaCenti: count }),
    progress: z.array(participationProgressSchema),
    reached: z.boolean(),
    headline: wordsSchema,
  }),
  buildings: z.array(navigatorBuildingSchema),
  /** When the figures were read. */
  asOf: z.string(),
});
export type Navigator = z.infer<typeof navigatorSchema>;
export type NavigatorBuildingView = z.infer<typeof navigatorBuildingSchema>;

export const navigatorPersonSchema = z.object({
  name: z.string(),
  /** Only for the vote's organisers, who keep the roster; null otherwise (and on every visiting list). */
  phone: z.string().nullable(),
});

export const navigatorUnitSchema = z.object({
  voterKey: z.string(),
  label: z.string(),
  areaCenti: count,
  developerHeld: z.boolean(),
  /** Its head takes part already through another unit: a ballot here adds area, not a head. */
  headCounted: z.boolean(),
  /** Units sharing its head (an owner of several units; all developer-held units). */
  headUnits: z.number().int().min(1),
  /** The owners on the frozen roll (the person, in a residents' poll): whom to ask for at the door. */
  people: z.array(navigatorPersonSchema),
});
export type NavigatorUnitView = z.infer<typeof navigatorUnitSchema>;

/** The units not yet voted, grouped by building: what the visiting lists and the printed list hold (groupMissingPages builds it from pages). */
export const navigatorMissingSchema = z.object({
  /** Whether phones are given (the vote's organisers only). */
  phones: z.boolean(),
  buildings: z.array(z.object({ id: z.string().nullable(), name: z.string(), units: z.array(navigatorUnitSchema) })),
});
export type NavigatorMissing = z.infer<typeof navigatorMissingSchema>;

/** A page of the units not yet voted: building by building (by name; unknown last), each by label. */
export const navigatorMissingQuerySchema = navigatorQuerySchema.extend(pageQuerySchema(100).shape);
export const navigatorMissingPageSchema = pageSchema(navigatorUnitSchema.extend({ buildingId: z.string().nullable(), buildingName: z.string() })).extend({
  /** Whether phones are given (the vote's organisers only). */
  phones: z.boolean(),
});
export type NavigatorMissingPage = z.infer<typeof navigatorMissingPageSchema>;
