/**
 * The `Idempotency-Key` request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field"):
 * a client that may send a write again (a retry after a lost answer, an offline queue flushed twice)
 * names the write with a unique key, and the server answers a repeat with the answer it stored for
 * the first instead of writing again. Keys are per account; the web app uses crypto.randomUUID().
 */
import { z } from 'zod';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'idempotency_key_invalid')
  .describe('A unique key for this write (e.g. a UUID); a repeat with the same key and request gets the stored answer and writes nothing');

/** The headers of a write that may be retried: an optional Idempotency-Key. */
export const idempotentHeaders = z.object({ [IDEMPOTENCY_HEADER]: idempotencyKeySchema.optional() });
