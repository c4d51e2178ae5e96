/** What the voting page reads of a vote's roll for its caller: their own entries with their ballots, in one statement. */
import type { Db } from './places.repository.js';

/**
 * The roll entries of these voter keys (the caller's units, or themselves in a residents' poll),
 * each with its ballot if one is in the box (by unit, or by person in a residents' poll): one
 * statement however many units the caller owns, where each entry and its ballot were read apart.
 */
export function listVotersWithBallots(db: Db, voteId: string, residents: boolean, voterKeys: readonly string[]) {
  if (voterKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vote_electorate as ve')
    .leftJoin('ballots as b', (j) =>
      j.on('b.vote_id', '=', voteId).onRef(residents ? 'b.person_id' : 'b.unit_id', '=', residents ? 've.person_id' : 've.unit_id'),
    )
    .select(['ve.voter_key', 've.label', 've.unit_id', 've.owner_person_ids', 'b.id as ballot_id', 'b.receipt_code', 'b.cast_at', 'b.channel', 'b.proxy_id'])
    .where('ve.vote_id', '=', voteId)
    .where('ve.voter_key', 'in', [...voterKeys])
    .execute();
}
