/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs more than running most
 * of our queries. `withStatementCache` keeps the most recently used prepared statements by SQL text
 * (about 20 % off the CPU time of a ballot, measured in process). Reuse is safe: every statement runs
 * to completion (all/run) before the next query starts, and SQLite re-prepares a cached statement
 * itself when the schema changes.
 *
 * (Giving the event loop a turn before every transaction was tried too, so that answers could leave
 * during a burst of writes; it made the first answers of a 200-sign-off burst come later, not sooner —
 * tests/resilience/responsiveness.test.ts — and was left out.)
 */
import type SqliteDatabase from 'better-sqlite3';

/** Work to do on a connection before the app's next statement through Kysely (see persistence.ts). */
const beforeNext = new WeakMap<object, () => void>();

/** Runs `work` before the next statement Kysely prepares on this handle (once). */
export function beforeNextStatement(database: SqliteDatabase.Database, work: () => void): void {
  beforeNext.set(database, work);
}

/** Runs the pending work now, if any (for raw-handle code about to take the connection itself). */
export function runBeforeNextStatement(database: SqliteDatabase.Database): void {
  const work = beforeNext.get(database);
  if (!work) return;
  beforeNext.delete(database);
  work();
}

export function withStatementCache(database: SqliteDatabase.Database, size = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        runBeforeNextStatement(target);
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source);
        } else {
          statement = target.prepare(source);
          if (cache.size >= size) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}
