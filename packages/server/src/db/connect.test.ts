import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { isPostgresUrl } from './connect.js';

describe('choosing the database', () => {
  it('YISHI_DB is a SQLite path relative to the working directory, or a PostgreSQL URL kept as it is', () => {
    expect(loadConfig({}, '/srv/yishi').databasePath).toBe('/srv/yishi/data/yishi.db');
    expect(loadConfig({ YISHI_DB: 'var/y.db' }, '/srv/yishi').databasePath).toBe('/srv/yishi/var/y.db');
    const url = 'postgres://yishi:secret@db.internal:5432/yishi';
    expect(loadConfig({ YISHI_DB: url }, '/srv/yishi').databasePath).toBe(url);
    expect(loadConfig({ YISHI_DB: 'postgresql://db/yishi' }, '/srv/yishi').databasePath).toBe('postgresql://db/yishi');
    expect(isPostgresUrl(url)).toBe(true);
    expect(isPostgresUrl('/srv/yishi/postgres.db')).toBe(false);
  });
});
