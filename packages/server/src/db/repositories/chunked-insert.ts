/** Rows per statement (INSERT, or ids in an IN list): well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const CHUNK = 1000;

/** Inserts many rows as a few statements of at most CHUNK rows each. */
export async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}
