import { describe, expect, it } from 'vitest';
import { memberQuorum } from '../meetings/member-rules.js';
import { generateMinutesDraft, type MeetingRecord } from './minutes.js';
import { minutesBlocksToText, minutesClosingLines } from './minutes-text.js';

/** An owners' committee meeting of 5 members, 3 of whom came. */
const record: MeetingRecord = {
  meetingId: 'c1',
  compoundName: '都市春天小区',
  kind: 'owners_committee',
  title: '续聘物业服务企业',
  startsAt: '2026-11-18T11:00:00.000Z',
  endsAt: '2026-11-18T12:30:00.000Z',
  place: '业委会办公室',
  convener: '业委会主任 郑国华',
  attendance: [
    { name: '郑国华', party: 'owners_committee', organisation: '都市春天小区业主委员会' },
    { name: '钱玉兰', party: 'owners_committee', organisation: '都市春天小区业主委员会' },
    { name: '冯德明', party: 'owners_committee', organisation: '都市春天小区业主委员会' },
  ],
  members: { total: 5, absent: ['蒋春梅', '沈永刚'], quorum: memberQuorum(5, 3) },
  agendaItems: [
    {
      title: '续聘春天物业',
      notes: '',
      outcome: 'members_resolved',
      outcomeNote: '',
      agreedParties: [],
      responsibleUnit: null,
      memberDecision: { agreed: ['郑国华', '钱玉兰', '冯德明'], members: 5 },
    },
    {
      title: '更换小区大门',
      notes: '',
      outcome: 'members_resolved',
      outcomeNote: '',
      agreedParties: [],
      responsibleUnit: null,
      memberDecision: { agreed: ['郑国华', '钱玉兰'], members: 5 },
    },
  ],
  votes: [],
  questions: [],
  actionItems: [],
  places: { subdistrict: '秀江街道', community: '宜阳社区' },
};

describe("an owners' committee meeting's minutes", () => {
  const doc = generateMinutesDraft(record);
  const text = minutesBlocksToText(doc.blocks);

  it('name the members present and absent, and the quorum of all the members', () => {
    expect(text).toContain('## 一、出席委员');
    expect(text).toContain('- 出席委员：郑国华、钱玉兰、冯德明');
    expect(text).toContain('- 缺席委员：蒋春梅、沈永刚');
    expect(text).toContain('应到委员 5 人，实到 3 人，已过半数（需 ≥ 3 人），可以开会议事。');
    // Said once.
    expect(text.split('应到委员').length).toBe(2);
  });

  it('count each decision against all the members: 3 of 5 passes, 2 of 5 does not, though 2 of the 3 present agreed', () => {
    expect(text).toContain('表决结果：通过。3 / 5 名委员同意（过半数：需 ≥ 3），同意委员：郑国华、钱玉兰、冯德明。');
    expect(text).toContain('表决结果：未通过。2 / 5 名委员同意（过半数：需 ≥ 3），同意委员：郑国华、钱玉兰。');
  });

  it("are issued by the compound's owners' committee and list the signatures with their time", () => {
    expect(doc.header.issuer).toBe('都市春天小区业主委员会');
    const signed = {
      ...doc.header,
      signatories: doc.header.signatories.map((s, i) => ({ ...s, signedAt: i < 2 ? '2026-11-19T02:05:00.000Z' : null })),
    };
    expect(minutesClosingLines(signed, '2026-11-19T08:00:00.000Z')).toEqual([
      '签字确认：郑国华（2026年11月19日（周四） 10:05）、钱玉兰（2026年11月19日（周四） 10:05）',
      '都市春天小区业主委员会',
      '2026年11月19日',
    ]);
  });
});
