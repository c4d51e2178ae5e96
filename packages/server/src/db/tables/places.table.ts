import type { AreaSource, QuorumRule } from '@yishi/core';
import type { Insertable, Selectable, Updateable } from 'kysely';

export interface SubdistrictTable {
  id: string;
  name: string;
  code: string;
  created_at: string;
}

export interface CommunityTable {
  id: string;
  subdistrict_id: string;
  name: string;
  code: string;
  created_at: string;
}

export interface CompoundTable {
  id: string;
  community_id: string;
  name: string;
  /** Short code used in sign-off numbers, e.g. DSCT-2026-0001. */
  code: string;
  address: string;
  /** How a four-party council reaches quorum: 'all_parties' (default) or 'three_parties'. */
  quorum_rule: QuorumRule;
  created_at: string;
}

export interface GridTable {
  id: string;
  compound_id: string;
  name: string;
}

export interface BuildingTable {
  id: string;
  compound_id: string;
  grid_id: string | null;
  /** Normalised name: "1" for 1栋. */
  name: string;
  /** The name's sort key (db/natural-key.ts): buildings in the order people count them. */
  sort_key: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  compound_id: string;
  building_id: string;
  entrance: string;
  room: string;
  /** The unit's place in the roster (db/natural-key.ts unitSortKey of its building's name, entrance and room). */
  sort_key: string;
  /** Exclusive floor area in hundredths of m² (exact). */
  area_centi: number;
  area_source: AreaSource;
  /** 1 when the developer has not sold or not delivered the unit (counts as one head together). */
  developer_held: number;
  created_at: string;
  updated_at: string;
}

export type SubdistrictRow = Selectable<SubdistrictTable>;
export type CommunityRow = Selectable<CommunityTable>;
export type CompoundRow = Selectable<CompoundTable>;
export type BuildingRow = Selectable<BuildingTable>;
export type UnitRow = Selectable<UnitTable>;
/** A unit as the roster creates it: its sort key is the repository's to write. */
export type NewUnit = Omit<Insertable<UnitTable>, 'sort_key'>;
export type NewBuilding = Omit<Insertable<BuildingTable>, 'sort_key'>;
export type UnitUpdate = Updateable<UnitTable>;
