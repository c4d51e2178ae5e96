/**
 * The SQL statements a request runs, from Kysely's query log (pass `log` to createTestApp): `counted`
 * runs a request and answers the statements it ran, a list of ids told as `in (…)` however long, so
 * two lists compare equal when their statements differ only in how many ids they name. `note` counts
 * a statement run outside Kysely (a PRAGMA on the raw SQLite handle).
 */
import type { LogEvent } from 'kysely';

export function statementLog() {
  let counting: string[] | null = null;
  return {
    note: (statement: string) => {
      counting?.push(statement);
    },
    log: (event: LogEvent) => {
      if (event.level === 'query') counting?.push(event.query.sql.replace(/in \((?:[?$\d]+(?:, )?)+\)/g, 'in (…)'));
    },
    async counted<T>(request: () => Promise<T>): Promise<{ answer: T; statements: string[] }> {
      counting = [];
      try {
        const answer = await request();
        return { answer, statements: counting };
      } finally {
        counting = null;
      }
    },
  };
}
