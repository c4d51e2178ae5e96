/**
 * Throwaway PostgreSQL databases for tests and benchmarks: created on the server an admin URL names,
 * dropped (with FORCE: open pools are cut) when done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowawayDatabase {
  /** The database's own URL (YISHI_DB / Config.databasePath). */
  url: string;
  /** Drops it; a second call does nothing. */
  drop: () => Promise<void>;
}

/** Runs `work` on a short-lived connection to the admin database. */
export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server `adminUrl` points at. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new database `<prefix>_<random>`, empty, or a copy of `template`. The prefix must be a plain
 * identifier (letters, digits, underscores).
 */
export async function createPostgresDatabase(adminUrl: string, prefix: string, template?: string): Promise<ThrowawayDatabase> {
  if (!/^\w+$/.test(prefix) || (template !== undefined && !/^\w+$/.test(template))) throw new Error(`not a plain identifier: ${prefix} ${template ?? ''}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  let dropped = false;
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
