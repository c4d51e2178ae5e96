/**
 * Websocket close codes of the collaboration server. The 4400–4499 range mirrors HTTP 4xx and tells
 * the y-websocket client (≥ 3.1) the refusal is permanent, so it stops reconnecting; 4500–4599 are
 * "try again later" and the client reconnects.
 */
export const CloseCode = {
  /** The message could not be decoded (not the y-websocket protocol, or a corrupt update). */
  MalformedMessage: 4400,
  /** Logged in, but not allowed to open this document. */
  Forbidden: 4403,
  /** No document kind has this name, or the meeting it names does not exist. */
  UnknownDocument: 4404,
  /** A single message exceeded the size cap. */
  MessageTooLarge: 4413,
  /** The server could not store an update; reconnect and resend. */
  StorageFailed: 4500,
  /** The server is shutting down. */
  ServerClosing: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
