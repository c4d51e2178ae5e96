/**
 * Health check for load balancers and monitoring: answers 200 when this instance can reach its
 * database (and its Redis relay, when one is configured), 503 otherwise. Names the instance (a
 * random id per process, nothing about the machine) so operators can tell which one answered.
 */
import { sql } from 'kysely';
import { collabHubFor } from '../collab/index.js';
import { defineRoute, publicAccess } from '../http/route.js';
import { INSTANCE_ID } from '../instance.js';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Health check: database and relay reachable; names the answering instance',
    tags: ['operations', 'public'],
    access: publicAccess,
    handler: async ({ c, deps }) => {
      const database = await sql`select 1`
        .execute(deps.db)
        .then(() => 'ok' as const)
        .catch(() => 'unreachable' as const);
      const relay = (await collabHubFor(deps)?.relayHealth()) ?? 'off';
      const ok = database === 'ok' && relay !== 'unreachable';
      return c.json({ ok, instance: INSTANCE_ID, database, relay }, ok ? 200 : 503);
    },
  }),
];
