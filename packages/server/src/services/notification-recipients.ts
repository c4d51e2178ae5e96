/**
 * Who an event is for and what its words are filled from: one case per kind of event, each a few
 * set-based reads (never one per person). A feature names what happened (`{ kind: 'vote_opened',
 * voteId }`); enqueueNotifications (notifications.service.ts) turns the answer into notices and
 * outbox rows. The person who caused the event is left out there, not here.
 */
import {
  AGENDA_ITEMS_KEY,
  PROPOSAL_STATUS_LABELS,
  agendaDocumentName,
  parseResponsibleUnit,
  readAgendaSnapshot,
  responsibleUnitLabel,
  type DigestUnit,
  type Role,
} from '@yishi/core';
import { loadStoredDocument } from '../collab/persistence.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { resolveObjectionEvent } from './vote-objection-notices.js';
import { resolveProxyEvent } from './vote-proxy-notices.js';

/** What happened, named by the feature that calls enqueueNotifications; recipients are found from it. */
export type NotificationEvent = (
  | { kind: 'vote_announced' | 'vote_opened' | 'vote_closing' | 'vote_result'; voteId: string }
  | { kind: 'vote_extended'; voteId: string; reason: string }
  | { kind: 'roll_objection_resolved'; objectionId: string }
  | { kind: 'ballot_dispute_resolved'; disputeId: string }
  | { kind: 'vote_proxy_confirmed' | 'vote_proxy_voted'; proxyId: string }
  | { kind: 'meeting_scheduled' | 'meeting_starting' | 'meeting_cancelled' | 'minutes_published'; meetingId: string }
  | { kind: 'proposal_threshold' | 'proposal_answered'; proposalId: string }
  | { kind: 'concern_recorded' | 'concern_answered' | 'concern_answer_corrected' | 'concern_listed'; questionId: string }
  | { kind: 'concern_recorded' | 'concern_answered' | 'concern_listed'; itemId: string }
  | { kind: 'item_assigned' | 'item_due_tomorrow' | 'item_rate' | 'item_reopened'; itemId: string }
  | { kind: 'item_overdue'; itemId: string; overdueDays: number }
  | { kind: 'minutes_sign_requested'; meetingId: string; dueDate: string }
  | { kind: 'staff_digest'; compoundId: string; date: string; units: DigestUnit[] }
  | { kind: 'robot_test'; robotId: string }
) & {
  /** A scheduled occurrence's unique key: a second enqueue with the same key does nothing. */
  dedupeKey?: string;
  causedByUserId?: string | null;
};

export interface Resolved {
  compoundId: string | null;
  subjectKind: string;
  subjectId: string;
  params: Record<string, string>;
  recipients: repo.RecipientRow[];
  /** Robot ids, for robot_test only (other events find the compound's robots by their events). */
  robotIds?: string[];
  /**
   * A vote's roll, told by a fan-out after the commit (`recipients` is empty): those with default
   * settings set-based from the roll (repo.insertVoteNoticesBulk), the others one by one.
   */
  voteRoll?: { voteId: string; residents: boolean; notVoted: boolean };
}

const STATION: readonly Role[] = ['station_chief', 'station_deputy'];

function cut(text: string, max = 40): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Accounts of a responsible unit at the compound (the party's representatives, the community's staff …). */
/** The agenda as it stands: its frozen rows, or before the freeze the live document as stored. */
async function agendaTitles(db: Db, meetingId: string): Promise<string[]> {
  const frozen = await repo.agendaTitlesOf(db, meetingId);
  if (frozen.length > 0) return frozen;
  const stored = await loadStoredDocument(db, agendaDocumentName(meetingId));
  const items = readAgendaSnapshot(stored.doc.getArray(AGENDA_ITEMS_KEY).toJSON());
  stored.doc.destroy();
  return items.map((item) => item.title).filter((title) => title.length > 0);
}

async function usersOfUnit(db: Db, compoundId: string, unitText: string | null): Promise<string[]> {
  const unit = parseResponsibleUnit(unitText);
  if (!unit) return [];
  if (unit.kind === 'department') return repo.staffUserIdsAt(db, compoundId, ['party_rep'], { party: 'department', organisation: unit.name });
  switch (unit.party) {
    case 'community':
      return repo.staffUserIdsAt(db, compoundId, ['community_staff']);
    case 'grid':
      return repo.staffUserIdsAt(db, compoundId, ['grid_worker']);
    default:
      return repo.staffUserIdsAt(db, compoundId, ['party_rep'], { party: unit.party });
  }
}

