/**
 * The whole roll read a page at a time (services/whole-roll.ts): every entry once, in roll order (the
 * entries' sort keys: numbers as numbers, B2 before B10; the voter key breaking ties), in one
 * statement per 1,000 entries with the event loop free between them. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { turnsDuring } from '../testing/event-loop-turns.js';
import { countingDb } from '../testing/statement-counter.js';
import { insertSyntheticVote } from '../testing/synthetic-vote.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { readWholeRoll } from './whole-roll.js';

const UNITS = 2_345;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // Labels out of key order, some shared (two owners' entries of one unit), some CJK.
  const roll = Array.from({ length: UNITS }, (_, i) => ({
    vote_id: 'roll-big',
    voter_key: `k${String(i).padStart(5, '0')}`,
    unit_id: null,
    person_id: null,
    label: i % 3 === 0 ? `${(UNITS - i) % 40}栋${i % 7}单元` : `B${(i * 7919) % UNITS}`,
    owner_person_ids: '[]',
    area_centi: 10_000,
    developer_held: 0,
  }));
  const vote = {
    id: 'roll-big',
    compoundId: await t.compoundId('CY'),
    title: 'big roll',
    kind: 'yes_no' as const,
    electorateKind: 'owners' as const,
    options: [{ id: 'yes', label: 'yes' }],
    maxChoices: 1,
    rule: { kind: 'simple_majority' },
    closesAt: '2030-01-01T00:00:00.000Z',
  };
  await insertSyntheticVote(t.deps.db, vote, roll, []);
}, 60_000);
afterAll(() => t.close());

it('answers every entry once, in roll order, a statement per 1,000 entries, with the event loop free between pages', async () => {
  const { db, seen } = countingDb(t.deps.db);
  const { value: entries, turns } = await turnsDuring(() => readWholeRoll(db, 'roll-big'));
  expect(entries).toHaveLength(UNITS);
  expect(new Set(entries.map((e) => e.voter_key)).size).toBe(UNITS);
  for (let i = 1; i < entries.length; i += 1) {
    const [a, b] = [entries[i - 1]!, entries[i]!];
    expect(
      a.sort_key < b.sort_key || (a.sort_key === b.sort_key && a.voter_key < b.voter_key),
      `${a.label}/${a.voter_key} before ${b.label}/${b.voter_key}`,
    ).toBe(true);
  }
  // Numbers as numbers: the B entries' numbers climb (text order had B10 before B2), and so do the buildings.
  const numbers = (prefix: RegExp) => entries.map((e) => prefix.exec(e.label)).flatMap((m) => (m ? [Number(m[1])] : []));
  expect(numbers(/^B(\d+)$/)).toEqual(numbers(/^B(\d+)$/).sort((x, y) => x - y));
  expect(numbers(/^(\d+)栋/)).toEqual(numbers(/^(\d+)栋/).sort((x, y) => x - y));
  expect(seen.statements).toBe(3);
  expect(turns).toBeGreaterThanOrEqual(2);
});
