/**
 * Shapes of the roster API: the upload (a sheet's rows, from an .xlsx workbook or CSV/tab-separated
 * text, read by the server), the dry-run switch, what an import did, and the roster as a table.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { AREA_SOURCES } from '../places/places.js';

const count = z.number().int().min(0);

/** The sheet as the server reads it from the uploaded file: rows of text cells, row 1 first. */
export const rosterUploadSchema = z.object({ rows: z.array(z.array(z.string())).max(100_000) });

/** `?dryRun=1`: check the file and say what would change, changing nothing. */
export const rosterImportQuerySchema = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() });

/** At most this many changed units are listed in an import's summary (the count covers them all). */
export const ROSTER_CHANGES_LISTED = 200;

const namesChange = z.object({ from: z.array(z.string()), to: z.array(z.string()) });

/**
 * One unit already on the roster that the file changes, and how: the keeper checks these before
 * importing (a row typed under the wrong flat replaces its owners). Only what changes is present.
 */
export const rosterUnitChangeSchema = z.object({
  /** The file's row (as the spreadsheet numbers it). */
  line: z.number().int(),
  /** The flat as residents write it ("4栋1单元102"). */
  unit: z.string(),
  /** The exclusive floor area in hundredths of m², and where it comes from. */
  area: z.object({ from: count, to: count, fromSource: z.enum(AREA_SOURCES), toSource: z.enum(AREA_SOURCES) }).optional(),
  developerHeld: z.object({ from: z.boolean(), to: z.boolean() }).optional(),
  owners: namesChange.optional(),
  residents: namesChange.optional(),
  /**
   * Owners or residents kept (the same name on the same flat) whose phone the file corrects: the
   * person, their account and their other flats follow the new phone. Phones in full (the page masks them).
   */
  phones: z.array(z.object({ name: z.string(), from: z.string().nullable(), to: z.string() })).optional(),
});
export type RosterUnitChange = z.infer<typeof rosterUnitChangeSchema>;

/** What importing a roster did (or, on a dry run, would do): the API's answer and the page's preview. */
export const rosterImportSummarySchema = z.object({
  rows: count,
  buildingsCreated: count,
  unitsCreated: count,
  unitsUpdated: count,
  /** The first ROSTER_CHANGES_LISTED of the updated units, in the file's order, with what changes. */
  changes: z.array(rosterUnitChangeSchema).max(ROSTER_CHANGES_LISTED),
  unitsUnchanged: count,
  /** New persons, owners and residents alike. */
  personsCreated: count,
  unitsNotInFile: count,
  gridsCreated: count,
  /** Buildings whose grid the file sets or changes. */
  buildingGridsChanged: count,
  /** Residents listed in the file (one per person and unit). */
  residents: count,
  applied: z.boolean(),
});
export type RosterImportSummary = z.infer<typeof rosterImportSummarySchema>;

/** The roster, a page at a time in building, entrance and room order: each unit with its area and owners (names and phones: for the roster's keepers only). */
export const rosterUnitsQuerySchema = pageQuerySchema(100);
export const rosterUnitsSchema = pageSchema(
  z.object({
    id: z.string(),
    building: z.string(),
    entrance: z.string(),
    room: z.string(),
    /** Exclusive floor area in hundredths of m² (exact). */
    areaCenti: count,
    areaSource: z.enum(AREA_SOURCES),
    developerHeld: z.boolean(),
    owners: z.array(z.object({ personId: z.string(), name: z.string(), phone: z.string().nullable() })),
  }),
);
export type RosterUnits = z.infer<typeof rosterUnitsSchema>;

/**
 * The details of a `roster_invalid` refusal: every problem with the spreadsheet's row number, column
 * letter and heading, and its words in the caller's language.
 */
export const rosterInvalidDetailsSchema = z.object({
  problems: z.array(
    z.object({
      line: z.number().int(),
      /** A, B, … AA; '' for a problem with the file or the header. */
      column: z.string(),
      heading: z.string(),
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      message: z.string(),
    }),
  ),
});
export type RosterInvalidDetails = z.infer<typeof rosterInvalidDetailsSchema>;

/** One line of the import's progress stream (rosterEndpoints.importWithProgress). */
export const rosterImportEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), phase: z.enum(['check', 'apply']), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('done'), summary: rosterImportSummarySchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }),
]);
export type RosterImportEvent = z.infer<typeof rosterImportEventSchema>;
export type RosterImportProgress = Extract<RosterImportEvent, { type: 'progress' }>;
