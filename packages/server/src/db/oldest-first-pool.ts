/**
 * PostgreSQL connections go to the oldest request first.
 *
 * A request makes several queries one after another (session, actor, then its transaction). With
 * node-postgres' first-come-first-served pool, a burst of N requests advances in lockstep: each
 * query of the first request waits behind one query of every other request, so all N answers come
 * at the very end of the burst. Handing a free connection to the waiter whose request arrived first
 * lets the first callers finish while the burst is still being worked through (the same property
 * tests/resilience/responsiveness.test.ts checks on SQLite), at no cost to throughput.
 *
 * HTTP requests are numbered on arrival (`inArrivalOrder`, called by the request middleware); work
 * outside a request (collaboration updates, the vote scheduler) is numbered when it asks for a
 * connection, so it waits behind requests that arrived before it and ahead of later ones.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

const arrival = new AsyncLocalStorage<number>();
let arrivals = 0;

/** Runs `work` (one HTTP request) with its arrival number, which orders its connection requests. */
export function inArrivalOrder<T>(work: () => T): T {
  arrivals += 1;
  return arrival.run(arrivals, work);
}

interface Waiter {
  rank: number;
  grant: () => void;
}

/** The `pool` Kysely's PostgresDialect takes: `connect()` and `end()`, never more than `max` out. */
export class OldestFirstPool {
  private out = 0;
  /** Sorted by rank, oldest first. */
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly max: number,
  ) {}

  async connect(): Promise<pg.PoolClient> {
    if (this.out >= this.max) await this.wait(arrival.getStore() ?? ++arrivals);
    else this.out += 1;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.handOn();
      throw error;
    }
    // node-postgres gives each checkout a fresh release function; wrap this checkout's.
    const release = client.release.bind(client);
    let released = false;
    client.release = (destroy?: Error | boolean) => {
      release(destroy);
      if (!released) {
        released = true;
        this.handOn();
      }
    };
    return client;
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  /** Queues for a slot; `handOn` passes a freed slot straight to the oldest waiter. */
  private wait(rank: number): Promise<void> {
    return new Promise((grant) => {
      let at = this.waiting.length;
      while (at > 0 && this.waiting[at - 1]!.rank > rank) at -= 1;
      this.waiting.splice(at, 0, { rank, grant });
    });
  }

  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.out -= 1;
  }
}
