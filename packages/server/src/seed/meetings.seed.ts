/**
 * Demo meetings in 都市春天小区 so the product looks lived-in on first start: a closed four-party
 * council with attendance and outcomes, two closed evening talks (one with the reported 35 questions,
 * 30 answered on the spot and 5 on the question list), a four-party council scheduled next week with
 * a live agenda document, and an evening talk taking questions. Times are relative to "now".
 */
import { agendaDocumentName, meetingKind, type MeetingKind, type OutcomeKind, type Party, type QuestionCategory } from '@yishi/core';
import * as Y from 'yjs';
import { storeNewDocument } from '../collab/persistence.js';
import { newId } from '../db/ids.js';
import {
  insertAgendaItem,
  insertAttendance,
  insertMeeting,
  insertQuestion,
  listBuildingsOfCompound,
  listPartyReps,
} from '../db/repositories/meetings.repository.js';
import { listCompounds, type Db } from '../db/repositories/places.repository.js';
import { findUserByLogin } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';
import { createActionItem } from '../services/action-items.service.js';
import type { SeedTimeline } from './timeline.js';

const DAY = 86_400_000;

interface SeedItem {
  title: string;
  party: Party | '';
  minutes: number;
  notes: string;
  outcome?: { kind: OutcomeKind; parties?: Party[]; note: string };
}

/** A calendar day relative to today at a Beijing wall-clock hour (UTC+8, no daylight saving). */
function dayAt(now: Date, days: number, beijingHour: number, minute = 0): Date {
  const d = new Date(now.getTime() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), beijingHour - 8, minute));
}

