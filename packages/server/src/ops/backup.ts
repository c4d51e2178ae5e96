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

/** Replaces the database file with a checked backup. The server must be stopped. */
export function restoreDatabase(backupPath: string, targetPath: string): void {
  const check = checkBackup(backupPath);
  if (!check.ok) throw new Error(`Backup is not usable: ${check.problem}`);
  const staging = `${targetPath}.restoring`;
  copyFileSync(backupPath, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${targetPath}${suffix}`, { force: true });
  renameSync(staging, targetPath);
}
