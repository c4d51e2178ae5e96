/**
 * Input and response schemas of accounts: first-run setup, places, grants, activation and account
 * care. Shared by the server (validation, OpenAPI) and the web forms. A message that is an error code
 * (`phone_invalid`) is shown to people in their language (see errorMessage).
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { PARTIES, STAFF_ROLES } from '../roles/roles.js';
import { PASSWORD_MAX_LENGTH, PHONE_PATTERN } from './accounts.js';

export const phoneSchema = z.string().trim().regex(PHONE_PATTERN, { message: 'phone_invalid' });
export const personNameSchema = z.string().trim().min(2, { message: 'person_name_invalid' }).max(30, { message: 'person_name_invalid' });
/** The policy itself (length, common passwords) is checked by the server, which holds the list. */
export const newPasswordSchema = z.string().max(PASSWORD_MAX_LENGTH, { message: 'password_too_long' });
const placeNameSchema = z.string().trim().min(2, { message: 'place_name_invalid' }).max(40, { message: 'place_name_invalid' });

// First-run setup

export const setupSchema = z.object({
  token: z.string().trim().min(10, { message: 'setup_token_invalid' }).max(100, { message: 'setup_token_invalid' }),
  subdistrict: placeNameSchema,
  name: personNameSchema,
  phone: phoneSchema,
  password: newPasswordSchema,
});
export type SetupInput = z.infer<typeof setupSchema>;

export const setupStatusSchema = z.object({
  /** True while the database has no administrator (a setup link is in the server log). */
  needed: z.boolean(),
});

// Places

export const COMPOUND_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,11}$/;
export const communityInputSchema = z.object({ name: placeNameSchema });
export const compoundInputSchema = z.object({
  name: placeNameSchema,
  /** Short code used in sign-off numbers (DSCT-2026-0001): capitals and digits, e.g. the pinyin initials. */
  code: z.string().trim().toUpperCase().regex(COMPOUND_CODE_PATTERN, { message: 'compound_code_invalid' }),
  /** Where the public notice board hangs (the service station), shown on the board and its poster. */
  address: z.string().trim().min(2, { message: 'address_invalid' }).max(120, { message: 'address_invalid' }),
});
export const compoundPatchSchema = z
  .object({ name: placeNameSchema.optional(), address: compoundInputSchema.shape.address.optional() })
  .refine((v) => v.name !== undefined || v.address !== undefined, { message: 'nothing_to_change' });

const compoundSummarySchema = z.object({ id: z.string(), name: z.string(), code: z.string(), address: z.string() });
const communitySummarySchema = z.object({ id: z.string(), name: z.string(), compounds: z.array(compoundSummarySchema) });
export const placesTreeSchema = z.object({
  subdistricts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Whether I may add communities here and rename them. */
      mayEdit: z.boolean(),
      communities: z.array(communitySummarySchema.extend({ mayEdit: z.boolean() })),
    }),
  ),
});
export type PlacesTree = z.infer<typeof placesTreeSchema>;
export const placeCreatedSchema = z.object({ id: z.string(), name: z.string() });

// Grants

export const GRANT_SCOPE_KINDS = ['subdistrict', 'community', 'compound', 'building', 'grid'] as const;
export const grantInputSchema = z
  .object({
    name: personNameSchema,
    phone: phoneSchema,
    role: z.enum(STAFF_ROLES),
    party: z.enum(PARTIES).nullable().default(null),
    organisation: z.string().trim().max(60).nullable().default(null),
    title: z.string().trim().max(40).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'party_rep' && !v.party) ctx.addIssue({ code: 'custom', path: ['party'], message: 'grant_party_required' });
    if (v.role === 'party_rep' && !v.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'grant_organisation_required' });
  });
export type GrantInput = z.infer<typeof grantInputSchema>;

