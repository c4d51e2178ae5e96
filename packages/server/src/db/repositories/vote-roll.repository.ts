/**
 * The frozen roll a page at a time, each entry with whether and how its ballot reached the box: one
 * statement per page whatever the size of the roll (the electorate joined to its ballot by the unique
 * indexes ballots(vote_id, unit_id) and ballots(vote_id, person_id)).
 */
import type { PageRequest } from '@yishi/core';
import { sql } from 'kysely';
import { asc, readPage } from '../keyset.js';
import type { Db } from './places.repository.js';

export interface RollPageFilter {
  /** Only entries whose label contains this text. */
  q?: string | undefined;
  /** Read each ballot's choices too (a named ballot after closing; never for a secret one). */
  choices: boolean;
}

/**
 * One page of the roll in the order people count (2栋 before 10栋, 101 before 1001: the entries' sort
 * keys, on vote_electorate_sort_idx; the voter key breaks ties), with each entry's ballot if any.
 */
export function readRollPage(db: Db, voteId: string, filter: RollPageFilter, page: PageRequest) {
  let query = db
    .selectFrom('vote_electorate as ve')
    .leftJoin('ballots as bu', (j) => j.onRef('bu.vote_id', '=', 've.vote_id').onRef('bu.unit_id', '=', 've.unit_id'))
    .leftJoin('ballots as bp', (j) => j.onRef('bp.vote_id', '=', 've.vote_id').onRef('bp.person_id', '=', 've.person_id'))
    .select((eb) => [
      've.voter_key',
      've.label',
      've.sort_key',
      've.area_centi',
      've.developer_held',
      eb.fn.coalesce('bu.channel', 'bp.channel').as('channel'),
      eb.fn.coalesce('bu.proxy_id', 'bp.proxy_id').as('proxy_id'),
      eb.fn.coalesce('bu.cast_at', 'bp.cast_at').as('cast_at'),
      filter.choices ? eb.fn.coalesce('bu.choices_json', 'bp.choices_json').as('choices_json') : sql<string | null>`null`.as('choices_json'),
    ])
    .where('ve.vote_id', '=', voteId);
  // Wildcards are taken out of the text typed (labels hold digits and names, never % or _).
  const typed = filter.q?.replace(/[%_\\]/g, '');
  if (typed) query = query.where('ve.label', 'like', `%${typed}%`);
  return readPage(query, [asc('ve.sort_key', 'sort_key'), asc('ve.voter_key', 'voter_key')], page);
}
