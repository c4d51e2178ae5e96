/**
 * Online backup and restore of the SQLite database. The backup uses SQLite's backup API through
 * better-sqlite3, so it is consistent while the server keeps serving; restore refuses to overwrite a
 * database that a running server may hold open unless told to.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

export async function backupDatabase(sourcePath: string, targetPath: string): Promise<{ pages: number }> {
  if (existsSync(targetPath)) throw new Error(`Backup target already exists: ${targetPath}`);
  const source = new SqliteDatabase(sourcePath, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(targetPath);
    return { pages: result.totalPages };
  } finally {
    source.close();
  }
}

/** Checks a backup file: it opens, passes SQLite's integrity check and has our migrations table. */
export function checkBackup(path: string): { ok: boolean; problem?: string } {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, problem: String(integrity) };
    const migrations = db.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get() as { n: number };
    if (migrations.n !== 1) return { ok: false, problem: 'not a Yishi database (no migrations table)' };
    return { ok: true };
  } finally {
    db.close();
  }
}

/**
 * Whether another connection (a running server) has the database open. A WAL database leaves WAL mode
 * only when no other connection has it open; otherwise SQLite keeps the mode and says so. The file is
 * about to be replaced, so leaving it in rollback mode costs nothing.
 */
function openElsewhere(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new SqliteDatabase(path, { fileMustExist: true, timeout: 0 });
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete';
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/** Replaces the database file with a checked backup. The server must be stopped: a database it holds open is refused. */
export function restoreDatabase(backupPath: string, targetPath: string): void {
  const check = checkBackup(backupPath);
  if (!check.ok) throw new Error(`Backup is not usable: ${check.problem}`);
  if (openElsewhere(targetPath)) throw new Error(`${targetPath} is open in a running server: stop the server, then restore (its later writes would be lost).`);
  const staging = `${targetPath}.restoring`;
  copyFileSync(backupPath, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${targetPath}${suffix}`, { force: true });
  renameSync(staging, targetPath);
}
