import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';

/** What the app needs from the outside world; tests pass their own clock and database. */
export interface Deps {
  db: Kysely<Database>;
  config: Config;
  clock: () => Date;
}
