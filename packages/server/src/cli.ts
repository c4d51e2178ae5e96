#!/usr/bin/env node
/** Operations commands: `yishi migrate`, `yishi seed`, `yishi backup FILE`, `yishi restore FILE`. See docs/operations.md. */
import { loadConfig } from './config.js';
import { isPostgresUrl, openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty } from './seed/index.js';
import { verifyLedgerCommand } from './services/ledger.service.js';
import { backupDatabase, restoreDatabase } from './ops/backup.js';

const [command, argument] = process.argv.slice(2);
const config = loadConfig();

async function run(): Promise<void> {
  // These two work on the file itself, without opening it through the app.
  if (command === 'backup' || command === 'restore') {
    if (!argument) throw new Error(`Usage: yishi ${command} FILE`);
    if (isPostgresUrl(config.databasePath)) throw new Error(`yishi ${command} works on SQLite files; back up PostgreSQL with pg_dump (docs/operations.md).`);
    if (command === 'backup') {
      const { pages } = await backupDatabase(config.databasePath, argument);
      console.log(`Backed up ${config.databasePath} to ${argument} (${pages} pages).`);
    } else {
      restoreDatabase(argument, config.databasePath);
      console.log(`Restored ${config.databasePath} from ${argument}.`);
    }
    return;
  }
  const { db } = openDatabase(config.databasePath);
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
      case 'verify-ledger':
        process.exitCode = await verifyLedgerCommand(db);
        break;
      default:
        console.log('Usage: yishi <migrate|seed|backup FILE|restore FILE|verify-ledger>   (YISHI_DB selects the database file or postgres:// URL)');
        process.exitCode = command ? 2 : 0;
    }
  } finally {
    await db.destroy();
  }
}

await run();
