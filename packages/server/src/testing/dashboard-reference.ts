/**
 * The dashboard as first computed, kept as the reference its SQL aggregates are held to (tests) and
 * measured against (bench/board-scale.bench.ts): every meeting, question, action item and rating of
 * the compounds read as rows, and core's computeDashboard over them.
 */
import { chinaDate, computeDashboard, heldStart } from '@yishi/core';
import { listFirstPublications } from '../db/repositories/minutes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';

export async function dashboardFromRows(db: Db, ids: readonly string[], from: string, to: string, now: Date) {
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'compound_id', 'kind', 'status', 'starts_at', 'started_at'])
    .where('compound_id', 'in', [...ids])
    .execute();
  const questions = await db
    .selectFrom('meeting_questions')
    .select(['meeting_id', 'status'])
    .where('compound_id', 'in', [...ids])
    .execute();
  const items = await db
    .selectFrom('action_items')
    .select(['id', 'compound_id', 'status', 'listed_at', 'due_date', 'signed_off_at'])
    .where('compound_id', 'in', [...ids])
    .execute();
  const ratings = await db
    .selectFrom('action_item_ratings')
    .innerJoin('action_items', 'action_items.id', 'action_item_ratings.action_item_id')
    .select(['action_item_ratings.action_item_id', 'action_item_ratings.rating'])
    .where('action_items.compound_id', 'in', [...ids])
    .orderBy('action_item_ratings.created_at')
    .orderBy('action_item_ratings.id')
    .execute();
  const latest = new Map(ratings.map((r) => [r.action_item_id, r.rating]));
  return computeDashboard({
    from,
    to,
    now,
    meetings: meetings.map((m) => ({
      id: m.id,
      compoundId: m.compound_id,
      kind: m.kind,
      status: m.status,
      startsAt: heldStart({ startsAt: m.starts_at, startedAt: m.started_at }),
    })),
    questions: questions.map((q) => ({ meetingId: q.meeting_id, status: q.status })),
    actionItems: items.map((i) => ({
      compoundId: i.compound_id,
      status: i.status,
      listedOn: chinaDate(new Date(i.listed_at)),
      dueDate: i.due_date,
      signedOffAt: i.signed_off_at,
      rating: latest.get(i.id) ?? null,
    })),
    minutes: (await listFirstPublications(db, ids)).map((m) => ({ meetingId: m.meetingId, firstPublishedAt: m.firstPublishedAt })),
  });
}
