/** What a closed vote publishes for its recount (services/open-ballot.service.ts). */
import type { Db } from './places.repository.js';

/** The counted ballots with what the published files need: receipt, choices, channel, proxy, log position. */
export function listCountedBallots(db: Db, voteId: string) {
  return db
    .selectFrom('ballots')
    .select(['unit_id', 'person_id', 'receipt_code', 'choices_json', 'channel', 'proxy_id', 'log_position'])
    .where('vote_id', '=', voteId)
    .orderBy('receipt_code')
    .execute();
}
