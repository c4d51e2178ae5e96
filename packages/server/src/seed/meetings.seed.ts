/**
 * Demo meetings in 都市春天小区 so the product looks lived-in on first start: a closed four-party
 * council with attendance and outcomes, two closed evening talks (one with the reported 35 questions,
 * 30 answered on the spot and 5 on the question list), a four-party council scheduled next week with
 * a live agenda document, and an evening talk taking questions. Times are relative to "now". Each is
 * held through the services a user's actions go through (created, announced, signed in, started,
 * its outcomes and questions recorded, closed), each step at its own time in the past.
 */
import { DEFAULT_DEADLINE_WORKDAYS, agendaDocumentName, meetingKind, type MeetingKind, type OutcomeKind, type Party, type QuestionCategory } from '@yishi/core';
import * as Y from 'yjs';
import { storeNewDocument } from '../collab/persistence.js';
import { newId } from '../db/ids.js';
import { insertQuestion, listBuildingsOfCompound } from '../db/repositories/meetings.repository.js';
import { listCompounds, type Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { answerQuestion, listQuestionForFollowUp, mergeQuestion, submitQuestion } from '../services/evening-talk.service.js';
import { recordOutcome } from '../services/meeting-outcomes.service.js';
import { createMeeting, signIn, transitionMeeting } from '../services/meetings.service.js';
import type { SeedTimeline } from './timeline.js';
import { demoActors } from './demo-actors.js';

const DAY = 86_400_000;

interface SeedItem {
  title: string;
  party: Party | '';
  minutes: number;
  notes: string;
  outcome?: { kind: OutcomeKind; parties?: Party[]; note: string; responsibleUnit?: string };
}

/** A calendar day relative to today at a Beijing wall-clock hour (UTC+8, no daylight saving). */
function dayAt(now: Date, days: number, beijingHour: number, minute = 0): Date {
  const d = new Date(now.getTime() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), beijingHour - 8, minute));
}

