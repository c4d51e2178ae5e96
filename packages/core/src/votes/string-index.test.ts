import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringIndex } from './string-index.js';

describe('StringIndex', () => {
  it('keeps what a Map keeps, for any keys and values, up to its capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.nat({ max: 1_000 }), fc.boolean()), { maxLength: 200 }), (ops) => {
        const index = new StringIndex(ops.length);
        const map = new Map<string, number>();
        for (const [key, value, overwrite] of ops) {
          if (overwrite) {
            expect(index.set(key, value)).toBe(map.get(key) ?? -1);
            map.set(key, value);
          } else {
            if (!map.has(key)) map.set(key, value);
            expect(index.getOrSet(key, value)).toBe(map.get(key));
          }
        }
        expect(index.size).toBe(map.size);
        for (const [key, value] of map) expect(index.get(key)).toBe(value);
        expect(index.get('not a key at all')).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key by its text, not by which string object holds it', () => {
    const index = new StringIndex(2);
    index.set(['u', '42'].join(''), 7);
    expect(index.get(`u${6 * 7}`)).toBe(7);
  });

  it('refuses more keys than its capacity rather than slowing down or looping', () => {
    const index = new StringIndex(3);
    for (let i = 0; i < 8; i += 1) index.set(`k${i}`, i); // 16 slots for a capacity of 3: half of them full at most
    expect(index.get('k7')).toBe(7);
    expect(() => index.set('k8', 8)).toThrow(RangeError);
    expect(() => index.getOrSet('k8', 8)).toThrow(RangeError);
    expect(index.set('k3', 30)).toBe(3); // a key it holds can still be set
  });
});
