import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inArrivalOrder, OldestFirstPool } from './oldest-first-pool.js';

/** A stand-in for pg.Pool that hands out numbered clients and counts how many are out. */
function fakePool() {
  const state = { out: 0, most: 0, handed: 0 };
  const pool = {
    connect: async () => {
      state.out += 1;
      state.most = Math.max(state.most, state.out);
      let back = false;
      const release = () => {
        if (!back) state.out -= 1;
        back = true;
      };
      const client = { id: ++state.handed, release };
      return client as unknown as pg.PoolClient;
    },
    end: async () => undefined,
  };
  return { pool: pool as unknown as pg.Pool, state };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OldestFirstPool', () => {
  it('gives a freed connection to the request that arrived first, not to the one that asked first', async () => {
    const { pool, state } = fakePool();
    const fair = new OldestFirstPool(pool, 1);
    const order: string[] = [];
    // Three requests arrive: old, middle, young. The young one holds the only connection; then
    // the middle one asks, then the old one (as happens when an old request's second query comes).
    let resumeOld!: () => void;
    let resumeMiddle!: () => void;
    const old = inArrivalOrder(async () => {
      await new Promise<void>((resolve) => (resumeOld = resolve));
      const c = await fair.connect();
      order.push('old');
      c.release();
    });
    const middle = inArrivalOrder(async () => {
      await new Promise<void>((resolve) => (resumeMiddle = resolve));
      const c = await fair.connect();
      order.push('middle');
      c.release();
    });
    const youngHolds = await inArrivalOrder(() => fair.connect());
    resumeMiddle();
    await tick();
    resumeOld();
    await tick();
    youngHolds.release();
    await Promise.all([old, middle]);
    expect(order).toEqual(['old', 'middle']);
    expect(state.most).toBe(1);
    expect(state.out).toBe(0);
  });

  it('never has more than max connections out, and releasing twice frees one slot only', async () => {
    const { pool, state } = fakePool();
    const fair = new OldestFirstPool(pool, 3);
    const work = Array.from({ length: 20 }, (_, i) =>
      inArrivalOrder(async () => {
        const c = await fair.connect();
        await new Promise((resolve) => setTimeout(resolve, i % 3));
        c.release();
        c.release();
      }),
    );
    await Promise.all(work);
    expect(state.most).toBe(3);
    expect(state.handed).toBe(20);
  });
});
