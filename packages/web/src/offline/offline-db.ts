/**
 * The name of the database that holds the copies kept for offline use (snapshots.ts). Apart, so that
 * the shell can ask whether it exists without loading the code that opens it.
 */
export const OFFLINE_DB = 'yishi-offline';

/**
 * Whether this device may hold copies: false only when the browser lists its databases and ours is
 * not among them (a passer-by who never logged in here). Listing opens no database.
 */
export async function mayHoldOfflineCopies(): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  const databases = await indexedDB.databases().catch(() => null);
  return databases === null || databases.some((db) => db.name === OFFLINE_DB);
}
