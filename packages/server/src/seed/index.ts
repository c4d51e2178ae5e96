/**
 * Demo data for a first start. Each feature adds a seed step that builds on the ones before it
 * (one line in SEED_STEPS); they run once, into an empty database.
 */
import type { Deps } from '../deps.js';
import { seedDemoFoundation } from './demo-foundation.seed.js';
import { seedVotes } from './votes.seed.js';
import { seedActionItems } from './action-items.seed.js';
import { seedMeetings } from './meetings.seed.js';
import { seedMinutes } from './minutes.seed.js';

const SEED_STEPS: Array<(deps: Deps) => Promise<void>> = [seedDemoFoundation];
SEED_STEPS.push(seedVotes);
SEED_STEPS.push(seedActionItems);
SEED_STEPS.push(seedMeetings);
SEED_STEPS.push(seedMinutes);

export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  const existing = await deps.db.selectFrom('subdistricts').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  for (const step of SEED_STEPS) await step(deps);
  return true;
}
