/** Reads for evidence bundles: everything a vote's record holds, in the order it happened. */
import type { Db } from './places.repository.js';

export function listNoticesOfVote(db: Db, voteId: string) {
  return db.selectFrom('vote_notices').selectAll().where('vote_id', '=', voteId).orderBy('published_at').orderBy('id').execute();
}

/** Every ballot of a vote with its staff and proxy references (never shown publicly as such). */
export function listBallotsOfVote(db: Db, voteId: string) {
  return db
    .selectFrom('ballots')
    .leftJoin('vote_electorate', (j) =>
      j
        .onRef('vote_electorate.vote_id', '=', 'ballots.vote_id')
        .on((eb) =>
          eb.or([eb('vote_electorate.voter_key', '=', eb.ref('ballots.unit_id')), eb('vote_electorate.voter_key', '=', eb.ref('ballots.person_id'))]),
        ),
    )
    .select([
      'ballots.id',
      'ballots.unit_id',
      'ballots.person_id',
      'ballots.choices_json',
      'ballots.channel',
      'ballots.proxy_id',
      'ballots.slip_number',
      'ballots.receipt_code',
      'ballots.version',
      'ballots.cast_at',
      'ballots.log_position',
      'ballots.entered_by_user_id',
      'vote_electorate.label',
      'vote_electorate.area_centi',
    ])
    .where('ballots.vote_id', '=', voteId)
    .orderBy('ballots.log_position')
    .execute();
}

export function listBallotHistoryOfVote(db: Db, voteId: string) {
  return db.selectFrom('ballot_history').selectAll().where('vote_id', '=', voteId).orderBy('replaced_at').execute();
}

/**
 * The ledger entries of some action items (a meeting's), in chain order. Found by item and put in
 * order here: asked for the compound's entries in order, SQLite walked the compound's whole ledger
 * (72,000 entries at 10,000 units, 50–100 ms on the event loop) to pick out a meeting's few hundred.
 */
export async function listLedgerEntriesOfItems(db: Db, compoundId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  const entries = await db.selectFrom('ledger_entries').selectAll().where('action_item_id', 'in', itemIds).execute();
  return entries.filter((e) => e.compound_id === compoundId).sort((a, b) => a.seq - b.seq);
}

/** The votes put from a meeting's agenda items. */
export function listVoteIdsOfAgendaItems(db: Db, agendaItemIds: readonly string[]) {
  if (agendaItemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('votes').select('id').where('source_kind', '=', 'agenda_item').where('source_id', 'in', agendaItemIds).orderBy('created_at').execute();
}
