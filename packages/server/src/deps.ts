import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { SmsSender } from './sms/sms-sender.js';

/** What the app needs from the outside world; tests pass their own clock and database. */
export interface Deps {
  db: Kysely<Database>;
  config: Config;
  clock: () => Date;
  /** Text messages (codes for activation and login); the log sender unless a provider is configured. */
  sms: SmsSender;
}
