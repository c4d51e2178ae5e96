/** The nesting of places: subdistrict → community → compound → building → unit. */
export const PLACE_KINDS = ['subdistrict', 'community', 'compound', 'building', 'grid'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Where a compound sits; authorization compares a caller's scopes with this chain. */
export interface CompoundChain {
  subdistrictId: string;
  communityId: string;
  compoundId: string;
}

export const AREA_SOURCES = ['registered', 'surveyed', 'contract'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

// The compounds' API shapes and endpoints (exported here: core's index names this file).
export * from './compounds.schema.js';
export * from './compounds.contract.js';
