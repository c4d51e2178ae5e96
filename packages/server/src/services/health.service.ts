/**
 * The health of this instance, for load balancers and monitoring: its database and (when one is
 * configured) its Redis relay. An unhealthy instance is refused with 503 `instance_unhealthy`, whose
 * details are the same answer, so the balancer takes it out and an operator sees which part failed.
 */
import { DomainError, type Health } from '@yishi/core';
import { collabHubFor } from '../collab/index.js';
import { pingDatabase } from '../db/repositories/health.repository.js';
import type { Deps } from '../deps.js';
import { INSTANCE_ID } from '../instance.js';

export async function checkHealth(deps: Deps): Promise<Health> {
  const database = (await pingDatabase(deps.db)) ? 'ok' : 'unreachable';
  const relay = (await collabHubFor(deps)?.relayHealth()) ?? 'off';
  const health: Health = { ok: database === 'ok' && relay !== 'unreachable', instance: INSTANCE_ID, database, relay };
  if (!health.ok) throw new DomainError('instance_unhealthy', { database, relay }, health);
  return health;
}
