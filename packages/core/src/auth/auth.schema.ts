/**
 * Shapes of the session API: logging in, the interface language, who I am (`GET /api/me`: my
 * grants, my compounds and my units), and the instance's health check.
 */
import { z } from 'zod';
import { LOCALES } from '../i18n/locale.js';
import { myCompoundSchema } from '../places/compounds.schema.js';
import { PARTIES, STAFF_ROLES } from '../roles/roles.js';

export const loginSchema = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const localeSchema = z.object({ locale: z.enum(LOCALES) });

/** A staff grant as I see it: the role (with its words), where it is held, and for a party representative whom I represent. */
export const myGrantSchema = z.object({
  role: z.enum(STAFF_ROLES),
  roleLabel: z.object({ 'zh-CN': z.string(), en: z.string() }),
  /** subdistrict, community, compound, building or grid. */
  scopeKind: z.string(),
  scopeId: z.string(),
  /** The compound the place is in (null for a subdistrict or community grant). */
  compoundId: z.string().nullable(),
  party: z.enum(PARTIES).nullable(),
  organisation: z.string().nullable(),
  title: z.string().nullable(),
});
export type MyGrant = z.infer<typeof myGrantSchema>;

/** A unit I own or live in, with what a resident needs to recognise it. */
export const myUnitSchema = z.object({
  unitId: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  building: z.string(),
  entrance: z.string(),
  room: z.string(),
  /** "1栋1单元301" */
  label: z.string(),
  areaCenti: z.number().int().min(0),
});
export type MyUnit = z.infer<typeof myUnitSchema>;

/** Who I am: the answer of `GET /api/me`. */
export const meSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  locale: z.enum(LOCALES),
  grants: z.array(myGrantSchema),
  ownedUnitIds: z.array(z.string()),
  residentUnitIds: z.array(z.string()),
  /** The compounds I work in, own in or live in, with my roles there. */
  compounds: z.array(myCompoundSchema),
  ownedUnits: z.array(myUnitSchema),
  residentUnits: z.array(myUnitSchema),
});
export type Me = z.infer<typeof meSchema>;

/**
 * Who is logged in, if anyone (`GET /api/session`): an anonymous visitor gets `{ me: null }`, not a
 * 401, so a public page asking who is there logs no failed request in the visitor's browser.
 */
export const sessionSchema = z.object({ me: meSchema.nullable() });
export type Session = z.infer<typeof sessionSchema>;

/** The health of the instance that answered: its database and (when configured) its Redis relay. */
export const healthSchema = z.object({
  ok: z.boolean(),
  /** A random id per process, so operators can tell which instance answered. */
  instance: z.string(),
  database: z.enum(['ok', 'unreachable']),
  relay: z.enum(['ok', 'unreachable', 'off']),
});
export type Health = z.infer<typeof healthSchema>;
