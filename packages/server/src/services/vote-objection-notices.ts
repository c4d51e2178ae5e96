/** Publishing a stage notice of a vote (vote_notices, append-only) from the roll check and the 询异 window, and telling an owner their request was resolved. */
import type { Locale } from '@yishi/core';
import { newId } from '../db/ids.js';
import type { Db } from '../db/repositories/places.repository.js';
import { recipientsOfUsers } from '../db/repositories/notification-recipients.repository.js';
import { findBallotDispute, findRollObjection, insertVoteNotice } from '../db/repositories/vote-objections.repository.js';
import { findElectorateEntry, findVote } from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Resolved } from './notification-recipients.js';

export type NoticeWords = { title: Record<Locale, string>; body: Record<Locale, string> };

export function publishVoteNotice(trx: Db, vote: Pick<VoteRow, 'id' | 'compound_id'>, kind: string, words: NoticeWords, byUserId: string, now: string) {
  return insertVoteNotice(trx, {
    id: newId(),
    vote_id: vote.id,
    compound_id: vote.compound_id,
    kind,
    title_json: JSON.stringify(words.title),
    body_json: JSON.stringify(words.body),
    reason: '',
    published_at: now,
    published_by_user_id: byUserId,
  });
}

const OUTCOME_WORDS = {
  upheld: { 'zh-CN': '已认定成立', en: 'upheld' },
  rejected: { 'zh-CN': '未予认定', en: 'rejected' },
  open: { 'zh-CN': '待处理', en: 'open' },
} as const;

/** Who a resolved roll correction request or dispute is told to (the owner who raised it) and its words. */
export async function resolveObjectionEvent(
  db: Db,
  event: { kind: 'roll_objection_resolved'; objectionId: string } | { kind: 'ballot_dispute_resolved'; disputeId: string },
): Promise<Resolved | null> {
  const row = event.kind === 'roll_objection_resolved' ? await findRollObjection(db, event.objectionId) : await findBallotDispute(db, event.disputeId);
  const vote = row && (await findVote(db, row.vote_id));
  if (!row || !vote) return null;
  const unit = 'voter_key' in row ? ((await findElectorateEntry(db, vote.id, row.voter_key))?.label ?? '') : '';
  const outcome = OUTCOME_WORDS[row.status];
  return {
    compoundId: vote.compound_id,
    subjectKind: 'vote',
    subjectId: vote.id,
    params: {
      voteId: vote.id,
      title: vote.title,
      unit,
      receiptCode: 'receipt_code' in row ? row.receipt_code : '',
      outcome: outcome['zh-CN'],
      outcome_en: outcome.en,
      reason: row.resolution_reason.length > 120 ? `${row.resolution_reason.slice(0, 119)}…` : row.resolution_reason,
    },
    recipients: await recipientsOfUsers(db, [row.raised_by_user_id]),
  };
}
