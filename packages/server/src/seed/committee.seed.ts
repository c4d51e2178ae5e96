/**
 * Demo owners' committee (业委会) of 都市春天小区, after the other seeds: besides its chair 郑国华, four
 * owners from the roster are granted as members by the station chief, accept their invitations and
 * choose login names (weiyuan1 … weiyuan4);
 * then one committee meeting, through the services a member uses: created and its notice with the
 * agenda published eight days ahead, four of the five members signed in, two decisions (one passed by
 * 4 of 5, one not passed with 2 of 5 agreeing though both were a majority of those present), closed,
 * the minutes drafted the next morning, signed by each of the four in the app and published two days
 * after the meeting.
 */
import { agendaDocumentName } from '@yishi/core';
import * as Y from 'yjs';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { storeNewDocument } from '../collab/persistence.js';
import { newId } from '../db/ids.js';
import { findPersonByPhone } from '../db/repositories/accounts.repository.js';
import { findCompoundByCode } from '../db/repositories/place-tree.repository.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { setUsername } from '../services/account.service.js';
import { activateAccount } from '../services/activation.service.js';
import { loadActor, logout } from '../services/auth.service.js';
import { grantRole } from '../services/grants.service.js';
import { recordOutcome } from '../services/meeting-outcomes.service.js';
import { createMeeting, signIn, transitionMeeting } from '../services/meetings.service.js';
import { generateMinutes, publishMinutes, signMinutes } from '../services/minutes.service.js';
import { DEMO_PASSWORD } from './demo-foundation.seed.js';
import { demoActor } from './demo-actors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Roster owners of 都市春天 who sit on its owners' committee besides the chair (their roster phones). */
export const MEMBER_PHONES = ['13900000011', '13900000023', '13900000037', '13900000052'];
/** The demo login names they choose, in the same order. */
export const MEMBER_LOGINS = ['weiyuan1', 'weiyuan2', 'weiyuan3', 'weiyuan4'];

/** 19:30 China time, `days` from now. */
function eveningOf(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 11, 30));
}

/** The agenda document as the live editor writes it. */
function agendaDocument(items: Array<{ title: string; notes: string }>): Y.Doc {
  const doc = new Y.Doc();
  const array = doc.getArray<Y.Map<unknown>>('items');
  items.forEach((item, index) => {
    const map = new Y.Map<unknown>();
    map.set('id', newId());
    map.set('title', new Y.Text(item.title));
    map.set('party', 'owners_committee');
    map.set('minutes', 30);
    map.set('order', index + 1);
    map.set('notes', new Y.Text(item.notes));
    map.set('links', new Y.Array<string>());
    array.push([map]);
  });
  return doc;
}

export async function seedCommitteeMeetings(deps: Deps): Promise<void> {
  const compound = await findCompoundByCode(deps.db, 'DSCT');
  const chain = compound && ((await findCompoundChain(deps.db, compound.id)) as PlaceChain | undefined);
  if (!compound || !chain) return;
  const actorOf = (login: string) => demoActor(deps, login);
  const now = deps.clock();
  const at = (when: number): Deps => ({ ...deps, clock: () => new Date(when) });
  const chief = await actorOf('zhanzhang');
  const chair = await actorOf('yeweihui');

  // The members: granted by the station chief, each accepting the invitation.
  const members: Actor[] = [chair];
  for (const [i, phone] of MEMBER_PHONES.entries()) {
    const person = await findPersonByPhone(deps.db, phone);
    if (!person) throw new Error(`seed: no roster owner with phone ${phone}`);
    const granted = await grantRole(deps, chief, { kind: 'compound', id: compound.id }, chain, {
      name: person.name,
      phone,
      role: 'party_rep',
      party: 'owners_committee',
      organisation: '都市春天小区业主委员会',
      title: '业委会委员',
    });
    if (granted.invitation) {
      const session = await activateAccount(
        deps,
        { code: granted.invitation.code, consent: true, password: DEMO_PASSWORD },
        { ip: '127.0.0.1', userAgent: 'Yishi demo seed' },
      );
      await logout(deps, session.token);
    }
    const actor = await loadActor(deps, granted.grant.userId);
    if (!actor) throw new Error(`seed: member ${person.name} has no account`);
    await setUsername(deps, actor, MEMBER_LOGINS[i]!);
    members.push(actor);
  }

  // The meeting, 12 days ago in the evening; its notice with the agenda went out 8 days before.
  const held = eveningOf(now, -12);
  const noticeAt = held.getTime() - 8 * DAY;
  const created = await createMeeting(at(noticeAt - 2 * HOUR), chair, compound.id, {
    kind: 'owners_committee',
    title: '物业服务合同续签及大门改造',
    startsAt: held.toISOString(),
    durationMinutes: 90,
    place: '都市春天小区业委会办公室',
  });
  const meetingId = created.meeting.id;
  await storeNewDocument(
    deps.db,
    agendaDocumentName(meetingId),
    agendaDocument([
      { title: '续签春天物业服务合同（三年）', notes: '合同今年底到期；物业服务满意度测评 86%，报价不变。' },
      { title: '小区南大门改造方案', notes: '方案估价 18 万元，拟提请业主大会表决使用公共收益。' },
    ]),
    new Date(noticeAt - HOUR),
  );
  await transitionMeeting(at(noticeAt), chair, meetingId, 'schedule');

  // Four of the five sign themselves in at the door; the fifth is away. Then the chair opens it.
  const present = members.slice(0, 4);
  const invited = created.attendance;
  for (const member of present) {
    const row = invited.find((a) => a.userId === member.userId)!;
    await signIn(at(held.getTime() - 10 * 60_000), member, meetingId, row.id, true);
  }
  const view = await transitionMeeting(at(held.getTime()), chair, meetingId, 'start');
  const attendanceOf = (actor: Actor) => view.attendance.find((a) => a.userId === actor.userId)!.id;
  const [contract, gate] = view.agendaItems;
  await recordOutcome(at(held.getTime() + 40 * 60_000), chair, meetingId, contract!.id, {
    outcome: 'members_resolved',
    agreedParties: [],
    agreedMembers: present.map(attendanceOf),
    note: '同意续签三年，由业委会主任代表业委会签约。',
  });
  await recordOutcome(at(held.getTime() + 70 * 60_000), chair, meetingId, gate!.id, {
    outcome: 'members_resolved',
    agreedParties: [],
    agreedMembers: present.slice(0, 2).map(attendanceOf),
    note: '方案造价偏高，请物业补充两家比价后再议。',
  });
  await transitionMeeting(at(held.getTime() + 85 * 60_000), chair, meetingId, 'close');

  // Minutes: drafted the next morning, each member present signs in the app, published two days after.
  await generateMinutes(at(held.getTime() + 14 * HOUR), chair, meetingId);
  for (const [i, member] of present.entries()) await signMinutes(at(held.getTime() + (15 + i) * HOUR), member, meetingId);
  await publishMinutes(at(held.getTime() + 2 * DAY), chair, meetingId);
}
