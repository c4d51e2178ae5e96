#!/usr/bin/env node
/**
 * Operations commands: `yishi migrate`, `yishi seed`, `yishi setup …`, `yishi backup FILE`,
 * `yishi restore FILE`, `yishi verify-ledger [--heads FILE]`, `yishi recount ROLL BALLOTS`. See
 * docs/operations.md and docs/recount.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError, errorMessage, setupSchema } from '@yishi/core';
import { loadConfig } from './config.js';
import { isPostgresUrl, openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import { backupDatabase, restoreDatabase } from './ops/backup.js';
import { readSecret } from './ops/read-secret.js';
import { recountCommand } from './ops/recount.js';
import { seedDemoIfEmpty } from './seed/index.js';
import { parseHeadsFile, verifyAnchorsCommand, verifyBallotLogsCommand } from './services/anchors.service.js';
import { verifyLedgerCommand } from './services/ledger.service.js';
import { completeSetup } from './services/setup.service.js';
import { generateBigCompound } from './testing/big-compound.js';
import { createSmsSender } from './sms/create-sms-sender.js';

const [command, ...rest] = process.argv.slice(2);
const argument = rest[0];
const config = loadConfig();

const USAGE = `Usage: yishi <command>   (YISHI_DB selects the database file or postgres:// URL)
  migrate                      apply the migrations
  seed                         seed the demo neighbourhood into an empty database
  setup --subdistrict NAME --name PERSON --phone PHONE
                               create the subdistrict and its first administrator; the password is
                               read from standard input (never from the command line)
  backup FILE | restore FILE   SQLite only
  verify-ledger [--heads FILE] recompute every compound's sign-off hash chain and every vote's ballot
                               log, and hold them against the heads published on the board (from the
                               database, and from FILE: a copy downloaded from the board)
  recount ROLL.json BALLOTS.json
                               recompute a closed vote's result from its published files alone (no
                               database); exit 0 match, 1 mismatch, 2 bad input (docs/recount.md)
  generate-compound [--units N] [--action-items N] [--db PATH|URL]
                               seed the demo if the database is empty, then add the synthetic large
                               compound 万家花园 (WJHY) for scale tests and benchmarks (defaults
                               10000 units, 40000 action items; docs/benchmarks.md)`;

async function setup(deps: Deps): Promise<void> {
  const { values } = parseArgs({ args: rest, options: { subdistrict: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' } }, strict: true });
  const password = await readSecret('Password for the administrator: ');
  // The same validation as the setup page; messages in Chinese, as the administrator reads them.
  const parsed = setupSchema.omit({ token: true }).safeParse({ subdistrict: values.subdistrict, name: values.name, phone: values.phone, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const text = errorMessage(issue.message, 'zh-CN');
      console.error(`--${issue.path.join('.')}: ${text === issue.message && issue.code === 'invalid_type' ? '必填' : text}`);
    }
    process.exitCode = 2;
    return;
  }
  const result = await completeSetup(deps, { ...parsed.data, token: null });
  console.log(`设置完成：已创建“${parsed.data.subdistrict}”和管理员 ${parsed.data.name}（${parsed.data.phone}）。请用手机号和密码登录。`);
  console.log(`Set up: subdistrict ${result.subdistrictId}, administrator ${result.userId}.`);
}

async function run(): Promise<void> {
  // Works on the published files alone, without any database.
  if (command === 'recount') {
    process.exitCode = recountCommand(rest);
    return;
  }
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
  const generateArgs =
    command === 'generate-compound'
      ? parseArgs({ args: rest, options: { units: { type: 'string' }, 'action-items': { type: 'string' }, db: { type: 'string' } }, strict: true }).values
      : null;
  const { db } = openDatabase(generateArgs?.db ?? config.databasePath);
  const deps: Deps = { db, config, clock: () => new Date(), sms: createSmsSender(config.sms) };
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
        const seeded = await seedDemoIfEmpty(deps);
        console.log(seeded ? 'Demo data seeded.' : 'The database already has data; nothing seeded.');
        break;
      }
      case 'setup':
        await migrateToLatest(db);
        await setup(deps);
        break;
      case 'verify-ledger': {
        const { values } = parseArgs({ args: rest, options: { heads: { type: 'string' } }, strict: true });
        const fromFile = values.heads ? parseHeadsFile(readFileSync(values.heads, 'utf8')) : null;
        const codes = [await verifyLedgerCommand(db), await verifyBallotLogsCommand(db), await verifyAnchorsCommand(db, fromFile)];
        process.exitCode = Math.max(...codes);
        break;
      }
      case 'generate-compound': {
        await migrateToLatest(db);
        await seedDemoIfEmpty(deps);
        const started = Date.now();
        const made = await generateBigCompound(deps, {
          units: Number(generateArgs?.units ?? 10_000),
          actionItems: Number(generateArgs?.['action-items'] ?? 40_000),
          onProgress: (done, total) => process.stdout.write(`\raction items ${done}/${total}`),
        });
        console.log(
          `\nGenerated 万家花园 (WJHY) ${made.compoundId} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(made.counts)}; vote ${made.voteId}.`,
        );
        break;
      }
      default:
        console.log(USAGE);
        process.exitCode = command ? 2 : 0;
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(errorMessage(error.code, 'zh-CN', error.params));
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

// An operator reads one line saying what went wrong (a backup target that exists, a file that is not a
// database, a server still running); the stack trace only when asked for (YISHI_DEBUG=1).
try {
  await run();
} catch (error) {
  console.error(`yishi ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.YISHI_DEBUG) console.error(error);
  process.exitCode = 1;
}
