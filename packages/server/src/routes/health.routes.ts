/** Health check for load balancers and monitoring; names the answering instance (a random id per process). */
import { healthEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { checkHealth } from '../services/health.service.js';

export const healthRoutes = [defineRoute(healthEndpoints.check, { access: publicAccess, handler: ({ deps }) => checkHealth(deps) })];
