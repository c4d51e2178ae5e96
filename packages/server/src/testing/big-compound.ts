/**
 * A synthetic large compound for scale tests and benchmarks (issue 18): 万家花园 (code WJHY) in the
 * demo's community, with `units` flats (big-roster.ts: 100 to a building), `actionItems` action items
 * over the past three years with their ledger — about 80 % signed off with gapless numbers, 10 %
 * resolved awaiting sign-off, 10 % open (overdue unless listed in the last days) — the evening
 * talks whose questions became some of them, an owner (13500000000, password yishi2026, login wjhy_owner) who reported many concerns, and an
 * owners'-assembly vote on the whole roll, open now. Notifications are the ones the services enqueue
 * on the way (the sign-offs' rating invitations, the vote's notice).
 *
 * It goes through the product's services: roster import, compound, account activation, votes, and
 * for every item createActionItem / resolveInTransaction / signOffInTransaction with their ledger
 * entries. The one bulk path: those item steps run a few hundred to a transaction (the routes run
 * one per request), and the meetings and their questions are written through the repositories, as
 * the demo seed does — the meeting services need a live meeting and a recorder per question.
 *
 * Deterministic (a fixed pseudo-random sequence) apart from ids and the time it is run at.
 */
import { DomainError, meetingKind, QUESTION_CATEGORIES, type Triage } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { lockSignOffTallies } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import { insertMeeting, updateQuestion } from '../db/repositories/meetings.repository.js';
import { findCompoundByCode } from '../db/repositories/place-tree.repository.js';
import { listCompounds } from '../db/repositories/places.repository.js';
import { findUserByLogin } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';
import { createActionItem, resolveInTransaction } from '../services/action-items.service.js';
import { signOffInTransaction } from '../services/action-item-sign-off.service.js';
import { activateAccount, issueCodeForPerson } from '../services/activation.service.js';
import { setUsername } from '../services/account.service.js';
import { loadActor, logout } from '../services/auth.service.js';
import { createCompound } from '../services/places.service.js';
import { importRoster } from '../services/roster.service.js';
import { announceVote } from '../services/vote-timeline.service.js';
import { createVote, openVote } from '../services/votes.service.js';
import { seedOpenQuestion } from '../seed/meetings.seed.js';
import { bigRoster } from './big-roster.js';
import { unitIdOf } from './units.js';

export const BIG_COMPOUND_CODE = 'WJHY';
export const BIG_COMPOUND_OWNER = { login: 'wjhy_owner', phone: '13500000000', password: 'yishi2026' };

