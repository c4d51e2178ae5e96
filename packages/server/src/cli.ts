#!/usr/bin/env node
/** Operations commands: `yishi migrate`, `yishi seed`. See docs/operations.md. */
import { loadConfig } from './config.js';
import { openSqlite } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty } from './seed/index.js';

const [command] = process.argv.slice(2);
const config = loadConfig();

async function run(): Promise<void> {
  const { db } = openSqlite(config.databasePath);
  try {
    switch (command) {
      case 'migrate': {
        const result = await migrateToLatest(db);
        for (const r of result.results ?? []) console.log(`${r.status}: ${r.migrationName}`);
        console.log('Database is at the latest version.');
        break;
      }
      case 'seed': {
        await migrateToLatest(db);
        const seeded = await seedDemoIfEmpty({ db, config, clock: () => new Date() });
        console.log(seeded ? 'Demo data seeded.' : 'The database already has data; nothing seeded.');
        break;
      }
      default:
        console.log('Usage: yishi <migrate|seed>   (YISHI_DB selects the database file)');
        process.exitCode = command ? 2 : 0;
    }
  } finally {
    await db.destroy();
  }
}

await run();
