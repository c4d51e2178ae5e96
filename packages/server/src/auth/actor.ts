/**
 * The actor is the logged-in person as authorization sees them: their staff grants, each resolved to
 * the chain of places it sits in, and the units they own or live in.
 */
import type { Locale, Party, StaffRole } from '@yishi/core';

export interface PlaceChain {
  subdistrictId: string;
  communityId?: string;
  compoundId?: string;
  buildingId?: string;
  gridId?: string;
}

export interface Grant extends PlaceChain {
  role: StaffRole;
  scopeKind: string;
  scopeId: string;
  party: Party | null;
  organisation: string | null;
  title: string | null;
}

export interface UnitLink {
  unitId: string;
  buildingId: string;
  compoundId: string;
  communityId: string;
  subdistrictId: string;
}

export interface Actor {
  userId: string;
  personId: string | null;
  displayName: string;
  locale: Locale;
  grants: Grant[];
  ownedUnits: UnitLink[];
  residentUnits: UnitLink[];
  sessionId: string;
}
