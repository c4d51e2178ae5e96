/**
 * A held meeting with everything minutes are written from: attendance by party, agenda items with
 * notes and outcomes, an owners' vote on one item, evening-talk style questions, and action items
 * (one signed off with its number and a rating). Rows go in as the meetings and votes features store
 * them; action items go through their own service so sign-off numbers and the ledger are real.
 * Used by the minutes tests and the demo seed.
 */
import type { MeetingKind } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';
import { createActionItem, resolveActionItem } from '../services/action-items.service.js';
import { rateActionItem, signOffActionItem } from '../services/action-item-sign-off.service.js';
import { loadActor } from '../services/auth.service.js';

const DAY = 86_400_000;

export interface HeldMeetingOptions {
  compoundCode?: string;
  kind?: MeetingKind;
  title?: string;
  /** When the meeting started. */
  startsAt: Date;
  /** When its notice said it would start (another day, say); by default when it started. */
  scheduledFor?: Date;
  agenda?: Array<{ title: string; notes: string; outcome: 'agreed' | 'deferred' | 'owners_vote' | 'action_items'; agreedParties?: string[]; note?: string }>;
  questions?: Array<{ text: string; status: 'answered' | 'listed' | 'merged' | 'raised'; answer?: string; answeredBy?: string }>;
  actionItems?: Array<{
    title: string;
    responsibleUnit: string;
    signOff?: { afterDays: number; rating?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' };
  }>;
  vote?: { title: string; passed: boolean; summary: string } | null;
}

async function actorOf(deps: Deps, username: string): Promise<Actor> {
  const user = await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadActor(deps, user.id);
  if (!actor) throw new Error(`no actor ${username}`);
  return actor;
}

const DEFAULT_AGENDA: NonNullable<HeldMeetingOptions['agenda']> = [
  {
    title: '地面停车位不足',
    notes: '业主反映晚间停车难，消防通道常被占用。\n\n物业提出在东侧空地划线增加 24 个车位。',
    outcome: 'agreed',
    agreedParties: ['community', 'department', 'owners_committee', 'property_manager'],
    note: '物业两周内完成划线，业委会监督。',
  },
  { title: '使用维修资金更换 2 栋电梯', notes: '电梯使用已满 15 年，多次困人。', outcome: 'owners_vote' },
];

/** What a held meeting of each kind has when the options do not say: its convener, title and record. */
const KIND_DEFAULTS: Record<
  MeetingKind,
  {
    convener: string;
    title: string;
    agenda: NonNullable<HeldMeetingOptions['agenda']>;
    vote: HeldMeetingOptions['vote'];
    actionItems: NonNullable<HeldMeetingOptions['actionItems']>;
    /** Where its action items come from. */
    actionItemSource: 'council_outcome' | 'evening_question';
  }
> = {
  four_party: {
    convener: 'zhanzhang',
    title: '停车与电梯问题协商',
    agenda: DEFAULT_AGENDA,
    vote: {
      title: '使用维修资金更换 2 栋电梯',
      passed: true,
      summary: '参与表决面积 80.21% ≥ 2/3，人数 78.33% ≥ 2/3；同意面积 91.05% ≥ 3/4，人数 90.43% ≥ 3/4：通过。',
    },
    actionItems: [
      { title: '东侧空地划线增加车位', responsibleUnit: 'property_manager', signOff: { afterDays: 5, rating: 'satisfied' } },
      { title: '协调供水公司检修二次供水设施', responsibleUnit: 'department:区住房和城乡建设局' },
    ],
    actionItemSource: 'council_outcome',
  },
  evening_talk: { convener: 'shequ', title: '11月居民夜谈', agenda: [], vote: undefined, actionItems: [], actionItemSource: 'evening_question' },
  owners_committee: { convener: 'yeweihui', title: '业委会例会', agenda: [], vote: undefined, actionItems: [], actionItemSource: 'council_outcome' },
};

export async function insertHeldMeeting(
  deps: Deps,
  options: HeldMeetingOptions,
): Promise<{ meetingId: string; agendaItemIds: string[]; actionItemIds: string[] }> {
  const { db } = deps;
  const compound = await db
    .selectFrom('compounds')
    .select(['id'])
    .where('code', '=', options.compoundCode ?? 'DSCT')
    .executeTakeFirstOrThrow();
  const kind = options.kind ?? 'four_party';
  const defaults = KIND_DEFAULTS[kind];
  const convener = await actorOf(deps, defaults.convener);
  const starts = options.startsAt;
  const iso = (offsetMinutes: number) => new Date(starts.getTime() + offsetMinutes * 60_000).toISOString();
  const meetingId = newId();
  await db
    .insertInto('meetings')
    .values({
      id: meetingId,
      compound_id: compound.id,
      kind,
      title: options.title ?? defaults.title,
      starts_at: (options.scheduledFor ?? starts).toISOString(),
      duration_minutes: 120,
      place: '都市春天服务站二楼会议室',
      status: 'closed',
      convener_user_id: convener.userId,
      agenda_frozen_at: iso(0),
      scheduled_at: iso(-7 * 24 * 60),
      started_at: iso(0),
      closed_at: iso(110),
      hall_agenda_item_id: null,
      hall_question_id: null,
      created_at: iso(-8 * 24 * 60),
      updated_at: iso(110),
    })
    .execute();

  const reps = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['users.id', 'users.display_name', 'role_assignments.party', 'role_assignments.organisation'])
    .where('role_assignments.role', '=', 'party_rep')
    .where('role_assignments.scope_id', '=', compound.id)
    .execute();
  for (const rep of reps) {
    await db
      .insertInto('meeting_attendance')
      .values({
        id: newId(),
        meeting_id: meetingId,
        user_id: rep.id,
        name: rep.display_name,
        party: rep.party,
        organisation: rep.organisation ?? '',
        invited: 1,
        signed_in_at: iso(-5),
        signed_in_by: convener.userId,
        created_at: iso(-60),
      })
      .execute();
  }
  // Invited but absent: must not appear among those present.
  await db
    .insertInto('meeting_attendance')
    .values({
      id: newId(),
      meeting_id: meetingId,
      user_id: null,
      name: '缺席代表',
      party: 'department',
      organisation: '区供水公司',
      invited: 1,
      signed_in_at: null,
      signed_in_by: null,
      created_at: iso(-60),
    })
    .execute();

