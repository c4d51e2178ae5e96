/**
 * Websocket close codes of the collaboration server. The 4400–4499 range mirrors HTTP 4xx and tells
 * the y-websocket client (≥ 3.1) the refusal is permanent, so it stops reconnecting; 4500–4599 are
 * "try again later" and the client reconnects.
 */
export const CloseCode = {
  /** The message could not be decoded (not the y-websocket protocol, or a corrupt update). */
  MalformedMessage: 4400,
  /**
   * The session that opened the socket has ended: logout, a password change or reset (which ends the
   * person's other sessions), a session ended from "my sessions", or its expiry. Log in again.
   */
  SessionEnded: 4401,
  /** Logged in, but not allowed to open this document — also when the role that allowed it is revoked. */
  Forbidden: 4403,
  /** No document kind has this name, or the meeting it names does not exist. */
  UnknownDocument: 4404,
  /** A single message exceeded the size cap. */
  MessageTooLarge: 4413,
  /**
   * This person already has the most sockets one instance allows (`maxSocketsPerUser`); the new one is
   * refused for good (a ninth tab), the open ones carry on.
   */
  TooManySockets: 4429,
  /** The server could not store an update; reconnect and resend. */
  StorageFailed: 4500,
  /** The server is shutting down. */
  ServerClosing: 4503,
  /**
   * The socket stopped reading while more than `maxBufferedBytes` waited to be sent to it (a phone
   * that lost its signal, or a client that does not read). The client reconnects and catches up
   * with one sync, far smaller than the backlog.
   */
  SlowConsumer: 4509,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
