/** This server process among several behind a load balancer: a random id, new at every start. */
import { randomUUID } from 'node:crypto';

export const INSTANCE_ID = randomUUID();
