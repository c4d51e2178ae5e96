/**
 * A query built and compiled once per dialect and shape, then run again with new values. Building a
 * Kysely query (freezing its nodes, parsing references) and compiling it cost more than running it on
 * SQLite: the casting read of a ballot (ballot-cast.repository.ts) took about 150 µs to build and
 * compile, against a ballot's 2 ms of CPU in all. Only for the hottest statements.
 *
 * On PostgreSQL each such query also runs as a named prepared statement (./prepared-statements.ts).
 *
 * The builder gets placeholders (`slot(name)`) where values go: every parameter of the compiled query
 * must be one, so a value baked into the first build cannot be reused for another caller by mistake.
 */
import type { CompiledQuery, Compilable, Insertable, QueryResult, Updateable } from 'kysely';
import type { Database } from './database.js';
import { dialectOf } from './dialect.js';
import { prepareOnPostgres } from './prepared-statements.js';
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
    // Its text never changes: parsed and planned once per connection on PostgreSQL.
    if (dialectOf(db) === 'postgres') prepareOnPostgres(compiled.sql);
  }
  return reusable;
}

/**
 * Runs the query `build` makes, compiled the first time for this dialect and `shape` (a name that
 * changes whenever the query's text would, e.g. with the length of an IN list), with `values` in its
 * slots.
 */
export async function runReusable<R>(db: Db, shape: string, build: () => Compilable<R>, values: Readonly<Record<string, unknown>>): Promise<R[]> {
  return (await executeReusable(db, shape, build, values)).rows;
}

async function executeReusable<R>(db: Db, shape: string, build: () => Compilable<R>, values: Readonly<Record<string, unknown>>): Promise<QueryResult<R>> {
  const { compiled, names } = compileOnce(db, shape, build);
  const parameters = names.map((name) => {
    if (!(name in values)) throw new Error(`reusable query ${shape}: no value for ${name}`);
    return values[name];
  });
  return db.executeQuery<R>({ ...(compiled as CompiledQuery<R>), parameters });
}

/** Inserts one row of `table` with a statement compiled once per set of columns given. */
export async function insertRow<T extends keyof Database & string>(db: Db, table: T, row: Insertable<Database[T]>): Promise<void> {
  const values = row as Record<string, unknown>;
  // One statement per set of columns in the order a caller gives them (each caller keeps its order).
  const columns = Object.keys(values).filter((column) => values[column] !== undefined);
  const build = () => db.insertInto(table).values(Object.fromEntries(columns.map((column) => [column, slot(column)])) as never);
  await runReusable(db, `insert ${table} (${columns.join(',')})`, build, values);
}

/**
 * Sets `values` on the rows of `table` whose columns equal `where` (every value a slot), with a
 * statement compiled once per set of columns; returns how many rows changed.
 */
export async function updateRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  values: Updateable<Database[T]>,
  where: Readonly<Partial<Record<keyof Database[T] & string, string | number>>>,
): Promise<number> {
  const set = Object.keys(values as Record<string, unknown>)
    .filter((column) => (values as Record<string, unknown>)[column] !== undefined)
    .sort();
  const keys = Object.keys(where).sort();
  const slotValues: Record<string, unknown> = {};
  for (const column of set) slotValues[`set.${column}`] = (values as Record<string, unknown>)[column];
  for (const column of keys) slotValues[`where.${column}`] = (where as Record<string, unknown>)[column];
  const build = () => {
    // The columns are the table's own (typed at the caller); the builder cannot follow a computed table here.
    let query = db.updateTable(table as 'ballots').set(Object.fromEntries(set.map((column) => [column, slot(`set.${column}`)])) as never);
    for (const column of keys) query = query.where(column as 'id', '=', slot(`where.${column}`));
    return query;
  };
  const result = await executeReusable(db, `update ${table} (${set.join(',')}) where (${keys.join(',')})`, build, slotValues);
  return Number(result.numAffectedRows ?? 0n);
}
