/**
 * The hottest statements run as named prepared statements on PostgreSQL: parsed and planned once per
 * connection instead of on every run. Kysely sends each query unnamed, so PostgreSQL parses, analyses
 * and plans it again each time; for the casting read (a join of five tables) that was most of its
 * time on the server, and on a machine whose cores the database shares with the app, CPU taken from
 * both.
 *
 * Only statements registered here are named (reusable-query.ts registers every query it compiles
 * once): a bounded set, each with one text, so a connection never holds more than that many. The
 * name follows the text; node-postgres parses a named statement on a connection the first time it
 * runs there and only binds it after.
 */
import type pg from 'pg';

const names = new Map<string, string>();

/** Marks the statement `text` to be run as a named prepared statement on PostgreSQL connections. */
export function prepareOnPostgres(text: string): void {
  if (!names.has(text)) names.set(text, `yishi_${names.size + 1}`);
}

/** The name the statement `text` is prepared under, if it is one of the registered ones. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/**
 * Makes `client` run registered statements by name. Kysely calls `client.query(text, values)`; a
 * registered text becomes `client.query({ name, text, values })`, anything else passes unchanged.
 * Called once for each new connection of the pool (its 'connect' event).
 */
export function withPreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((first: unknown, ...rest: unknown[]) => {
    const name = typeof first === 'string' && Array.isArray(rest[0]) && rest.length === 1 ? names.get(first) : undefined;
    return name ? query({ name, text: first, values: rest[0] }) : query(first, ...rest);
  }) as typeof client.query;
}
