/**
 * The cost of a roster import, counted in SQL statements rather than time (issue 18): the rows of
 * each step are written as a few multi-row statements, so the count grows with the number of steps
 * (500 rows each), not with the number of rows — on PostgreSQL every statement is a round trip, and
 * a 10,000-flat compound used to take several per row.
 */
import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByLogin } from '../db/repositories/users.repository.js';
import { bigRoster } from '../testing/big-roster.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { createCompound } from './places.service.js';
import { importRoster } from './roster.service.js';

let t: TestApp;
let counting: string[] | null = null;
const log = (event: LogEvent) => {
  if (event.level === 'query') counting?.push(event.query.sql);
};

beforeEach(async () => {
  t = await createTestApp({ log });
}, 60_000);
afterEach(() => t.close());

/** Imports a roster of `units` flats into a new compound; the statements the import ran, and its summary. */
async function countedImport(code: string, units: number, csv = bigRoster(units)) {
  const dsct = await t.deps.db.selectFrom('compounds').select('community_id').where('code', '=', 'DSCT').executeTakeFirstOrThrow();
  const compound = await createCompound(t.deps, dsct.community_id, { name: `花园${code}`, code, address: '宜阳路 1 号' });
  const admin = (await findUserByLogin(t.deps.db, 'jiedao'))!;
  counting = [];
  try {
    const summary = await importRoster(t.deps, { compoundId: compound.id, userId: admin.id, dryRun: false, csv });
    return { summary, statements: counting.length, compoundId: compound.id };
  } finally {
    counting = null;
  }
}

describe('a roster import', () => {
  it('runs statements per step of 500 rows, not per row', async () => {
    const small = await countedImport('RSA', 500);
    const large = await countedImport('RSB', 4_000);
    expect(small.summary.unitsCreated).toBe(500);
    expect(large.summary.unitsCreated).toBe(4_000);
    // The first 500 owners (same names and phones) are the persons the smaller import created.
    expect(large.summary.personsCreated).toBe(3_500);
    // Seven more steps, each writing buildings, units, persons and ownerships (a statement apiece), and
    // three more reads of known phones (1,000 to a statement). Row by row it was thousands.
    expect(large.statements - small.statements).toBeLessThanOrEqual(7 * 4 + 3);
    expect(large.statements).toBeLessThan(60);
    const owners = await t.deps.db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('units.compound_id', '=', large.compoundId)
      .executeTakeFirstOrThrow();
    expect(Number(owners.n)).toBe(4_000);
  });

  it('again with the same file: every flat unchanged, nothing written but the record of the import', async () => {
    const first = await countedImport('RSC', 1_200);
    const admin = (await findUserByLogin(t.deps.db, 'jiedao'))!;
    counting = [];
    const again = await importRoster(t.deps, { compoundId: first.compoundId, userId: admin.id, dryRun: false, csv: bigRoster(1_200) });
    const statements = counting.filter((sql) => /^\s*(insert|update|delete)/i.test(sql));
    counting = null;
    expect(again.unitsUnchanged).toBe(1_200);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/roster_imports/);
  });
});