/** The agenda document as the live editor writes it. */
function agendaDoc(items: SeedItem[]): Y.Doc {
  const doc = new Y.Doc();
  const array = doc.getArray<Y.Map<unknown>>('items');
  items.forEach((item, index) => {
    const map = new Y.Map<unknown>();
    map.set('id', newId());
    map.set('title', new Y.Text(item.title));
    map.set('party', item.party);
    map.set('minutes', item.minutes);
    map.set('order', index + 1);
    map.set('notes', new Y.Text(item.notes));
    map.set('links', new Y.Array<string>());
    array.push([map]);
  });
  return doc;
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
 * The meetings, as their convener and recorders hold them (the services a user's actions go through,
 * each at its own time): the ones to come written at once, the past ones added to `timeline` (their
 * outcomes and question lists become action items on the ledger, in time order with the items' own steps).
 */
export async function seedMeetings(deps: Deps, timeline: SeedTimeline): Promise<void> {
  const compound = (await listCompounds(deps.db)).find((c) => c.code === 'DSCT');
  if (!compound) return;
  const who = await demoActors(deps, ['jiedao', 'zhanzhang', 'shequ', 'jumin', 'yezhu'] as const);
  const buildings = await listBuildingsOfCompound(deps.db, compound.id);
  const now = deps.clock();
  const at = (when: Date | number): Deps => ({ ...deps, clock: () => new Date(when) });
  const minutesAfter = (start: Date, minutes: number) => start.getTime() + minutes * 60_000;

  /** Created ten days ahead by its convener, its agenda written as the live editor writes it, and its notice out. */
  const announced = async (kind: MeetingKind, title: string, startsAt: Date, place: string, convener: 'jiedao' | 'shequ', items: SeedItem[]) => {
    const noticeAt = Math.min(startsAt.getTime() - 10 * DAY, now.getTime());
    const { meeting, attendance } = await createMeeting(at(noticeAt), who(convener), compound.id, {
      kind,
      title,
      startsAt: startsAt.toISOString(),
      durationMinutes: meetingKind(kind).defaultDurationMinutes,
      place,
    });
    if (items.length > 0) {
      const doc = agendaDoc(items);
      await storeNewDocument(deps.db, agendaDocumentName(meeting.id), doc, new Date(noticeAt));
      doc.destroy();
    }
    await transitionMeeting(at(noticeAt + 30 * 60_000), who(convener), meeting.id, 'schedule');
    return { id: meeting.id, attendance };
  };

  /** A four-party council held on `startsAt`: every party signed in by the station chief at the door, its outcomes recorded. */
  const council = async (title: string, startsAt: Date, items: SeedItem[]) => {
    const held = await announced('four_party', title, startsAt, '都市春天党群服务站二楼会议室', 'jiedao', items);
    for (const [i, row] of held.attendance.entries()) await signIn(at(minutesAfter(startsAt, i - 15)), who('zhanzhang'), held.id, row.id, true);
    const started = await transitionMeeting(at(startsAt), who('jiedao'), held.id, 'start');
    let minute = 0;
    for (const [i, item] of started.agendaItems.entries()) {
      const outcome = items[i]?.outcome;
      minute += items[i]?.minutes ?? 0;
      if (!outcome) continue;
      await recordOutcome(at(minutesAfter(startsAt, minute)), who('jiedao'), held.id, item.id, {
        outcome: outcome.kind,
        agreedParties: outcome.parties ?? [],
        agreedMembers: [],
        note: outcome.note,
        ...(outcome.responsibleUnit ? { responsibleUnit: outcome.responsibleUnit } : {}),
      });
    }
    await transitionMeeting(at(minutesAfter(startsAt, 120)), who('jiedao'), held.id, 'close');
  };
  const councils: Array<[string, Date, SeedItem[]]> = [
    // Two councils months ago, so the dashboard has a history (the minutes seed publishes the first one's a day late).
    [
      '小区消防通道整治议事会',
      dayAt(now, -98, 14, 30),
      [
        {
          title: '消防通道被私家车占用',
          party: 'community',
          minutes: 30,
          notes: '夜间消防通道常被占用，消防车无法通行。',
          outcome: { kind: 'agreed', parties: ['community', 'department', 'owners_committee', 'property_manager'], note: '物业施划禁停标线，城管定期巡查。' },
        },
        {
          title: '楼道堆放杂物',
          party: 'property_manager',
          minutes: 30,
          notes: '多栋楼道堆放纸箱、旧家具。',
          outcome: { kind: 'agreed', parties: ['community', 'owners_committee', 'property_manager'], note: '社区会同物业逐楼清理，楼栋长入户劝导。' },
        },
      ],
    ],
    [
      '二次供水设施改造议事会',
      dayAt(now, -70, 14, 30),
      [
        {
          title: '高层水压不足',
          party: 'department',
          minutes: 30,
          notes: '3栋高层业主反映早晚用水高峰水压低。',
          outcome: { kind: 'deferred', note: '待供水公司完成压力检测后再议。' },
        },
        {
          title: '水箱清洗公示',
          party: 'owners_committee',
          minutes: 20,
          notes: '业主要求公开水箱清洗记录。',
          outcome: { kind: 'agreed', parties: ['community', 'owners_committee', 'property_manager'], note: '物业每季度在公示栏张贴清洗及水质检测报告。' },
        },
      ],
    ],
    // Six weeks ago, three outcomes: one agreed, one for the owners to decide, one an action item.
    [
      '地下车库停车难专题议事会',
      dayAt(now, -42, 14, 30),
      [
        {
          title: '地下车库外来车辆占位',
          party: 'property_manager',
          minutes: 30,
          notes: '物业通报夜间占位情况；业委会提出错峰停车方案。',
          outcome: { kind: 'agreed', parties: ['community', 'owners_committee', 'property_manager'], note: '11月起外来车辆夜间不得入库，物业加装车牌识别。' },
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
          outcome: { kind: 'action_items', note: '城管局牵头两周内修复东门及主干道路灯。', responsibleUnit: 'department:区城市管理局' },
        },
      ],
    ],
  ];
  for (const [title, startsAt, items] of councils) timeline.add(startsAt, () => council(title, startsAt, items));

  // Evening talks: the first three weeks ago with the reported 35 questions (30 answered on the spot, 5 on
  // the list), the second smaller. Two residents ask themselves; the community worker records the rest.
  const talk = async (title: string, startsAt: Date, answered: number, listed: number, merged: number) => {
    const { id } = await announced('evening_talk', title, startsAt, '都市春天小区中心广场', 'shequ', []);
    await transitionMeeting(at(startsAt), who('shequ'), id, 'start');
    const total = answered + listed + merged;
    let firstId: string | null = null;
    for (let n = 1; n <= total; n++) {
      const [category, text] = QUESTIONS[(n - 1) % QUESTIONS.length]!;
      const building = buildings[(n - 1) % buildings.length];
      const asker = n === 1 ? who('jumin') : n === 2 ? who('yezhu') : who('shequ');
      const anonymous = n > 2 && n % 3 === 0;
      const asked = await submitQuestion(at(minutesAfter(startsAt, n)), asker, id, {
        text: n > QUESTIONS.length ? `${text}（${building?.name ?? ''}栋再次反映）` : text,
        category,
        buildingId: building?.id ?? null,
        anonymous,
        ...(n > 2 && !anonymous ? { askerName: `${building?.name ?? '1'}栋居民` } : {}),
      });
      firstId ??= asked.id;
      const handledAt = at(minutesAfter(startsAt, n + 0.5));
      if (n <= answered) {
        await answerQuestion(handledAt, who('shequ'), id, asked.id, {
          answer: '责任单位本周内处理，结果在公示栏公布。',
          answeredByName: ANSWERERS[n % ANSWERERS.length]!,
        });
      } else if (n <= answered + listed) {
        await listQuestionForFollowUp(handledAt, who('shequ'), id, asked.id, {
          measures: '物业会同社区五个工作日内整改并回复居民',
          responsibleUnit: 'property_manager',
          deadlineWorkdays: DEFAULT_DEADLINE_WORKDAYS,
        });
      } else {
        await mergeQuestion(handledAt, who('shequ'), id, asked.id, firstId);
      }
    }
    await transitionMeeting(at(minutesAfter(startsAt, 120)), who('shequ'), id, 'close');
  };
  for (const [title, startsAt, answered, listed, merged] of [
    ['围庐夜话·秋季第一场', dayAt(now, -21, 19), 30, 5, 0],
    ['围庐夜话·秋季第二场', dayAt(now, -9, 19), 6, 1, 1],
  ] as const) {
    timeline.add(startsAt, () => talk(title, startsAt, answered, listed, merged));
  }

  // Next week's council, agenda being drafted live; the four parties invited.
  await announced('four_party', '小区环境整治与加装电梯议事会', dayAt(now, 7, 14, 30), '都市春天党群服务站二楼会议室', 'jiedao', [
    { title: '老旧楼栋加装电梯意向摸底', party: 'community', minutes: 30, notes: '1栋、2栋已有业主联名申请。' },
    { title: '中心花园绿化补种', party: 'property_manager', minutes: 20, notes: '物业提供补种方案和报价。' },
    { title: '楼道堆物消防隐患清理', party: 'department', minutes: 20, notes: '' },
  ]);

  // An evening talk in five days, already taking questions: one from a resident, one left anonymous by an owner.
  const nextTalk = await announced('evening_talk', '围庐夜话·冬季第一场', dayAt(now, 5, 19), '都市春天小区中心广场', 'shequ', []);
  await submitQuestion(deps, who('jumin'), nextTalk.id, {
    text: '2栋单元门禁经常刷不开',
    category: 'facilities',
    buildingId: buildings[1]?.id ?? null,
    anonymous: false,
  });
  await submitQuestion(deps, who('yezhu'), nextTalk.id, {
    text: '冬季落叶清扫能不能勤一点',
    category: 'environment',
    buildingId: buildings[0]?.id ?? null,
    anonymous: true,
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
    answer_corrected_at: null,
    answer_corrected_by: null,
    measures: null,
    merged_into_id: null,
    action_item_id: null,
    handled_at: null,
    created_at: now.toISOString(),
  });
  return id;
}
