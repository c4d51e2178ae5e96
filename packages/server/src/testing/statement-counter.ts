/**
 * Counts what the app asks of the database through a Kysely instance: statements, rows answered,
 * and statements per table read (the first table of each SELECT's FROM). Tests assert these, never
 * time: a list whose statements grow with its rows is an N+1.
 */
import { AliasNode, TableNode, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { Db } from '../db/repositories/places.repository.js';

export interface Seen {
  statements: number;
  rows: number;
  /** SELECT statements per table they read from first. */
  reads: Map<string, number>;
}

function firstTable(node: RootOperationNode): string | null {
  if (node.kind !== 'SelectQueryNode') return null;
  const from = node.from?.froms[0];
  if (!from) return null;
  const table = AliasNode.is(from) ? from.node : from;
  return TableNode.is(table) ? table.table.identifier.name : null;
}

export function countingDb(db: Db): { db: Db; seen: Seen } {
  const seen: Seen = { statements: 0, rows: 0, reads: new Map() };
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      seen.statements += 1;
      const table = firstTable(node);
      if (table) seen.reads.set(table, (seen.reads.get(table) ?? 0) + 1);
      return node;
    },
    transformResult: async ({ result }) => {
      seen.rows += result.rows.length;
      return result;
    },
  };
  return { db: db.withPlugin(plugin), seen };
}
