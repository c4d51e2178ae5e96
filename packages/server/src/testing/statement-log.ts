/**
 * The SQL statements a request runs, from Kysely's query log (pass `log` to createTestApp): `counted`
 * runs a request and answers the statements it ran, a list of ids told as `in (…)` however long, so
 * two lists compare equal when their statements differ only in how many ids they name.
 */
import type { LogEvent } from 'kysely';

export function statementLog() {
  let counting: string[] | null = null;
  return {
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
