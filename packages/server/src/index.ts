export { createApp } from './app.js';
export { loadConfig, testConfig, type Config } from './config.js';
export { openDatabase, openSqlite } from './db/connect.js';
export { migrateToLatest } from './db/migrate.js';
export type { Database } from './db/database.js';
export type { Deps } from './deps.js';
export { startServer, type RunningServer } from './server.js';
export { allRoutes } from './routes/index.js';