  const agendaItemIds: string[] = [];
  for (const [index, item] of (options.agenda ?? defaults.agenda).entries()) {
    const id = newId();
    agendaItemIds.push(id);
    await db
      .insertInto('meeting_agenda_items')
      .values({
        id,
        meeting_id: meetingId,
        doc_item_id: `doc-${index}`,
        position: index + 1,
        title: item.title,
        party: '',
        minutes: 20,
        notes: item.notes,
        links: '[]',
        outcome: item.outcome,
        agreed_parties: JSON.stringify(item.agreedParties ?? []),
        outcome_note: item.note ?? '',
        outcome_recorded_by: convener.userId,
        outcome_recorded_at: iso(60),
        action_item_id: null,
        frozen_at: iso(0),
      })
      .execute();
  }

  for (const [index, q] of (options.questions ?? []).entries()) {
    await db
      .insertInto('meeting_questions')
      .values({
        id: newId(),
        meeting_id: meetingId,
        compound_id: compound.id,
        number: index + 1,
        status: q.status,
        asked_by_user_id: null,
        asker_name: null,
        anonymous: 0,
        recorded_by_user_id: convener.userId,
        building_id: null,
        category: 'other',
        text: q.text,
        answer: q.answer ?? null,
        answered_by: null,
        answered_by_name: q.answeredBy ?? null,
        measures: null,
        merged_into_id: null,
        action_item_id: null,
        handled_at: q.status === 'raised' ? null : iso(30),
        created_at: iso(10),
      })
      .execute();
  }

  const vote = options.vote === undefined ? defaults.vote : options.vote;
  if (vote && agendaItemIds[1]) {
    const result = {
      passed: vote.passed,
      checks: [{ key: 'participation_area', ok: true }],
      summary: { 'zh-CN': vote.summary, en: vote.summary },
    };
    await db
      .insertInto('votes')
      .values({
        id: newId(),
        compound_id: compound.id,
        building_id: null,
        statutory: 0,
        title: vote.title,
        description: '',
        kind: 'yes_no',
        electorate_kind: 'owners',
        options_json: '[]',
        max_choices: 1,
        rule_json: '{"kind":"art278","matter":5}',
        secret: 1,
        status: 'closed',
        opens_at: iso(24 * 60),
        closes_at: iso(2 * 24 * 60),
        opened_at: iso(24 * 60),
        closed_at: iso(2 * 24 * 60),
        closed_by_user_id: null,
        source_kind: 'agenda_item',
        source_id: agendaItemIds[1],
        result_json: JSON.stringify(result),
        created_by_user_id: convener.userId,
        created_at: iso(120),
        updated_at: iso(2 * 24 * 60),
      })
      .execute();
  }

  const actionItemIds: string[] = [];
  const at = (time: number): Deps => ({ ...deps, clock: () => new Date(time) });
  const staff = await actorOf(deps, 'zhanzhang');
  const wuye = await actorOf(deps, 'wuye');
  const owner = await actorOf(deps, 'yezhu');
  const items = options.actionItems ?? defaults.actionItems;
  for (const item of items) {
    const created = await db.transaction().execute((trx) =>
      createActionItem(trx, at(starts.getTime() + 115 * 60_000), {
        compoundId: compound.id,
        title: item.title,
        description: '',
        source: { kind: defaults.actionItemSource, id: newId(), meetingId },
        responsibleUnit: item.responsibleUnit,
        createdByUserId: staff.userId,
      }),
    );
    actionItemIds.push(created.id);
    if (item.signOff) {
      const done = starts.getTime() + item.signOff.afterDays * DAY;
      await resolveActionItem(at(done - 3_600_000), created.id, wuye, { evidence: '已完成，附现场照片', photos: [] });
      await signOffActionItem(at(done), created.id, staff, { resolution: '经现场核验已完成' });
      if (item.signOff.rating) await rateActionItem(at(done + 3_600_000), created.id, owner, { rating: item.signOff.rating, comment: '' });
    }
  }
  return { meetingId, agendaItemIds, actionItemIds };
}
