/**
 * How the collaboration server tells a socket that it may read a document but no longer write it.
 * The notice is y-protocols' own auth message "permission denied" (message type 2, then 0, then the
 * reason as a string): the stock WebsocketProvider understands it, logs the reason and carries on
 * receiving — it neither disconnects nor retries, which is right for a reader — so a stock client
 * stays correct. Yishi's editor reads the reason and turns read-only. With the reason `frozen` the
 * notice goes on with the frozen document (a Yjs update, as a length-prefixed byte array, which the
 * stock client never reads): the editor compares it with its own copy to hand back what missed the
 * freeze (meetings/agenda-hand-back.ts).
 */

/** Message type of y-protocols' auth messages in the y-websocket protocol, and its "permission denied". */
export const COLLAB_MESSAGE_AUTH = 2;
export const COLLAB_PERMISSION_DENIED = 0;

export const READ_ONLY_REASONS = ['read-only', 'frozen'] as const;
/** `read-only`: this person may only read; `frozen`: nobody writes any more (the meeting has started). */
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

export function readOnlyReason(value: string): ReadOnlyReason | null {
  return READ_ONLY_REASONS.find((r) => r === value) ?? null;
}
