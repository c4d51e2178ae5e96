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

/** Each counted ballot's position in the ballot log, by receipt code (the published receipts name it). */
export async function receiptPositions(db: Db, voteId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ballots')
    .select(['receipt_code', 'log_position'])
    .where('vote_id', '=', voteId)
    .where('log_position', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.receipt_code, Number(r.log_position)]));
}