export const invitationSchema = z.object({
  /** The one-time code, shown once to the granter; the link below carries it. */
  code: z.string(),
  link: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const grantViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  /** Masked unless the viewer keeps the roster of the place (or is the person). */
  phone: z.string().nullable(),
  role: z.enum(STAFF_ROLES),
  scopeKind: z.enum(GRANT_SCOPE_KINDS),
  scopeId: z.string(),
  placeLabel: z.string(),
  party: z.enum(PARTIES).nullable(),
  organisation: z.string().nullable(),
  title: z.string().nullable(),
  /** The person has not set up their account yet (invitation not used). */
  pending: z.boolean(),
  grantedAt: z.string().nullable(),
  grantedBy: z.string().nullable(),
  /** Whether I may revoke this grant. */
  mayRevoke: z.boolean(),
});
export type GrantView = z.infer<typeof grantViewSchema>;

export const grantResultSchema = z.object({ grant: grantViewSchema, invitation: invitationSchema.nullable() });

export const grantEventSchema = z.object({
  id: z.string(),
  action: z.enum(['grant', 'revoke']),
  at: z.string(),
  byName: z.string().nullable(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  placeLabel: z.string(),
  party: z.enum(PARTIES).nullable(),
  organisation: z.string().nullable(),
});

/** A place where I may grant, with what I may grant there (the staff page's place picker). */
export const grantablePlaceSchema = z.object({
  kind: z.enum(GRANT_SCOPE_KINDS),
  id: z.string(),
  label: z.string(),
  /** The compound a building or grid belongs to, for grouping. */
  compoundId: z.string().nullable(),
  roles: z.array(z.enum(STAFF_ROLES)),
});

export const staffOverviewSchema = z.object({
  places: z.array(grantablePlaceSchema),
  grants: z.array(grantViewSchema),
  events: z.array(grantEventSchema),
});
export type StaffOverview = z.infer<typeof staffOverviewSchema>;

// Activation and codes

/** A letter, staff or invitation code as typed (ACCESS_CODE_LENGTH letters and digits; spaces and a dash allowed). */
const typedAccessCodeSchema = z.string().trim().min(4, { message: 'access_code_too_short' }).max(20, { message: 'access_code_invalid' });

export const accessCodeSchema = z.object({ code: typedAccessCodeSchema });

export const activationLookupSchema = z.object({
  kind: z.enum(['activate', 'reset', 'invitation']),
  /** Masked (王*国): the holder of the code is the person, but the screen may be shared. */
  name: z.string(),
  /** The phone's last four digits when a co-owner or co-resident of the same flat has a name that masks the same. */
  phoneTail: z.string().nullable().default(null),
  compoundName: z.string().nullable(),
  units: z.array(z.string()),
  roles: z.array(z.string()),
  /** Where each role is held ("都市春天小区 · 服务站站长"), for an invitation or a staff member's reset. */
  grants: z.array(z.object({ role: z.string(), placeLabel: z.string() })),
  /** Whether the account may log in by SMS code alone (it has a phone on record). */
  codeOnlyAllowed: z.boolean(),
  expiresAt: z.string(),
});
export type ActivationLookup = z.infer<typeof activationLookupSchema>;

export const smsCodeRequestSchema = z.object({ phone: phoneSchema });
export const smsCodeSentSchema = z.object({
  /** When another code may be asked for, and the same as seconds from now (immune to a wrong phone clock). */
  resendAfter: z.string(),
  resendInSeconds: z.number().int(),
  expiresAt: z.string(),
  /** What the code will do: log an activated account in, or activate one. */
  purpose: z.enum(['login', 'activate']),
});
export type SmsCodeSent = z.infer<typeof smsCodeSentSchema>;

export const activateSchema = z
  .object({
    /** A letter, staff or invitation code … */
    code: typedAccessCodeSchema.optional(),
    /** … or a phone and the SMS code sent to it. */
    phone: phoneSchema.optional(),
    smsCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: 'sms_code_format' })
      .optional(),
    consent: z.literal(true, { message: 'consent_required' }),
    /** A new password, or none to log in by SMS code only (needs a phone on record). */
    password: newPasswordSchema.optional(),
  })
  .refine((v) => v.code !== undefined || (v.phone !== undefined && v.smsCode !== undefined), { message: 'activation_code_missing' });
