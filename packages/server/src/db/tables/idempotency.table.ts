/** Stored answers of writes sent with an Idempotency-Key (services/idempotency.ts). */
export interface IdempotencyKeyTable {
  user_id: string;
  /** The client's key, as sent in the Idempotency-Key header. */
  key: string;
  /** The operation it guards, e.g. `question.submit`. */
  operation: string;
  /** SHA-256 (hex) of method, path and validated body: the same key with another request is refused. */
  request_hash: string;
  /** The success status and JSON body answered; null only inside the transaction that claims the key. */
  response_status: number | null;
  response_json: string | null;
  created_at: string;
}
