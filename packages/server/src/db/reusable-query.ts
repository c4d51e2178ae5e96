/**
 * A query built and compiled once per dialect and shape, then run again with new values. Building a
 * Kysely query (freezing its nodes, parsing references) and compiling it cost more than running it on
 * SQLite: the casting read of a ballot (ballot-cast.repository.ts) took about 150 µs to build and
 * compile, against a ballot's 2 ms of CPU in all. Only for the hottest statements.
 *
 * The builder gets placeholders (`slot(name)`) where values go: every parameter of the compiled query
 * must be one, so a value baked into the first build cannot be reused for another caller by mistake.
 */
import type { CompiledQuery, Compilable, Insertable } from 'kysely';
import type { Database } from './database.js';
import { dialectOf } from './dialect.js';
import type { Db } from './repositories/places.repository.js';

const SLOT = '\u0000yishi-slot:';

/** The placeholder of value `name`. */
export function slot(name: string): string {
  return `${SLOT}${name}`;
}

interface Reusable {
  compiled: CompiledQuery<unknown>;
  names: string[];
}

const compiledQueries = new Map<string, Reusable>();

function compileOnce(db: Db, shape: string, build: () => Compilable<unknown>): Reusable {
  const key = `${dialectOf(db)}\u0000${shape}`;
  let reusable = compiledQueries.get(key);
  if (!reusable) {
    const compiled = build().compile();
    const names = compiled.parameters.map((p) => {
      if (typeof p !== 'string' || !p.startsWith(SLOT)) throw new Error(`reusable query ${shape}: parameter ${String(p)} is not a slot`);
      return p.slice(SLOT.length);
    });
    reusable = { compiled, names };
    compiledQueries.set(key, reusable);
  }
  return reusable;
}

/**
 * Runs the query `build` makes, compiled the first time for this dialect and `shape` (a name that
 * changes whenever the query's text would, e.g. with the length of an IN list), with `values` in its
 * slots.
 */
export async function runReusable<R>(db: Db, shape: string, build: () => Compilable<R>, values: Readonly<Record<string, unknown>>): Promise<R[]> {
  const { compiled, names } = compileOnce(db, shape, build);
  const parameters = names.map((name) => {
    if (!(name in values)) throw new Error(`reusable query ${shape}: no value for ${name}`);
    return values[name];
  });
  const result = await db.executeQuery<R>({ ...(compiled as CompiledQuery<R>), parameters });
  return result.rows;
}

/** Inserts one row of `table` with a statement compiled once per set of columns given. */
export async function insertRow<T extends keyof Database & string>(db: Db, table: T, row: Insertable<Database[T]>): Promise<void> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values)
    .filter((column) => values[column] !== undefined)
    .sort();
  const slots = Object.fromEntries(columns.map((column) => [column, slot(column)]));
  await runReusable(db, `insert ${table} (${columns.join(',')})`, () => db.insertInto(table).values(slots as never), values);
}
