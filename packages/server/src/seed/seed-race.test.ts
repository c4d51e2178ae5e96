import { LogSmsSender } from '../sms/log-sms-sender.js';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Deps } from '../deps.js';
import { createTestDatabase, testPostgresUrl } from '../testing/test-app.js';
import { seedDemoIfEmpty } from './index.js';

describe.skipIf(testPostgresUrl() === null)('demo seed with several instances starting at once (PostgreSQL)', () => {
  it('seeds once: the other instances wait and find the data there', async () => {
    const store = await createTestDatabase();
    const instances = [openDatabase(store.url), openDatabase(store.url), openDatabase(store.url)];
    try {
      await Promise.all(instances.map(({ db }) => migrateToLatest(db)));
      const deps = instances.map(({ db }): Deps => ({
        db,
        config: testConfig({ databasePath: store.url }),
        clock: () => new Date(),
        sms: new LogSmsSender(() => undefined),
      }));
      const seeded = await Promise.all(deps.map((d) => seedDemoIfEmpty(d)));
      expect(seeded.filter(Boolean)).toHaveLength(1);
      const db = instances[0]!.db;
      expect((await db.selectFrom('subdistricts').select('id').execute()).length).toBe(1);
      expect((await db.selectFrom('units').select('id').execute()).length).toBe(132);
    } finally {
      await Promise.all(instances.map(({ db }) => db.destroy()));
      await store.drop();
    }
  });
});
