/**
 * The address a request came from, for the login brake. Without a proxy it is the TCP peer. Behind
 * our own reverse proxies (config.trustProxyHops > 0) every TCP peer is the proxy, so the address is
 * read from X-Forwarded-For — from the RIGHT: each proxy appends the peer it saw, so the last
 * `hops` entries were written by proxies we run, and the one they name first (counting from the
 * right) is the real client. Entries further left are whatever the client sent and are never
 * trusted, so a forged header cannot make one attacker look like many people (or like a victim).
 * This is the rule of Express's numeric `trust proxy` and nginx's realip module.
 */

export function clientAddress(input: { socketAddress: string | undefined; forwardedFor: string | undefined; trustProxyHops: number }): string {
  const socket = input.socketAddress ?? 'local';
  if (input.trustProxyHops <= 0 || !input.forwardedFor) return socket;
  // Several X-Forwarded-For headers arrive joined by commas, in order: one list either way.
  const forwarded = input.forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  // chain[last] is our nearest proxy; each hop we trust moves one entry to the left.
  return chain[Math.max(0, chain.length - 1 - input.trustProxyHops)]!;
}