export async function resolveEvent(db: Db, event: NotificationEvent): Promise<Resolved | null> {
  switch (event.kind) {
    case 'vote_announced':
    case 'vote_extended':
    case 'vote_opened':
    case 'vote_closing':
    case 'vote_result': {
      const vote = await repo.findVoteForNotice(db, event.voteId);
      if (!vote) return null;
      const compound = await repo.findCompoundName(db, vote.compound_id);
      const passed = vote.result_json ? (JSON.parse(vote.result_json) as { passed?: boolean }).passed : undefined;
      const params: Record<string, string> = { voteId: vote.id, title: vote.title, compound: compound?.name ?? '', closesAt: vote.closes_at };
      // The announcement names the opening and the roll check; an extension its reason.
      if (vote.opens_at) params.opensAt = vote.opens_at;
      if (vote.roll_check_ends_at) params.rollCheckEndsAt = vote.roll_check_ends_at;
      if (event.kind === 'vote_extended') params.reason = cut(event.reason, 120);
      Object.assign(
        params,
        passed === undefined
          ? { outcome: '结果见表决页面', outcome_en: 'see the vote page for the result' }
          : { outcome: passed ? '通过' : '未通过', outcome_en: passed ? 'passed' : 'not passed' },
      );
      // Its roll is told after the commit, by the fan-out (notifications.service.ts writeOwedVoteNotices).
      const roll = { residents: vote.electorate_kind === 'residents', notVoted: event.kind === 'vote_closing' };
      return { compoundId: vote.compound_id, subjectKind: 'vote', subjectId: vote.id, params, recipients: [], voteRoll: { voteId: vote.id, ...roll } };
    }
    case 'vote_proxy_confirmed':
    case 'vote_proxy_voted':
      return resolveProxyEvent(db, event);
    case 'roll_objection_resolved':
    case 'ballot_dispute_resolved':
      return resolveObjectionEvent(db, event);
    case 'meeting_scheduled':
    case 'meeting_starting':
    case 'meeting_cancelled':
    case 'minutes_published': {
      const meeting = await repo.findMeetingForNotice(db, event.meetingId);
      if (!meeting) return null;
      const agenda = event.kind === 'meeting_scheduled' ? await agendaTitles(db, meeting.id) : [];
      const users = [...(await repo.attendeeUserIds(db, meeting.id)), ...(await repo.memberUserIdsOfCompound(db, meeting.compound_id))];
      return {
        compoundId: meeting.compound_id,
        subjectKind: 'meeting',
        subjectId: meeting.id,
        params: {
          meetingId: meeting.id,
          title: meeting.title,
          startsAt: meeting.starts_at,
          place: meeting.place,
          agenda: agenda.length ? cut(agenda.map((t, i) => `${i + 1}. ${t}`).join(' '), 120) : '—',
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'minutes_sign_requested': {
      // The members who attended, each asked to check and sign the draft.
      const meeting = await repo.findMeetingForNotice(db, event.meetingId);
      if (!meeting) return null;
      return {
        compoundId: meeting.compound_id,
        subjectKind: 'meeting',
        subjectId: meeting.id,
        params: { meetingId: meeting.id, title: meeting.title, dueDate: event.dueDate },
        recipients: await repo.recipientsOfUsers(db, await repo.signedInAttendeeUserIds(db, meeting.id)),
      };
    }
    case 'proposal_threshold':
    case 'proposal_answered': {
      const proposal = await repo.findProposalForNotice(db, event.proposalId);
      if (!proposal) return null;
      const users =
        event.kind === 'proposal_threshold'
          ? [proposal.author_user_id, ...(await repo.staffUserIdsAt(db, proposal.compound_id, [...STATION, 'community_staff']))]
          : [proposal.author_user_id, ...(await repo.seconderUserIds(db, proposal.id))];
      const status = PROPOSAL_STATUS_LABELS[proposal.status];
      // The answer in the decider's words: the decline's reason, the agenda or merge note.
      const note = event.kind === 'proposal_answered' ? ((await repo.latestProposalNote(db, proposal.id, proposal.status)) ?? '') : '';
      return {
        compoundId: proposal.compound_id,
        subjectKind: 'proposal',
        subjectId: proposal.id,
        params: {
          proposalId: proposal.id,
          title: proposal.title,
          answer: cut(note ? `${status['zh-CN']}：${note}` : status['zh-CN'], 80),
          answer_en: cut(note ? `${status.en}: ${note}` : status.en, 80),
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'concern_recorded':
    case 'concern_answered':
    case 'concern_answer_corrected':
    case 'concern_listed': {
      if ('questionId' in event) {
        const question = await repo.findQuestionForNotice(db, event.questionId);
        if (!question) return null;
        const item = question.action_item_id ? await repo.findItemForNotice(db, question.action_item_id) : undefined;
        return {
          compoundId: question.compound_id,
          subjectKind: 'question',
          subjectId: question.id,
          params: {
            questionId: question.id,
            itemId: item?.id ?? '',
            title: cut(question.text, 30),
            answer: cut(question.answer ?? '', 80),
            dueDate: item?.due_date ?? '',
            path: item ? `/action-items/${item.id}` : `/meetings/${question.meeting_id}`,
          },
          recipients: await repo.recipientsOfUsers(db, question.asked_by_user_id ? [question.asked_by_user_id] : []),
        };
      }
      const item = await repo.findItemForNotice(db, event.itemId);
      if (!item) return null;
      return {
        compoundId: item.compound_id,
        subjectKind: 'action_item',
        subjectId: item.id,
        params: {
          itemId: item.id,
          title: cut(item.title, 30),
          // A concern online is answered by the first public update on it.
          answer: cut((await repo.latestItemUpdateText(db, item.id, ['progress', 'on_site'])) ?? '', 80),
          dueDate: item.due_date,
          path: `/action-items/${item.id}`,
        },
        recipients: await repo.recipientsOfUsers(db, item.raised_by_user_id ? [item.raised_by_user_id] : []),
      };
    }
    case 'item_assigned':
    case 'item_due_tomorrow':
    case 'item_overdue':
    case 'item_rate':
    case 'item_reopened': {
      const item = await repo.findItemForNotice(db, event.itemId);
      if (!item) return null;
      let users: string[];
      if (event.kind === 'item_rate') {
        let raiser = item.raised_by_user_id;
        if (!raiser && item.source_kind === 'evening_question') raiser = (await repo.findQuestionForNotice(db, item.source_id))?.asked_by_user_id ?? null;
        users = raiser ? [raiser] : [];
      } else {
        users = await usersOfUnit(db, item.compound_id, item.responsible_unit);
        if (event.kind !== 'item_assigned' || users.length === 0) users.push(...(await repo.staffUserIdsAt(db, item.compound_id, STATION)));
      }
      return {
        compoundId: item.compound_id,
        subjectKind: 'action_item',
        subjectId: item.id,
        params: {
          itemId: item.id,
          title: cut(item.title, 30),
          unit: responsibleUnitLabel(item.responsible_unit, 'zh-CN'),
          unit_en: responsibleUnitLabel(item.responsible_unit, 'en'),
          dueDate: item.due_date,
          number: item.sign_off_number ?? '',
          days: 'overdueDays' in event ? String(event.overdueDays) : '0',
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'staff_digest': {
      const compound = await repo.findCompoundName(db, event.compoundId);
      if (!compound) return null;
      const overdue = event.units.reduce((n, u) => n + u.overdue.length, 0);
      const dueToday = event.units.reduce((n, u) => n + u.dueToday.length, 0);
      return {
        compoundId: compound.id,
        subjectKind: 'compound',
        subjectId: compound.id,
        params: {
          compoundId: compound.id,
          compound: compound.name,
          date: event.date,
          overdue: String(overdue),
          dueToday: String(dueToday),
          digest: JSON.stringify(event.units),
        },
        recipients: [],
      };
    }
    case 'robot_test': {
      const robot = await repo.findRobot(db, event.robotId);
      if (!robot) return null;
      const compound = await repo.findCompoundName(db, robot.compound_id);
      return {
        compoundId: robot.compound_id,
        subjectKind: 'robot',
        subjectId: robot.id,
        params: { compoundId: robot.compound_id, compound: compound?.name ?? '', name: robot.name },
        recipients: [],
        robotIds: [robot.id],
      };
    }
  }
}
