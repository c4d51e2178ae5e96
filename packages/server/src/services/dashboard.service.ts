/**
 * The governance dashboard: loads the rows of the meetings, action-items and minutes tables for the
 * compounds in scope and lets core compute the figures (core/dashboard), so the screen, the
 * spreadsheet and the public satisfaction summary agree to the decimal.
 */
import {
  DomainError,
  chinaDate,
  computeDashboard,
  dashboardPeriod,
  publicationDeadline,
  timeLeft,
  type ActionItemStatus,
  type DashboardActionItemRow,
  type DashboardMeetingRow,
  type MeetingKind,
  type MeetingStatus,
  type QuestionStatus,
  type Rating,
} from '@yishi/core';
import { listFirstPublications } from '../db/repositories/minutes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';

export interface ScopedCompound {
  id: string;
  name: string;
  code: string;
  communityId: string;
  communityName: string;
}

export async function compoundsInScope(db: Db, scope: 'subdistrict' | 'community', id: string): Promise<ScopedCompound[]> {
  let q = db
    .selectFrom('compounds')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .select(['compounds.id', 'compounds.name', 'compounds.code', 'communities.id as communityId', 'communities.name as communityName']);
  q = scope === 'subdistrict' ? q.where('communities.subdistrict_id', '=', id) : q.where('communities.id', '=', id);
  return q.orderBy('compounds.code').execute();
}

async function loadRows(db: Db, compoundIds: readonly string[]) {
  const ids = compoundIds.length > 0 ? [...compoundIds] : ['-'];
  const meetings = await db.selectFrom('meetings').select(['id', 'compound_id', 'kind', 'status', 'starts_at']).where('compound_id', 'in', ids).execute();
  const questions = await db.selectFrom('meeting_questions').select(['meeting_id', 'status']).where('compound_id', 'in', ids).execute();
  const items = await db
    .selectFrom('action_items')
    .select(['id', 'compound_id', 'status', 'listed_at', 'due_date', 'signed_off_at'])
    .where('compound_id', 'in', ids)
    .execute();
  const ratings = await db
    .selectFrom('action_item_ratings')
    .innerJoin('action_items', 'action_items.id', 'action_item_ratings.action_item_id')
    .select(['action_item_ratings.action_item_id', 'action_item_ratings.rating', 'action_item_ratings.created_at'])
    .where('action_items.compound_id', 'in', ids)
    .orderBy('action_item_ratings.created_at')
    .execute();
  const latestRating = new Map(ratings.map((r) => [r.action_item_id, r.rating as Rating]));
  const minutes = await listFirstPublications(db, ids);
  return {
    meetings: meetings.map(
      (m): DashboardMeetingRow => ({ id: m.id, compoundId: m.compound_id, kind: m.kind as MeetingKind, status: m.status as MeetingStatus, startsAt: m.starts_at }),
    ),
    questions: questions.map((q) => ({ meetingId: q.meeting_id, status: q.status as QuestionStatus })),
    actionItems: items.map(
      (i): DashboardActionItemRow & { id: string } => ({
        id: i.id,
        compoundId: i.compound_id,
        status: i.status as ActionItemStatus,
        listedOn: chinaDate(new Date(i.listed_at)),
        dueDate: i.due_date,
        signedOffAt: i.signed_off_at,
        rating: latestRating.get(i.id) ?? null,
      }),
    ),
    minutes: minutes.map((m) => ({ meetingId: m.meetingId, firstPublishedAt: m.firstPublishedAt })),
  };
}

type Rows = Awaited<ReturnType<typeof loadRows>>;

function onlyCompound(rows: Rows, compoundId: string): Rows {
  const meetings = rows.meetings.filter((m) => m.compoundId === compoundId);
  const ids = new Set(meetings.map((m) => m.id));
  return {
    meetings,
    questions: rows.questions.filter((q) => ids.has(q.meetingId)),
    actionItems: rows.actionItems.filter((i) => i.compoundId === compoundId),
    minutes: rows.minutes.filter((m) => ids.has(m.meetingId)),
  };
}

export interface DashboardRequest {
  scope: 'subdistrict' | 'community';
  id: string;
  from?: string;
  to?: string;
  compoundId?: string;
}

export async function getDashboard(deps: Deps, request: DashboardRequest) {
  const now = deps.clock();
  const period = dashboardPeriod(request.from, request.to, now);
  const all = await compoundsInScope(deps.db, request.scope, request.id);
  const compounds = request.compoundId ? all.filter((c) => c.id === request.compoundId) : all;
  if (request.compoundId && compounds.length === 0) throw new DomainError('compound_not_found');
  const rows = await loadRows(deps.db, compounds.map((c) => c.id));
  const total = computeDashboard({ ...period, now, ...rows });
  return {
    scope: { kind: request.scope, id: request.id },
    period,
    compoundId: request.compoundId ?? null,
    compounds: all.map((c) => ({ id: c.id, name: c.name, code: c.code, communityName: c.communityName })),
    figures: total.figures,
    months: total.months,
    byCompound: compounds.map((c) => ({ compoundId: c.id, name: c.name, figures: computeDashboard({ ...period, now, ...onlyCompound(rows, c.id) }).figures })),
    pendingMinutes: await listPendingMinutes(deps, compounds),
    generatedAt: now.toISOString(),
  };
}

/**
 * Held meetings whose minutes are not published yet, overdue first: the dashboard flags them and
 * links each to its minutes page, where the convener sees the same time left.
 */
async function listPendingMinutes(deps: Deps, compounds: readonly ScopedCompound[]) {
  if (compounds.length === 0) return [];
  const names = new Map(compounds.map((c) => [c.id, c.name]));
  const rows = await deps.db
    .selectFrom('meetings')
    .leftJoin('minutes_versions', 'minutes_versions.meeting_id', 'meetings.id')
    .select(['meetings.id', 'meetings.compound_id', 'meetings.kind', 'meetings.title', 'meetings.starts_at'])
    .where('meetings.compound_id', 'in', compounds.map((c) => c.id))
    .where('meetings.status', '=', 'closed')
    .where('minutes_versions.id', 'is', null)
    .orderBy('meetings.starts_at')
    .execute();
  const now = deps.clock();
  return rows
    .map((m) => {
      const deadline = publicationDeadline(m.kind as MeetingKind, m.starts_at);
      return {
        meetingId: m.id,
        compoundName: names.get(m.compound_id) ?? '',
        kind: m.kind,
        title: m.title,
        startsAt: m.starts_at,
        deadline,
        timeLeft: deadline ? timeLeft(deadline, now) : null,
      };
    })
    .sort((a, b) => Number(b.timeLeft?.overdue ?? false) - Number(a.timeLeft?.overdue ?? false));
}

/** The public satisfaction summary of one compound: the last 12 months of ratings and sign-offs. */
export async function getSatisfactionSummary(deps: Deps, compoundId: string) {
  const now = deps.clock();
  const to = chinaDate(now);
  const from = chinaDate(new Date(now.getTime() - 364 * 86_400_000));
  const rows = await loadRows(deps.db, [compoundId]);
  const { figures } = computeDashboard({ from, to, now, ...rows });
  return {
    period: { from, to },
    satisfaction: figures.satisfaction,
    actionItems: {
      signedOff: figures.actionItems.signedOff,
      signedOffOnTime: figures.actionItems.signedOffOnTime,
      onTimeRate: figures.actionItems.onTimeRate,
      overdue: figures.actionItems.overdue,
      avgWorkdaysToSignOff: figures.actionItems.avgWorkdaysToSignOff,
    },
    questions: figures.questions,
    meetings: figures.meetings,
  };
}
