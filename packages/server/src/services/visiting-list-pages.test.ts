/**
 * The visiting lists of a vote with more units than two export pages (a generated compound, nobody
 * voted yet): the roll and its people are read a page at a time with the event loop free between the
 * pages, and every unit is in the file once (counted: statements and turns of the event loop, not time).
 */
import { endpointUrl, navigatorEndpoints } from '@yishi/core';
import type { LogEvent } from 'kysely';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBigCompound, type BigCompound } from '../testing/big-compound.js';
import { turnsDuring } from '../testing/event-loop-turns.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { EXPORT_PAGE } from './export-pages.js';

const UNITS = 1200;
let t: TestApp;
let made: BigCompound;
let cookie: string;
const statements: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ log: (event: LogEvent) => void statements.push(event.query.sql) });
  made = await generateBigCompound(t.deps, { units: UNITS, actionItems: 4 });
  cookie = await t.login('jiedao');
}, 300_000);
afterAll(() => t?.close());

/** The statements of `work` that read the roll with its buildings, and those that read the people at the doors. */
async function readsDuring<T>(work: () => Promise<T>) {
  statements.length = 0;
  const { value, turns } = await turnsDuring(work);
  const roll = statements.filter((s) => /from "vote_electorate" as "ve" left join "units"/.test(s));
  const people = statements.filter((s) => /roll_people/.test(s));
  return { value, turns, roll: roll.length, people: people.length };
}

describe('visiting lists of a large roll', () => {
  const pages = Math.ceil(UNITS / EXPORT_PAGE);

  it('CSV: the roll and the people read a page at a time, the event loop free between pages, every unit once', async () => {
    expect(UNITS).toBeGreaterThan(2 * EXPORT_PAGE);
    const url = endpointUrl(navigatorEndpoints.visitingListCsv, { params: { voteId: made.voteId } });
    const read = await readsDuring(async () => {
      const res = await t.call('GET', url, { cookie });
      expect(res.status).toBe(200);
      return res.text();
    });
    expect(read.roll).toBe(pages);
    expect(read.people).toBe(pages);
    expect(read.turns).toBeGreaterThanOrEqual(2 * (pages - 1));
    const labels = read.value
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect(labels).toHaveLength(UNITS);
    expect(new Set(labels).size).toBe(UNITS);
  });

  it('Excel: the same pages, handed to the worker page by page; every unit on its building’s sheet', async () => {
    const url = endpointUrl(navigatorEndpoints.visitingListXlsx, { params: { voteId: made.voteId } });
    const read = await readsDuring(async () => {
      const res = await t.call('GET', url, { cookie });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    });
    expect(read.roll).toBe(pages);
    expect(read.people).toBe(pages);
    expect(read.turns).toBeGreaterThanOrEqual(2 * (pages - 1));
    const sheets = await readXlsxFile(read.value);
    // Each sheet: its title, the column names, then its units.
    expect(sheets.reduce((n, s) => n + s.data.length - 2, 0)).toBe(UNITS);
  });
});
