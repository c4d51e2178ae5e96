/**
 * Small integers named by strings, for the tally's 100,000-key lookups (voter keys, owners' ids).
 * A JavaScript Map spends most of a big tally growing and re-hashing its table and chasing its
 * chains; this table is sized once for the keys it will hold (open addressing, linear probing,
 * FNV-1a over the UTF-16 code units) and keeps its values in an Int32Array. Keys are compared with
 * ===, so two equal strings from different sources name the same entry, as in a Map.
 */
export class StringIndex {
  private readonly mask: number;
  /** Value + 1 per slot; 0 marks an empty slot. */
  private readonly values: Int32Array;
  private readonly keys: Array<string | undefined>;
  private count = 0;

  /** `capacity`: the most keys it will hold (it never grows). */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.values = new Int32Array(slots);
    this.keys = new Array<string | undefined>(slots);
  }

  get size(): number {
    return this.count;
  }

  /** The value set for `key`, or -1. */
  get(key: string): number {
    return this.values[this.slotOf(key)]! - 1;
  }

  /** Sets `key` to `value` (a non-negative integer below 2^31 - 1); returns the value it replaced, or -1. */
  set(key: string, value: number): number {
    const slot = this.slotOf(key);
    if (this.values[slot] === 0) this.claim(slot, key);
    const earlier = this.values[slot]! - 1;
    this.values[slot] = value + 1;
    return earlier;
  }

  /** The value of `key`, set first to `value` if it has none. */
  getOrSet(key: string, value: number): number {
    const slot = this.slotOf(key);
    if (this.values[slot] === 0) {
      this.claim(slot, key);
      this.values[slot] = value + 1;
    }
    return this.values[slot]! - 1;
  }

  private claim(slot: number, key: string): void {
    if (this.count * 2 >= this.values.length) throw new RangeError(`StringIndex: more keys than its capacity of ${this.values.length / 2}`);
    this.keys[slot] = key;
    this.count += 1;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    // Fold the high bits in: the mask keeps only the low ones.
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    while (this.values[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }
}