export type ActivateInput = z.infer<typeof activateSchema>;

export const smsLoginSchema = z.object({
  phone: phoneSchema,
  smsCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'sms_code_format' }),
});

export const loginResultSchema = z.object({ userId: z.string() });

// Account care

/** A login name besides the phone number (lower-case letters, digits, underscore). */
export const usernameSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{2,31}$/, { message: 'username_invalid' }),
});

export const passwordChangeSchema = z.object({ oldPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(), newPassword: newPasswordSchema });

export const mySessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** A short description of the device ("Chrome on Android"), from its user agent. */
  device: z.string(),
  ip: z.string(),
});
export const mySessionsSchema = z.object({ sessions: z.array(mySessionSchema) });

export const issuedCodeSchema = z.object({
  code: z.string(),
  kind: z.enum(['activate', 'reset']),
  name: z.string(),
  expiresAt: z.string(),
  link: z.string(),
});
export const issueCodeInputSchema = z.object({ personId: z.string().min(1).max(40) });

// Activation letters

/** Before printing: who gets a letter, whose earlier letter this cancels, and who keeps the letter another building printed. */
export const lettersPreviewQuerySchema = z.object({ buildingId: z.string().min(1).max(40).optional() });
const letterPersonSchema = z.object({ name: z.string(), units: z.array(z.string()) });
export const lettersPreviewSchema = z.object({
  count: z.number().int(),
  /** Of those getting a letter, people whose earlier letter stops working (masked names, their flats). */
  replaced: z.array(letterPersonSchema),
  /** People left out: they hold an open letter printed for another building (one person, one letter). */
  kept: z.array(letterPersonSchema.extend({ heldFrom: z.string() })),
});
export type LettersPreview = z.infer<typeof lettersPreviewSchema>;
export const lettersInputSchema = z.object({
  /** One building's letters (a batch for its building head), or null for the whole compound: always said. */
  buildingId: z.string().min(1).max(40).nullable(),
  /** Also print for households whose account is already active (default: only those without one). */
  includeActivated: z.boolean().default(false),
});

/** Per building: how many households (a person of a unit) there are, how many have an account, how many hold an open letter. */
/**
 * People of the roster (owners and residents), each counted once however many flats they have, as
 * each gets one letter and one account: all, with an account, and of the others those holding an open letter.
 */
const activationCountsSchema = z.object({
  households: z.number().int(),
  activated: z.number().int(),
  lettersOutstanding: z.number().int(),
});
export const activationStatusSchema = z.object({
  buildings: z.array(activationCountsSchema.extend({ id: z.string(), name: z.string(), lastPrintedAt: z.string().nullable() })),
  /** The buildings listed together: someone with flats in two of them is counted once, not in each. */
  total: activationCountsSchema,
});
export type ActivationStatus = z.infer<typeof activationStatusSchema>;

/**
 * The households a page at a time in building, entrance and room order (then the unit, owners before
 * residents, the person): narrowed to one building, to those waiting or activated, and to a text found
 * in the unit's label, the name or (for station staff, who see phones) the phone.
 */
export const activationHouseholdsQuerySchema = pageQuerySchema(30).extend({
  buildingId: z.string().min(1).max(40).optional(),
  show: z.enum(['all', 'waiting', 'activated']).default('all'),
  q: z.string().trim().max(40).optional(),
});
export type ActivationHouseholdsQuery = z.infer<typeof activationHouseholdsQuerySchema>;
export const activationHouseholdSchema = z.object({
  personId: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  buildingId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  relation: z.enum(['owner', 'resident']),
  activated: z.boolean(),
});
export type ActivationHousehold = z.infer<typeof activationHouseholdSchema>;
export const activationHouseholdsSchema = pageSchema(activationHouseholdSchema).extend({
  /** How many households match the filters in all pages. */
  total: z.number().int(),
});
export type ActivationHouseholds = z.infer<typeof activationHouseholdsSchema>;
