/**
 * Shapes of the compounds API's answers: the compounds I work, own or live in (with my roles there)
 * and a compound's overview (buildings, units, owners, area, the four parties and the station team).
 */
import { z } from 'zod';
import { QUORUM_RULES } from '../meetings/meetings.js';
import { PARTIES, ROLES, STAFF_ROLES } from '../roles/roles.js';

const count = z.number().int().min(0);

/** A compound I work in, own in or live in, with the roles I hold there. */
export const myCompoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  address: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  subdistrictId: z.string(),
  subdistrictName: z.string(),
  myRoles: z.array(z.enum(ROLES)),
});
export type MyCompound = z.infer<typeof myCompoundSchema>;

export const myCompoundsSchema = z.object({ compounds: z.array(myCompoundSchema) });

/** A staff member or party representative granted at the compound. */
export const compoundRepresentativeSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  party: z.enum(PARTIES).nullable(),
  organisation: z.string().nullable(),
  title: z.string().nullable(),
});
export type CompoundRepresentative = z.infer<typeof compoundRepresentativeSchema>;

export const compoundOverviewSchema = z.object({
  compound: z.object({
    id: z.string(),
    name: z.string(),
    code: z.string(),
    address: z.string(),
    quorumRule: z.enum(QUORUM_RULES),
    communityName: z.string(),
    subdistrictName: z.string(),
  }),
  stats: z.object({
    buildings: count,
    units: count,
    owners: count,
    developerHeldUnits: count,
    /** Exclusive floor area in hundredths of m² (exact). */
    totalAreaCenti: count,
  }),
  buildings: z.array(z.object({ id: z.string(), name: z.string(), gridName: z.string().nullable(), unitCount: count, areaCenti: count })),
  /** The four parties' representatives, by party (every party present, perhaps with nobody). */
  // One list per party, every party present (an object of named keys, so the API reference lists them).
  parties: z.object(
    Object.fromEntries(PARTIES.map((party) => [party, z.array(compoundRepresentativeSchema)])) as Record<
      (typeof PARTIES)[number],
      z.ZodArray<typeof compoundRepresentativeSchema>
    >,
  ),
  /** The station chief and deputies. */
  station: z.array(compoundRepresentativeSchema),
});
export type CompoundOverview = z.infer<typeof compoundOverviewSchema>;
