/** The Idempotency-Key of a request, with what the server compares a repeat against (services/idempotency.ts). */
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type Endpoint } from '@yishi/core';
import type { Context } from 'hono';
import type { IdempotentRequest } from '../services/idempotency.js';
import type { AppEnv } from './context.js';

/** Undefined without the header; otherwise the key, the operation, its success status and the hash of method, path and validated body. */
export function idempotencyOf(
  c: Context<AppEnv>,
  endpoint: Endpoint,
  headers: { [IDEMPOTENCY_HEADER]?: string | undefined } | undefined,
  body: unknown,
): IdempotentRequest | undefined {
  const key = headers?.[IDEMPOTENCY_HEADER];
  if (!key) return undefined;
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
  return { key, operation: `${endpoint.method} ${endpoint.path}`, status: endpoint.status ?? 200, requestHash };
}