export interface BigCompoundOptions {
  units: number;
  actionItems: number;
  /** Items per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BigCompound {
  compoundId: string;
  voteId: string;
  ownerUserId: string;
  counts: { units: number; actionItems: number; signedOff: number; questions: number; ownerConcerns: number };
}

const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
/** Items listed at the very same instant, so paging meets equal sort keys. */
const SAME_INSTANT = 4;
const QUESTIONS_PER_TALK = 20;
const QUESTION_SHARE = 0.05;
/** Every n-th concern is the big owner's. */
const OWNER_EVERY = 60;
const UNITS = ['community', 'owners_committee', 'property_manager', 'grid'];
const TITLES = [
  '楼道灯不亮',
  '电梯异响',
  '地下车库积水',
  '单元门禁失灵',
  '绿化带缺水',
  '垃圾分类点异味',
  '消防通道被占',
  '外墙渗水',
  '健身器材损坏',
  '井盖松动',
];

function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function actorNamed(deps: Deps, login: string): Promise<Actor> {
  const user = await findUserByLogin(deps.db, login);
  const actor = user ? await loadActor(deps, user.id) : null;
  if (!actor) throw new Error(`generate-compound needs the demo account ${login}: seed the demo first`);
  return actor;
}

/** Generates the compound into a database that holds the demo (seedDemoIfEmpty); refuses if it is there already. */
export async function generateBigCompound(deps: Deps, options: BigCompoundOptions): Promise<BigCompound> {
  if (await findCompoundByCode(deps.db, BIG_COMPOUND_CODE)) throw new DomainError('compound_code_taken', { code: BIG_COMPOUND_CODE, name: '万家花园' });
  const demo = (await listCompounds(deps.db)).find((c) => c.code === 'DSCT');
  if (!demo) throw new Error('generate-compound needs the demo neighbourhood: seed it first');
  const admin = await actorNamed(deps, 'jiedao');
  // The community's staff resolve the items and the subdistrict signs them off: never the same person (sign_off_by_resolver).
  const worker = await actorNamed(deps, 'shequ');
  const end = deps.clock().getTime();
  let now = new Date(end - SPAN_DAYS * DAY);
  const at: Deps = { ...deps, clock: () => now };

  const compound = await createCompound(at, demo.communityId, { name: '万家花园', code: BIG_COMPOUND_CODE, address: '宜阳路 88 号' });
  await importRoster(at, { compoundId: compound.id, userId: admin.userId, dryRun: false, csv: bigRoster(options.units) });
  const ownerUserId = await activateOwner(at, admin, compound.id);

  const random = sequence(18);
  const batch = options.batch ?? 400;
  const step = (SPAN_DAYS * DAY) / Math.max(1, options.actionItems / SAME_INSTANT);
  let meetingId: string | null = null;
  let questionNumber = QUESTIONS_PER_TALK;
  const counts = { units: options.units, actionItems: 0, signedOff: 0, questions: 0, ownerConcerns: 0 };
  // Sign-offs fall four days after listing: a queue in listing order is also in sign-off order.
  const pending: Array<{ item: Awaited<ReturnType<typeof createActionItem>>['item']; at: number; fate: number }> = [];

  const signOffDue = async (trx: Deps['db'], until: number) => {
    while (pending.length > 0 && pending[0]!.at <= until) {
      const next = pending.shift()!;
      now = new Date(next.at - DAY);
      await lockSignOffTallies(trx, next.item.id);
      const resolved = await resolveInTransaction(trx, at, next.item, worker, { evidence: '已处理完毕，现场照片存档。', photos: [] });
      if (next.fate < 0.8) {
        now = new Date(next.at);
        await signOffInTransaction(trx, at, resolved, admin, { resolution: '经四方现场查验，整改到位。' });
        counts.signedOff++;
      }
    }
  };

  for (let start = 0; start < options.actionItems; start += batch) {
    await deps.db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(options.actionItems, start + batch); i++) {
        const listedAt = end - SPAN_DAYS * DAY + Math.floor(i / SAME_INSTANT) * step;
        await signOffDue(trx, listedAt);
        now = new Date(listedAt);
        const r = random();
        const title = `${TITLES[i % TITLES.length]!}（${Math.floor(r * 100) + 1}栋）`;
        let source: { kind: 'evening_question' | 'concern' | 'proposal'; id: string; meetingId?: string };
        if (r < QUESTION_SHARE) {
          if (questionNumber >= QUESTIONS_PER_TALK) {
            meetingId = await eveningTalk(trx, compound.id, admin.userId, now);
            questionNumber = 0;
          }
          questionNumber++;
          const category = QUESTION_CATEGORIES[questionNumber % QUESTION_CATEGORIES.length]!;
          const questionId = await seedOpenQuestion(trx, meetingId!, compound.id, questionNumber, null, null, category, title, now);
          source = { kind: 'evening_question', id: questionId, meetingId: meetingId! };
          counts.questions++;
        } else {
          source = { kind: r < 0.9 ? 'concern' : 'proposal', id: newId() };
        }
        const byOwner = source.kind === 'concern' && i % OWNER_EVERY === 0;
        const triage: Triage | undefined = r > 0.97 ? 'red' : undefined;
        const created = await createActionItem(trx, at, {
          compoundId: compound.id,
          title,
          description: `${title}，请尽快处理。`,
          source,
          responsibleUnit: UNITS[i % UNITS.length]!,
          createdByUserId: byOwner ? ownerUserId : admin.userId,
          raisedByUserId: byOwner ? ownerUserId : null,
          triage,
          location: `${Math.floor(r * 100) + 1}栋`,
        });
        if (source.kind === 'evening_question')
          await updateQuestion(trx, source.id, { status: 'listed', action_item_id: created.id, handled_at: now.toISOString() });
        if (byOwner) counts.ownerConcerns++;
        counts.actionItems++;
        const fate = random();
        // 80 % signed off, 10 % resolved awaiting sign-off, the rest still open or in progress.
        if (fate < 0.9) pending.push({ item: created.item, at: listedAt + 4 * DAY, fate });
      }
      // Items whose sign-off day has come by the end stay in the queue and are handled on the last pass.
      if (start + batch >= options.actionItems) await signOffDue(trx, end);
    });
    options.onProgress?.(Math.min(options.actionItems, start + batch), options.actionItems);
  }

  now = new Date(end - 20 * DAY);
  const vote = await createVote(at, admin, compound.id, {
    title: '选举第二届业主委员会（全体业主）',
    description: '全体业主共同决定：选举业主委员会。',
    kind: 'yes_no',
    electorateKind: 'owners',
    buildingId: null,
    options: [],
    maxChoices: 1,
    secret: true,
    sourceKind: 'direct',
    sourceId: null,
    rule: { kind: 'art278', matter: 4 },
    opensAt: null,
    closesAt: new Date(end + 7 * DAY).toISOString(),
  });
  await announceVote(at, vote.id, admin);
  now = new Date(end - 2 * DAY);
  await openVote(at, vote.id);
  return { compoundId: compound.id, voteId: vote.id, ownerUserId, counts };
}

/** The station issues the first owner a code and they activate it, as at the service station. */
async function activateOwner(deps: Deps, admin: Actor, compoundId: string): Promise<string> {
  const unitId = await unitIdOf(deps.db, compoundId, '1-9-101');
  const person = await deps.db.selectFrom('persons').select('id').where('phone', '=', BIG_COMPOUND_OWNER.phone).executeTakeFirstOrThrow();
  const issued = await issueCodeForPerson(deps, admin, unitId, person.id);
  const session = await activateAccount(
    deps,
    { code: issued.code, consent: true, password: BIG_COMPOUND_OWNER.password },
    { ip: '127.0.0.1', userAgent: 'generate-compound' },
  );
  await logout(deps, session.token);
  const actor = (await loadActor(deps, session.userId))!;
  await setUsername(deps, actor, BIG_COMPOUND_OWNER.login);
  return session.userId;
}

async function eveningTalk(trx: Deps['db'], compoundId: string, convener: string, startsAt: Date): Promise<string> {
  const id = newId();
  const iso = startsAt.toISOString();
  const closedAt = new Date(startsAt.getTime() + 2 * 3_600_000).toISOString();
  await insertMeeting(trx, {
    id,
    compound_id: compoundId,
    kind: 'evening_talk',
    title: `夜话会（${iso.slice(0, 10)}）`,
    starts_at: iso,
    duration_minutes: meetingKind('evening_talk').defaultDurationMinutes,
    place: '小区党群服务站',
    status: 'closed',
    convener_user_id: convener,
    agenda_frozen_at: iso,
    scheduled_at: iso,
    started_at: iso,
    closed_at: closedAt,
    hall_agenda_item_id: null,
    hall_question_id: null,
    created_at: iso,
    updated_at: closedAt,
  });
  return id;
}