function agendaDoc(items: SeedItem[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const ids: string[] = [];
  const array = doc.getArray<Y.Map<unknown>>('items');
  items.forEach((item, index) => {
    const id = newId();
    ids.push(id);
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('title', new Y.Text(item.title));
    map.set('party', item.party);
    map.set('minutes', item.minutes);
    map.set('order', index + 1);
    map.set('notes', new Y.Text(item.notes));
    map.set('links', new Y.Array<string>());
    array.push([map]);
  });
  return { doc, ids };
}

const QUESTIONS: Array<[QuestionCategory, string]> = [
  ['parking', '晚上回来地下车库没有车位，外来车辆占位怎么管？'],
  ['facilities', '2栋电梯最近经常停，什么时候能彻底修好？'],
  ['environment', '垃圾分类投放点离3栋太远，老人倒垃圾不方便'],
  ['safety', '楼道里堆放杂物和电动车，有消防隐患'],
  ['facilities', '小区东门路灯坏了一个多月，晚上很黑'],
  ['property_service', '物业费公示什么时候更新？想看看钱花在哪里'],
  ['environment', '中心花园的绿化被踩坏了，能不能补种'],
  ['parking', '电动车充电桩太少，排队充电到半夜'],
  ['neighbourhood', '楼上装修噪音太大，周末一早就开始'],
  ['facilities', '1栋楼顶漏水，六楼墙面发霉'],
  ['safety', '北门门禁坏了，谁都能进来'],
  ['property_service', '保洁只扫主路，单元门口没人打扫'],
];
const ANSWERERS = ['物业 吴涛', '社区 张敏', '区住建局 黄伟', '区城管局 林峰', '业委会 郑国华'];

/**
 * Writes the meetings to come at once, and adds the past ones to `timeline` (they list action items,
 * which go on the ledger: they run with the action items' own steps, in time order).
 */
export async function seedMeetings(deps: Deps, timeline: SeedTimeline): Promise<void> {
  const compound = (await listCompounds(deps.db)).find((c) => c.code === 'DSCT');
  if (!compound) return;
  const users = new Map<string, string>();
  for (const name of ['jiedao', 'zhanzhang', 'shequ', 'jumin', 'yezhu']) {
    const found = await findUserByLogin(deps.db, name);
    if (found) users.set(name, found.id);
  }
  const user = (name: string) => {
    const id = users.get(name);
    if (!id) throw new Error(`seed: no demo account ${name}`);
    return id;
  };
  const buildings = await listBuildingsOfCompound(deps.db, compound.id);
  const now = deps.clock();
  const at = (when: Date): Deps => ({ ...deps, clock: () => when });

  const reps = await listPartyReps(deps.db, compound.id);
  /** Each meeting written in a transaction of its own. */
  const inTransaction = (write: (trx: Db) => Promise<unknown>) => deps.db.transaction().execute(write);

  const meeting = async (trx: Db, kind: MeetingKind, title: string, startsAt: Date, place: string, status: 'scheduled' | 'closed', convener: string) => {
    const id = newId();
    const iso = startsAt.toISOString();
    const created = new Date(startsAt.getTime() - 10 * DAY).toISOString();
    const closed = status === 'closed';
    await insertMeeting(trx, {
      id,
      compound_id: compound.id,
      kind,
      title,
      starts_at: iso,
      duration_minutes: meetingKind(kind).defaultDurationMinutes,
      place,
      status,
      convener_user_id: user(convener),
      agenda_frozen_at: closed ? iso : null,
      scheduled_at: created,
      started_at: closed ? iso : null,
      closed_at: closed ? new Date(startsAt.getTime() + 2 * 3_600_000).toISOString() : null,
      hall_agenda_item_id: null,
      hall_question_id: null,
      created_at: created,
      updated_at: closed ? new Date(startsAt.getTime() + 2 * 3_600_000).toISOString() : created,
    });
    return id;
  };

  const attendance = async (trx: Db, meetingId: string, signedInAt: Date | null) => {
    for (const rep of reps) {
      await insertAttendance(trx, {
        id: newId(),
        meeting_id: meetingId,
        user_id: rep.userId,
        name: rep.name,
        party: rep.party,
        organisation: rep.organisation ?? '',
        invited: 1,
        signed_in_at: signedInAt?.toISOString() ?? null,
        signed_in_by: signedInAt ? user('zhanzhang') : null,
        created_at: now.toISOString(),
      });
    }
  };

  const agenda = async (trx: Db, meetingId: string, items: SeedItem[], frozenAt: Date | null) => {
    const { doc, ids } = agendaDoc(items);
    await storeNewDocument(trx, agendaDocumentName(meetingId), doc, now);
    doc.destroy();
    if (!frozenAt) return;
    for (const [index, item] of items.entries()) {
      const rowId = newId();
      let actionItemId: string | null = null;
      if (item.outcome?.kind === 'action_items') {
        const created = await createActionItem(trx, at(frozenAt), {
          compoundId: compound.id,
          title: item.title,
          description: item.outcome.note,
          source: { kind: 'council_outcome', id: rowId, meetingId },
          responsibleUnit: item.party === 'department' ? '区城市管理局' : '物业',
          createdByUserId: user('jiedao'),
        });
        actionItemId = created.id;
      }
      await insertAgendaItem(trx, {
        id: rowId,
        meeting_id: meetingId,
        doc_item_id: ids[index]!,
        position: index + 1,
        title: item.title,
        party: item.party,
        minutes: item.minutes,
        notes: item.notes,
        links: '[]',
        outcome: item.outcome?.kind ?? null,
        agreed_parties: JSON.stringify(item.outcome?.parties ?? []),
        outcome_note: item.outcome?.note ?? '',
        outcome_recorded_by: item.outcome ? user('jiedao') : null,
        outcome_recorded_at: item.outcome ? frozenAt.toISOString() : null,
        action_item_id: actionItemId,
        frozen_at: frozenAt.toISOString(),
      });
    }
  };

  // A council six weeks ago: all four parties present, three outcomes.
  const councilAt = dayAt(now, -42, 14, 30);
  timeline.add(councilAt, () =>
    inTransaction(async (trx) => {
      const pastCouncil = await meeting(trx, 'four_party', '地下车库停车难专题议事会', councilAt, '都市春天党群服务站二楼会议室', 'closed', 'jiedao');
      await attendance(trx, pastCouncil, councilAt);
      await agenda(
        trx,
        pastCouncil,
        [
          {
            title: '地下车库外来车辆占位',
            party: 'property_manager',
            minutes: 30,
            notes: '物业通报夜间占位情况；业委会提出错峰停车方案。',
            outcome: {
              kind: 'agreed',
              parties: ['community', 'owners_committee', 'property_manager'],
              note: '11月起外来车辆夜间不得入库，物业加装车牌识别。',
            },
          },
          {
            title: '增设电动车充电桩',
            party: 'owners_committee',
            minutes: 25,
            notes: '需动用专项维修资金，费用约 12 万元。',
            outcome: { kind: 'owners_vote', note: '使用维修资金属共同决定事项，提交业主表决。' },
          },
          {
            title: '东门路灯与道路照明',
            party: 'department',
            minutes: 20,
            notes: '城管局核实线路归属。',
            outcome: { kind: 'action_items', note: '城管局牵头两周内修复东门及主干道路灯。' },
          },
        ],
        councilAt,
      );
    }),
  );

  // An evening talk three weeks ago: 35 questions, 30 answered on the spot, 5 on the list.
  const talk = async (trx: Db, title: string, startsAt: Date, answered: number, listed: number, merged: number) => {
    const meetingId = await meeting(trx, 'evening_talk', title, startsAt, '都市春天小区中心广场', 'closed', 'shequ');
    const total = answered + listed + merged;
    let firstId: string | null = null;
    for (let n = 1; n <= total; n++) {
      const [category, text] = QUESTIONS[(n - 1) % QUESTIONS.length]!;
      const building = buildings[(n - 1) % buildings.length];
      const id = newId();
      firstId ??= id;
      const status = n <= answered ? 'answered' : n <= answered + listed ? 'listed' : 'merged';
      const when = new Date(startsAt.getTime() + n * 60_000);
      let actionItemId: string | null = null;
      if (status === 'listed') {
        const created = await createActionItem(trx, at(when), {
          compoundId: compound.id,
          title: text.length > 40 ? `${text.slice(0, 40)}…` : text,
          description: text,
          source: { kind: 'evening_question', id, meetingId },
          responsibleUnit: 'property_manager',
          createdByUserId: user('shequ'),
          measures: '物业会同社区五个工作日内整改并回复居民',
        });
        actionItemId = created.id;
      }
      await insertQuestion(trx, {
        id,
        meeting_id: meetingId,
        compound_id: compound.id,
        number: n,
        status,
        asked_by_user_id: n === 1 ? user('jumin') : n === 2 ? user('yezhu') : null,
        asker_name: n > 2 && n % 3 !== 0 ? `${building?.name ?? '1'}栋居民` : null,
        anonymous: n > 2 && n % 3 === 0 ? 1 : 0,
        recorded_by_user_id: n > 2 ? user('shequ') : null,
        building_id: building?.id ?? null,
        category,
        text: n > QUESTIONS.length ? `${text}（${building?.name ?? ''}栋再次反映）` : text,
        answer: status === 'answered' ? '责任单位本周内处理，结果在公示栏公布。' : null,
        answered_by: status === 'answered' ? user('shequ') : null,
        answered_by_name: status === 'answered' ? ANSWERERS[n % ANSWERERS.length]! : null,
        measures: status === 'listed' ? '物业会同社区五个工作日内整改并回复居民' : null,
        merged_into_id: status === 'merged' ? firstId : null,
        action_item_id: actionItemId,
        handled_at: when.toISOString(),
        created_at: when.toISOString(),
      });
    }
    return meetingId;
  };
  for (const [title, startsAt, answered, listed, merged] of [
    ['围庐夜话·秋季第一场', dayAt(now, -21, 19), 30, 5, 0],
    ['围庐夜话·秋季第二场', dayAt(now, -9, 19), 6, 1, 1],
  ] as const) {
    timeline.add(startsAt, () => inTransaction((trx) => talk(trx, title, startsAt, answered, listed, merged)));
  }

  // Next week's council, agenda being drafted live; the four parties invited.
  await inTransaction(async (trx) => {
    const nextCouncil = await meeting(
      trx,
      'four_party',
      '小区环境整治与加装电梯议事会',
      dayAt(now, 7, 14, 30),
      '都市春天党群服务站二楼会议室',
      'scheduled',
      'jiedao',
    );
    await attendance(trx, nextCouncil, null);
    await agenda(
      trx,
      nextCouncil,
      [
        { title: '老旧楼栋加装电梯意向摸底', party: 'community', minutes: 30, notes: '1栋、2栋已有业主联名申请。' },
        { title: '中心花园绿化补种', party: 'property_manager', minutes: 20, notes: '物业提供补种方案和报价。' },
        { title: '楼道堆物消防隐患清理', party: 'department', minutes: 20, notes: '' },
      ],
      null,
    );

    // An evening talk in five days, already taking questions.
    const nextTalk = await meeting(trx, 'evening_talk', '围庐夜话·冬季第一场', dayAt(now, 5, 19), '都市春天小区中心广场', 'scheduled', 'shequ');
    await seedOpenQuestion(trx, nextTalk, compound.id, 1, user('jumin'), buildings[1]?.id ?? null, 'facilities', '2栋单元门禁经常刷不开', now);
    await seedOpenQuestion(trx, nextTalk, compound.id, 2, null, buildings[0]?.id ?? null, 'environment', '冬季落叶清扫能不能勤一点', now);
  });
}

/** A question raised at a meeting and not yet handled; answers its id (the big-compound generator lists many). */
export async function seedOpenQuestion(
  trx: Db,
  meetingId: string,
  compoundId: string,
  number: number,
  askedBy: string | null,
  buildingId: string | null,
  category: QuestionCategory,
  text: string,
  now: Date,
): Promise<string> {
  const id = newId();
  await insertQuestion(trx, {
    id,
    meeting_id: meetingId,
    compound_id: compoundId,
    number,
    status: 'raised',
    asked_by_user_id: askedBy,
    asker_name: null,
    anonymous: askedBy ? 0 : 1,
    recorded_by_user_id: null,
    building_id: buildingId,
    category,
    text,
    answer: null,
    answered_by: null,
    answered_by_name: null,
    measures: null,
    merged_into_id: null,
    action_item_id: null,
    handled_at: null,
    created_at: now.toISOString(),
  });
  return id;
}
