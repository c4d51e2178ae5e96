/** What a closed vote publishes for its recount (services/open-ballot.service.ts). */
import { normaliseReceiptCode, type PageRequest } from '@yishi/core';
import { asc, readPage } from '../keyset.js';
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

/** One page of a vote's receipts in code order (codes are unique), or the one receipt `code` names. */
export function readReceiptsPage(db: Db, voteId: string, code: string | undefined, page: PageRequest) {
  let query = db.selectFrom('ballots').select(['receipt_code', 'choices_json', 'channel', 'proxy_id', 'log_position']).where('vote_id', '=', voteId);
  if (code !== undefined) query = query.where('receipt_code', '=', normaliseReceiptCode(code));
  return readPage(query, [asc('receipt_code')], page);
}
