/**
 * Recognising database errors the same way on SQLite (better-sqlite3 codes like
 * SQLITE_CONSTRAINT_UNIQUE) and PostgreSQL (node-postgres SQLSTATE codes like 23505).
 */

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * A ballot replaced by version was no longer at the version read: another write came first. Told as a
 * unique violation, so that the casting transaction starts over (services/ballots.service.ts).
 */
export function ballotChangedConcurrently(): Error {
  return Object.assign(new Error('ballot changed concurrently'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
}

/** A unique index or primary key refused the row: someone else (or an earlier request) has it. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Another connection's write got in the way and the whole transaction may simply be run again:
 * SQLite's busy snapshot, PostgreSQL's serialization failure (40001) or deadlock (40P01).
 */
export function isTransientConflict(error: unknown): boolean {
  const code = codeOf(error);
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01';
}
