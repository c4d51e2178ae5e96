import type { Selectable } from 'kysely';

export interface PersonTable {
  id: string;
  name: string;
  phone: string | null;
  created_at: string;
}

export interface OwnershipTable {
  unit_id: string;
  person_id: string;
  created_at: string;
}

export interface ResidencyTable {
  unit_id: string;
  person_id: string;
  created_at: string;
}

export type PersonRow = Selectable<PersonTable>;
