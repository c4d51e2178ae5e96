/**
 * Demo minutes, after the other seeds: minutes for every held meeting of 都市春天小区, generated from
 * the record, approved and published at a plausible time after the meeting (the oldest council's a day
 * late, as happens), and one correction (version 2, with its reason) on the most recent council.
 */
import { meetingKind, type MeetingKind } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { listMeetingsOfCompound } from '../db/repositories/meetings.repository.js';
import { findMinutesVersion } from '../db/repositories/minutes.repository.js';
import { findCompoundByCode } from '../db/repositories/place-tree.repository.js';
import type { Deps } from '../deps.js';
import { correctMinutes, generateMinutes, publishMinutes } from '../services/minutes.service.js';
import { demoActor } from './demo-actors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function seedMinutes(deps: Deps): Promise<void> {
  const compound = await findCompoundByCode(deps.db, 'DSCT');
  if (!compound) return;
  const actorOf = (login: string) => demoActor(deps, login);
  const at = (when: number): Deps => ({ ...deps, clock: () => new Date(when) });

  // Oldest first: minutes come out in the order the meetings were held.
  const held = (await listMeetingsOfCompound(deps.db, compound.id, ['closed'])).reverse();
  // The two older councils (meetings.seed.ts): one's minutes came out late, as happens; the other's is not corrected.
  const late = held.find((m) => m.title === '小区消防通道整治议事会');
  const onTime = held.find((m) => m.title === '二次供水设施改造议事会');
  // Who writes and who publishes each kind's minutes in the demo (a kind added later names its own).
  const committee = await actorOf('yeweihui');
  const secretary: Record<MeetingKind, Actor> = { four_party: await actorOf('fuzhan'), evening_talk: await actorOf('shequ'), owners_committee: committee };
  const convener: Record<MeetingKind, Actor> = { four_party: await actorOf('zhanzhang'), evening_talk: await actorOf('shequ'), owners_committee: committee };
  // The correction is of a party's stated agreement with an outcome: the latest meeting that records them.
  let lastCouncil: { id: string; kind: MeetingKind } | null = null;
  for (const meeting of held) {
    const kind = meeting.kind;
    const start = Date.parse(meeting.starts_at);
    // Drafted the next morning; published two days after the meeting, or four for the late one.
    const publishAfter = meeting.id === late?.id ? 4 * DAY + 2 * HOUR : 2 * DAY + 2 * HOUR;
    await generateMinutes(at(start + 18 * HOUR), secretary[kind], meeting.id);
    await publishMinutes(at(start + publishAfter), convener[kind], meeting.id);
    if (meetingKind(kind).outcomes && meeting.id !== onTime?.id && meeting.id !== late?.id) lastCouncil = { id: meeting.id, kind };
  }

  if (lastCouncil) {
    const v1 = await findMinutesVersion(deps.db, lastCouncil.id, 1);
    if (!v1) throw new Error('seed: the council minutes were not published');
    const body = `${v1.body.trimEnd()}\n\n## 补充说明\n\n经与会各方核对，业委会代表郑国华同志对第一项议定事项的意见为“同意”，原稿漏记，现予补正。\n`;
    await correctMinutes(at(Date.parse(v1.published_at) + DAY), convener[lastCouncil.kind], lastCouncil.id, {
      body,
      reason: '原稿漏记业委会代表对第一项议题的意见，现予补正',
    });
  }
}
