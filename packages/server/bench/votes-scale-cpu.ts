/** CPU time of the processes a benchmark waits on (votes-scale-open.bench.ts, votes-scale-openclose.bench.ts). */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestApp } from '../src/testing/test-app.js';

/** CPU (ms) of the PostgreSQL backends serving this test database, or 0 on SQLite. */
export async function backendCpu(t: TestApp): Promise<number> {
  if (t.dialect !== 'postgres') return 0;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(t.deps.db);
  let ms = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // Not on this machine (a remote server): no figure.
    }
  }
  return ms;
}

/** CPU (ms) this process has used (the server's code, and SQLite, which runs in it). */
export function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
