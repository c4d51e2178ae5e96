/**
 * Demo data for a first start. Each feature adds a seed step that builds on the ones before it
 * (one line in SEED_STEPS); they run once, into an empty database.
 */
import { sql } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Deps } from '../deps.js';
import { seedDemoFoundation } from './demo-foundation.seed.js';
import { seedVotes } from './votes.seed.js';
import { seedActionItems } from './action-items.seed.js';
import { seedMeetings } from './meetings.seed.js';
import { seedMinutes } from './minutes.seed.js';
import { seedCommitteeMeetings } from './committee.seed.js';
import { SeedTimeline } from './timeline.js';

const SEED_STEPS: Array<(deps: Deps) => Promise<void>> = [seedDemoFoundation];
SEED_STEPS.push(seedVotes);
// The action items' steps and the past meetings that list items share one timeline: the ledger in time order.
SEED_STEPS.push(async (deps) => {
  const timeline = new SeedTimeline();
  await seedActionItems(deps, timeline);
  await seedMeetings(deps, timeline);
  await timeline.run();
});
SEED_STEPS.push(seedMinutes);
SEED_STEPS.push(seedCommitteeMeetings);

/** Any constant both instances agree on: the key of the PostgreSQL advisory lock held while seeding. */
const SEED_LOCK_KEY = 278_2026;

async function seedIfEmpty(deps: Deps): Promise<boolean> {
  const existing = await deps.db.selectFrom('subdistricts').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  // The demo's past is not news: its votes, meetings and items notify nobody (what happens from now on does).
  const quiet: Deps = { ...deps, config: { ...deps.config, notifications: { ...deps.config.notifications, enabled: false } } };
  for (const step of SEED_STEPS) await step(quiet);
  return true;
}

/**
 * Seeds an empty database. Several instances starting together on one PostgreSQL database take turns
 * (an advisory lock held on one connection while the steps run): the first seeds, the others then
 * find the data there. SQLite has one process per file.
 */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  if (dialectOf(deps.db) !== 'postgres') return seedIfEmpty(deps);
  return deps.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SEED_LOCK_KEY})`.execute(connection);
    try {
      return await seedIfEmpty(deps);
    } finally {
      await sql`select pg_advisory_unlock(${SEED_LOCK_KEY})`.execute(connection);
    }
  });
}
