/**
 * Keyset paging for repositories (the contract's side is core/src/contract/paging.ts). A list reads
 * one page by ordering on its sort key(s) with the id last, starting right after the row the cursor
 * names, and reading one row more than the limit to learn whether a next page exists:
 *
 *   const { rows, next } = await readPage(query, [desc('listed_at'), desc('id')], page);
 *
 * The condition is a row-value comparison `(listed_at, id) < (?, ?)` when all keys run the same way
 * (both SQLite ≥ 3.15 and PostgreSQL compare row values, and use an index on the same columns); with
 * mixed directions it is spelt out (`a < ? or (a = ? and b > ?)`). Sort keys must not be null (a
 * null never compares true and its rows would vanish from later pages) — order on non-null columns.
 */
import { decodeCursor, DomainError, encodeCursor, type CursorValue, type PageRequest } from '@yishi/core';
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

export interface KeysetKey {
  /** The column as SQL names it (`action_items.listed_at`). */
  column: string;
  direction: 'asc' | 'desc';
  /** The property of a result row holding the key's value; the column's last part by default. */
  field: string;
  /** What the column holds: a cursor value of another type is refused (PostgreSQL would fail comparing it). */
  type: 'string' | 'number';
  /**
   * An expression to order on instead of the column (`coalesce(started_at, starts_at)`); the query
   * selects it as `field` so the cursor can name it. It must not be null either.
   */
  expression?: Expression<unknown>;
}

/** The result row's property (a string), or that and the column's type (`{ type: 'number' }`; text by default). */
type KeyOptions = string | { field?: string; type?: 'string' | 'number' };

function key(column: string, direction: 'asc' | 'desc', options: KeyOptions = {}): KeysetKey {
  const { field, type } = typeof options === 'string' ? { field: options, type: undefined } : options;
  return { column, direction, field: field ?? column.slice(column.lastIndexOf('.') + 1), type: type ?? 'string' };
}
export const asc = (column: string, options?: KeyOptions): KeysetKey => key(column, 'asc', options);
export const desc = (column: string, options?: KeyOptions): KeysetKey => key(column, 'desc', options);
/** A key on an expression (selected as `field` by the query), newest first. */
export const descExpression = (expression: Expression<unknown>, field: string): KeysetKey => ({ ...key(field, 'desc'), expression });

const refOf = (k: KeysetKey) => k.expression ?? sql.ref(k.column);

/** The sort-key values a cursor names, checked against the list's keys (count and type); a foreign cursor is a 400. */
export function cursorValues(keys: readonly KeysetKey[], cursor: string): CursorValue[] {
  const values = decodeCursor(cursor);
  if (!values || values.length !== keys.length || values.some((v, i) => typeof v !== keys[i]!.type)) throw new DomainError('page_cursor_invalid');
  return values;
}

/** The condition "comes after the row with these key values" in the keys' order. */
export function afterCondition(keys: readonly KeysetKey[], values: readonly CursorValue[]): Expression<SqlBool> {
  const refs = keys.map(refOf);
  const direction = keys[0]!.direction;
  if (keys.every((k) => k.direction === direction)) {
    const op = sql.raw(direction === 'asc' ? '>' : '<');
    return sql<SqlBool>`(${sql.join(refs)}) ${op} (${sql.join(values.map((v) => sql.val(v)))})`;
  }
  // (a, b, c) after (x, y, z): a beyond x, or a = x and b beyond y, or a = x and b = y and c beyond z.
  const alternatives = keys.map((k, i) => {
    const equalBefore = keys.slice(0, i).map((_, j) => sql`${refs[j]!} = ${values[j]}`);
    const beyond = sql`${refs[i]!} ${sql.raw(k.direction === 'asc' ? '>' : '<')} ${values[i]}`;
    return sql`(${sql.join([...equalBefore, beyond], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}

/**
 * One page of a query: ordered by `keys` (make the id the last, so the order is total), starting after
 * `page.after`, at most `page.limit` rows; `next` is the cursor of the last row when more follow.
 */
export async function readPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: readonly KeysetKey[],
  page: PageRequest,
): Promise<{ rows: O[]; next: string | null }> {
  let q = query;
  if (page.after !== undefined) q = q.where(afterCondition(keys, cursorValues(keys, page.after)) as never);
  for (const k of keys) q = q.orderBy(refOf(k), k.direction);
  const rows = await q.limit(page.limit + 1).execute();
  if (rows.length <= page.limit) return { rows, next: null };
  rows.length = page.limit;
  const last = rows[page.limit - 1] as Record<string, unknown>;
  return { rows, next: encodeCursor(keys.map((k) => last[k.field] as CursorValue)) };
}
