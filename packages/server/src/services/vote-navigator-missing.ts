/**
 * The navigator's units not yet voted, a page at a time (vote-navigator.service.ts says who sees
 * what). Order: building by building (by name as people count them, unknown last), then by label,
 * the voter key breaking ties; the cursor holds the last unit's sort key, so a unit that votes
 * between two pages shifts nothing.
 *
 * An owners' vote's page reads a page: the buildings (tens of rows, sorted here), then the units
 * without a ballot of as many buildings as the page needs (the first building, then twice as many
 * each time up to 32: their units' keys, then the roll's entries of those keys), sorted by label
 * here — labels sort as people count them (2单元201 before 2单元1001), which neither database's
 * collation does. Whether a unit has voted, whether its head already counts and how many units share
 * it come from the turnout's kept index of the roll and its count brought up to the ballot log head
 * (vote-turnout.ts voterStatesOf), not from the roll or the ballots.
 * Units and buildings are never deleted, so every entry of an owners' roll is in a building.
 *
 * A residents' poll places each person in the building they own or live in now (a read of every
 * person's homes): its page still reads the whole roll, as the summary does.
 */
import {
  DomainError,
  compareLabels,
  decodeCursor,
  encodeCursor,
  formatBuildingName,
  navigatorMissing,
  type CursorValue,
  type Locale,
  type NavigatorMissingPage,
  type PageRequest,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { listRollOfUnits, listUnitsOfBuildings, listVoteBuildings } from '../db/repositories/vote-navigator.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { openRoll, rollOf, rollPeople, sightOf, type Sight } from './vote-navigator.service.js';
import { voterStatesOf } from './vote-turnout.js';

/**
 * The most buildings read at once, and the most units' keys in one statement: few statements when a
 * page passes many fully voted buildings (on PostgreSQL without statistics of a new roll, each
 * statement walks the vote's part of the roll's index), lists well under either database's limit.
 */
const MAX_CHUNK = 32;
const MAX_KEYS = 4_000;

type MissingItem = NavigatorMissingPage['items'][number];
type MissingUnit = Omit<MissingItem, 'people'>;

/** The order of the missing list: building by building (by name, unknown last), then by label, the voter key breaking ties. */
function missingKey(u: Pick<MissingItem, 'buildingId' | 'buildingName' | 'label' | 'voterKey'>): CursorValue[] {
  return [u.buildingId === null ? 1 : 0, u.buildingName, u.label, u.voterKey];
}

function compareBuildings(a: readonly CursorValue[], b: readonly CursorValue[]): number {
  return Number(a[0]) - Number(b[0]) || compareLabels(String(a[1]), String(b[1]));
}

function compareMissing(a: readonly CursorValue[], b: readonly CursorValue[]): number {
  return compareBuildings(a, b) || compareLabels(String(a[2]), String(b[2])) || (String(a[3]) < String(b[3]) ? -1 : String(a[3]) > String(b[3]) ? 1 : 0);
}

function cursorOf(after: string | undefined): CursorValue[] | null {
  if (after === undefined) return null;
  const key = decodeCursor(after);
  if (!key || key.length !== 4) throw new DomainError('page_cursor_invalid');
  return key;
}

/** Up to `limit + 1` units after the cursor, the whole roll read (a residents' poll). */
async function missingFromRoll(deps: Deps, vote: VoteRow, sight: Sight, after: CursorValue[] | null, limit: number, locale: Locale): Promise<MissingUnit[]> {
  const groups = navigatorMissing(vote.electorate_kind, await rollOf(deps.db, vote, locale), sight.buildings);
  // Already in this order: groups by name, units by label, equal labels in roll order, which is the voter key's.
  const units = groups.flatMap((g) => g.units.map((u) => ({ ...u, buildingId: g.id, buildingName: g.name })));
  let from = 0;
  if (after) {
    // The first unit after the cursor's, by halving.
    let high = units.length;
    while (from < high) {
      const middle = (from + high) >> 1;
      if (compareMissing(missingKey(units[middle]!), after) > 0) high = middle;
      else from = middle + 1;
    }
  }
  return units.slice(from, from + limit + 1);
}

/** Up to `limit + 1` units after the cursor of an owners' vote, reading only the buildings the page reaches. */
async function missingOfBuildings(deps: Deps, vote: VoteRow, sight: Sight, after: CursorValue[] | null, limit: number): Promise<MissingUnit[]> {
  const buildings = (await listVoteBuildings(deps.db, vote.compound_id, vote.building_id))
    .filter((b) => !sight.buildings || sight.buildings.has(b.id))
    .map((b) => ({ id: b.id, name: formatBuildingName(b.name) }))
    .filter((b) => !after || compareBuildings([0, b.name], after) >= 0)
    .sort((a, b) => compareLabels(a.name, b.name));
  const stateOf = await voterStatesOf(deps.db, vote);
  const units: MissingUnit[] = [];
  let next = 0;
  // One building, then twice as many each time up to MAX_CHUNK (a list of their units' keys per statement).
  for (let chunk = 1; next < buildings.length && units.length <= limit; chunk = Math.min(chunk * 2, MAX_CHUNK)) {
    const these = buildings.slice(next, next + chunk);
    next += these.length;
    const buildingOf = new Map(
      (
        await listUnitsOfBuildings(
          deps.db,
          these.map((b) => b.id),
        )
      ).map((u) => [u.id, u.buildingId]),
    );
    const keys = [...buildingOf.keys()];
    const rows = [];
    for (let from = 0; from < keys.length; from += MAX_KEYS) rows.push(...(await listRollOfUnits(deps.db, vote.id, keys.slice(from, from + MAX_KEYS))));
    for (const b of these) {
      const found: MissingUnit[] = [];
      for (const r of rows) {
        const state = stateOf(r.voterKey);
        if (buildingOf.get(r.voterKey) !== b.id || !state || state.voted) continue;
        const unit = {
          voterKey: r.voterKey,
          label: r.label,
          areaCenti: r.areaCenti,
          developerHeld: r.developerHeld === 1,
          buildingId: b.id,
          buildingName: b.name,
        };
        if (!after || compareMissing(missingKey(unit), after) > 0) found.push({ ...unit, headCounted: state.headCounted, headUnits: state.headEntries });
      }
      units.push(...found.sort((x, y) => compareMissing(missingKey(x), missingKey(y))));
    }
  }
  return units.slice(0, limit + 1);
}

/** The units not yet voted, a page at a time; only the page's units travel, and only their people are read. */
export async function getNavigatorMissingPage(
  deps: Deps,
  actor: Actor,
  voteId: string,
  chain: PlaceChain,
  query: PageRequest & { buildingId?: string | undefined },
  locale: Locale,
): Promise<NavigatorMissingPage> {
  const vote = await openRoll(deps, voteId);
  const sight = sightOf(actor, vote, chain, query.buildingId);
  const after = cursorOf(query.after);
  const units =
    vote.electorate_kind === 'owners'
      ? await missingOfBuildings(deps, vote, sight, after, query.limit)
      : await missingFromRoll(deps, vote, sight, after, query.limit, locale);
  const page = units.slice(0, query.limit);
  const next = units.length > query.limit ? encodeCursor(missingKey(page.at(-1)!)) : null;
  const people = await rollPeople(
    deps.db,
    vote,
    sight,
    page.map((u) => u.voterKey),
  );
  return { phones: sight.phones, items: page.map((u) => ({ ...u, people: people.get(u.voterKey) ?? [] })), next };
}
