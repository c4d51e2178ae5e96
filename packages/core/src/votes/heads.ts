/**
 * Who counts as one head (业主人数) — Supreme People's Court interpretation on building ownership
 * (法释〔2009〕7号, art. 9): one head per unit (专有部分), except that
 *   - all units the developer has not sold or not delivered count as ONE head together, and
 *   - all units bought by the same buyer (同一买受人) count as ONE head.
 *
 * Decisions this module makes, and why:
 *
 * 1. A co-owned unit (刘洋 + 陈静 own 1-1-101) is one unit and so at most one head and one ballot.
 *    Either co-owner may cast or change that unit's ballot; the latest ballot is the unit's. The
 *    co-owners are, together, the buyer of that unit.
 *
 * 2. "The same buyer" is the exact set of owners on the title. 王建国 alone owning 1-1-301 and
 *    2-2-502 is one buyer → one head. 王建国 alone on one flat and 王建国 + his wife on another are
 *    two different buyers (the co-owned flat's buyer is the pair) → two heads. This is the literal
 *    reading of the interpretation and the one a community office can check against the title deeds.
 *
 * 3. A multi-unit owner casts one ballot PER UNIT (each unit's area counts with its own ballot), but
 *    the owner's head is counted once. When the units vote differently, the head goes with the
 *    answer that MORE THAN HALF of that owner's voting area chose; if no answer has more than half
 *    (an exact split), the head takes part but supports nothing, like an abstention. Rationale: the
 *    head is one person's will, the area they put behind each answer is the best evidence of it, the
 *    head can never count twice, and the head arithmetic stays in whole people. The same rule covers
 *    developer units voted differently. A head takes part as soon as any one of its units votes.
 *
 * 4. Resident-wide polls (one ballot per person) have no areas: each person is a head.
 */
import type { ElectorateKind } from './rules.js';
import { StringIndex } from './string-index.js';

export interface ElectorateEntry {
  /** The unit id (owners' votes) or person id (residents' polls) that casts one ballot. */
  voterKey: string;
  /** Owners on the title; empty for developer-held units and residents' polls. */
  ownerPersonIds: readonly string[];
  /** Exclusive floor area in hundredths of m²; 0 in residents' polls. */
  areaCenti: number;
  /** Not sold or not delivered by the developer. */
  developerHeld: boolean;
}

export const DEVELOPER_HEAD = 'developer';

/** The key of the head a voter belongs to: voters with equal keys are one person in the count. */
export function headKeyOf(entry: ElectorateEntry, electorateKind: ElectorateKind): string {
  if (electorateKind === 'residents') return `person:${entry.voterKey}`;
  if (entry.developerHeld) return DEVELOPER_HEAD;
  if (entry.ownerPersonIds.length === 0) return `unit:${entry.voterKey}`;
  // One owner on the title (most units): no set to build and sort.
  if (entry.ownerPersonIds.length === 1) return `owners:${entry.ownerPersonIds[0]}`;
  return `owners:${[...new Set(entry.ownerPersonIds)].sort().join('+')}`;
}

export function countHeads(entries: readonly ElectorateEntry[], electorateKind: ElectorateKind): number {
  const heads = new Set<string>();
  for (const entry of entries) heads.add(headKeyOf(entry, electorateKind));
  return heads.size;
}

/** headKeyOf's text for the head of one buyer who is one person. */
const SOLE_OWNER_PREFIX = 'owners:';

/**
 * Heads numbered 0, 1, 2 … in the order their first entry is given: the tally's way to count and
 * sum per head without a string per head. Most units have one owner on the title: their heads are
 * looked up by the owner's id as given, without building headKeyOf's text; both name the same heads.
 */
export class HeadNumbers {
  private readonly soleOwners: StringIndex;
  private readonly others = new Map<string, number>();
  private next = 0;

  /** `capacity`: the most entries it will number. */
  constructor(
    private readonly electorateKind: ElectorateKind,
    capacity: number,
  ) {
    this.soleOwners = new StringIndex(capacity);
  }

  /** How many heads the entries so far make. */
  get count(): number {
    return this.next;
  }

  /** The number of the head `entry` belongs to. */
  of(entry: ElectorateEntry): number {
    let owner: string;
    if (this.electorateKind === 'owners' && !entry.developerHeld && entry.ownerPersonIds.length === 1) owner = entry.ownerPersonIds[0]!;
    else {
      const key = headKeyOf(entry, this.electorateKind);
      if (!key.startsWith(SOLE_OWNER_PREFIX) || key.includes('+')) {
        let head = this.others.get(key);
        if (head === undefined) {
          head = this.next;
          this.next += 1;
          this.others.set(key, head);
        }
        return head;
      }
      owner = key.slice(SOLE_OWNER_PREFIX.length);
    }
    const head = this.soleOwners.getOrSet(owner, this.next);
    if (head === this.next) this.next += 1;
    return head;
  }
}
