import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors/domain-error.js';
import { heldAtAnotherTime, heldStart } from '../meetings/held-times.js';
import { answersOutdatedInDraft, generateMinutesDraft, type MeetingRecord } from './minutes.js';
import { assertCorrection, assertFirstPublication, nextVersionNumber, publicationDeadline, publishedOnTime, timeLeft } from './minutes-rules.js';
import { minutesBlocksToText, minutesPlainText, parseMinutesText, renderMinutesBodyHtml } from './minutes-text.js';

const record: MeetingRecord = {
  meetingId: 'm1',
  compoundName: '都市春天小区',
  kind: 'four_party',
  title: '地面停车位与绿化补种',
  startsAt: '2026-11-18T06:30:00.000Z', // 14:30 China time, Wednesday
  endsAt: '2026-11-18T08:30:00.000Z',
  place: '都市春天服务站二楼会议室',
  convener: '秀江街道党工委 李明',
  attendance: [
    { name: '周丽', party: 'community', organisation: '宜阳社区' },
    { name: '黄伟', party: 'department', organisation: '区住房和城乡建设局' },
    { name: '郑国华', party: 'owners_committee', organisation: '业委会' },
    { name: '王大爷', party: null, organisation: '' },
  ],
  agendaItems: [
    {
      title: '地面停车位不足',
      notes: '业主反映晚间停车难。\n\n物业提出划线增加车位。',
      outcome: 'agreed',
      outcomeNote: '两周内完成划线。',
      agreedParties: ['community', 'owners_committee'],
      responsibleUnit: 'property_manager',
    },
    { title: '绿化补种', notes: '', outcome: 'owners_vote', outcomeNote: '', agreedParties: [], responsibleUnit: null },
  ],
  votes: [{ title: '使用维修资金补种绿化', outcome: 'passed', explanation: '参与面积 80.2%，人数 78.0%；同意面积 91.0%，人数 90.5%。' }],
  questions: [
    { text: '3栋路灯坏了', status: 'answered', answer: '本周修好', answeredBy: '物业 吴涛' },
    { text: '垃圾分类点太远', status: 'listed', answer: null, answeredBy: null },
    { text: '垃圾点远', status: 'merged', answer: null, answeredBy: null },
  ],
  actionItems: [
    {
      title: '地面停车位划线',
      responsibleUnit: 'property_manager',
      dueDate: '2026-11-25',
      status: 'signed_off',
      signOffNumber: 'DSCT-2026-0007',
      rating: 'satisfied',
    },
    { title: '垃圾分类点迁移', responsibleUnit: 'department:区城市管理局', dueDate: '2026-11-25', status: 'in_progress', signOffNumber: null },
  ],
};

describe('generateMinutesDraft', () => {
  const doc = generateMinutesDraft(record);
  const text = minutesBlocksToText(doc.blocks);

  it('writes the header from the record in China time', () => {
    expect(doc.header.title).toBe('都市春天小区四方共治议事会纪要（地面停车位与绿化补种）');
    expect(doc.header.when).toBe('2026年11月18日（周三） 14:30—16:30');
    expect(doc.header.convener).toBe('秀江街道党工委 李明');
  });

  it('lists attendance by party and names the missing party', () => {
    expect(text).toContain('- 街道（社区）：周丽（宜阳社区）');
    expect(text).toContain('- 职能部门：黄伟（区住房和城乡建设局）');
    expect(text).toContain('- 其他：王大爷');
    expect(text).toContain('未出席的一方：物业企业');
  });

  it('gives every agenda item its notes and outcome, votes, questions and action items', () => {
    expect(text).toContain('### 1. 地面停车位不足');
    expect(text).toContain('业主反映晚间停车难。');
    // The department was present and did not agree: not "达成一致", and both sides are named.
    expect(text).toContain('议定结果：部分同意（同意：街道（社区）、业委会；未同意：职能部门），责任单位：物业企业。两周内完成划线。');
    expect(text).not.toContain('达成一致');
    expect(text).toContain('议定结果：提交业主表决。');
    expect(text).toContain('使用维修资金补种绿化：通过。参与面积 80.2%');
    // The merged duplicate is not counted again.
    expect(text).toContain('居民共提出问题 2 个，现场答复 1 个，列入问题清单 1 个。');
    expect(text).toContain('【现场答复】3栋路灯坏了 答复（物业 吴涛）：本周修好');
    expect(text).toContain('地面停车位划线；责任单位：物业企业；完成时限：2026年11月25日（周三）；状态：已销号；销号编号：DSCT-2026-0007；居民评价：满意');
    expect(text).toContain('责任单位：区城市管理局');
    expect(text.indexOf('## 一、参会人员')).toBeLessThan(text.indexOf('## 五、整改事项及责任单位'));
  });

  it('leaves out empty sections and numbers the rest', () => {
    const bare = generateMinutesDraft({ ...record, votes: [], questions: [], actionItems: [] });
    const bareText = minutesBlocksToText(bare.blocks);
    expect(bareText).not.toContain('业主表决结果');
    expect(bareText).toContain('## 二、议题及议定事项');
    expect(bareText).not.toContain('## 三');
  });

  it('an evening talk without sign-in or agenda is written as questions and answers', () => {
    const talk = generateMinutesDraft({ ...record, kind: 'evening_talk', attendance: [], agendaItems: [], votes: [], actionItems: [] });
    const talkText = minutesBlocksToText(talk.blocks);
    expect(talk.header.title).toBe('都市春天小区居民夜谈纪要（地面停车位与绿化补种）');
    expect(talkText).toContain('居民群众参加（未逐一签到登记）');
    expect(talkText).not.toContain('议题');
    expect(talkText).toContain('## 二、居民问题及答复');
  });

  it('a question on the question list carries its measures, unit and deadline, as the list has them', () => {
    const listed = {
      text: '冬季落叶清扫能不能勤一点',
      status: 'listed' as const,
      answer: null,
      answeredBy: null,
      measures: '物业每周增加两次落叶清扫，网格员巡查。',
      responsibleUnit: 'property_manager',
      dueDate: '2026-12-14',
    };
    const talkText = minutesBlocksToText(
      generateMinutesDraft({ ...record, kind: 'evening_talk', agendaItems: [], votes: [], actionItems: [], questions: [listed] }).blocks,
    );
    expect(talkText).toContain(
      '【列入问题清单】冬季落叶清扫能不能勤一点 整改措施：物业每周增加两次落叶清扫，网格员巡查；责任单位：物业企业；完成时限：2026年12月14日（周一）',
    );
    // Without a unit the rest is still there.
    const noUnit = minutesBlocksToText(generateMinutesDraft({ ...record, kind: 'evening_talk', questions: [{ ...listed, responsibleUnit: null }] }).blocks);
    expect(noUnit).toContain('冬季落叶清扫能不能勤一点 整改措施：物业每周增加两次落叶清扫，网格员巡查；完成时限：2026年12月14日（周一）');
  });

  it('an evening talk says the cadres noted by name and the residents by their count, and what was not noted', () => {
    const talk = { ...record, kind: 'evening_talk' as const, agendaItems: [], votes: [], actionItems: [] };
    const cadres = [
      { name: '李明', party: null, organisation: '社区居委会' },
      { name: '王芳', party: null, organisation: '服务站' },
    ];
    const attendanceOf = (r: MeetingRecord) => {
      const text = minutesBlocksToText(generateMinutesDraft(r).blocks);
      return text.slice(text.indexOf('## 一、参会人员'), text.indexOf('## 二'));
    };
    expect(attendanceOf({ ...talk, attendance: cadres, residentCount: 40 })).toBe(
      '## 一、参会人员\n\n干部和工作人员：李明（社区居委会）、王芳（服务站）；居民群众约 40 人参加。\n\n',
    );
    expect(attendanceOf({ ...talk, attendance: cadres, residentCount: null })).toContain(
      '干部和工作人员：李明（社区居委会）、王芳（服务站）；居民群众参加（未逐一签到登记）。',
    );
    expect(attendanceOf({ ...talk, attendance: [], residentCount: 40 })).toContain('干部和工作人员参加（未逐一登记）；居民群众约 40 人参加。');
    expect(attendanceOf({ ...talk, attendance: [], residentCount: 0 })).toContain('无居民群众到场。');
    // Nothing noted: the kind's own sentence, as before.
    expect(attendanceOf({ ...talk, attendance: [] })).toContain('社区干部、服务站工作人员与居民群众参加（未逐一签到登记）。');
    expect(attendanceOf({ ...talk, attendance: [] })).not.toContain('共 0 人');
  });

  it('round-trips through the editable text format', () => {
    expect(parseMinutesText(text)).toEqual(doc.blocks);
  });
});

describe('answers corrected after the draft was generated', () => {
  const draft = minutesBlocksToText(generateMinutesDraft(record).blocks);

  it('an answer as the draft carries it is not named; its words or its answerer changed since, it is', () => {
    expect(draft).toContain('答复（物业 吴涛）：本周修好');
    expect(answersOutdatedInDraft(draft, [{ number: 1, answer: '本周修好', answeredBy: '物业 吴涛' }])).toEqual([]);
    expect(
      answersOutdatedInDraft(draft, [
        { number: 1, answer: '本周五前修好', answeredBy: '物业 吴涛' },
        { number: 4, answer: '本周修好', answeredBy: '物业 吴韬' },
      ]),
    ).toEqual([1, 4]);
  });
});

describe('agreement and quorum in words', () => {
  const agreedBy = (agreedParties: MeetingRecord['agendaItems'][number]['agreedParties']) =>
    minutesBlocksToText(
      generateMinutesDraft({ ...record, agendaItems: [{ ...record.agendaItems[0]!, agreedParties, responsibleUnit: null, outcomeNote: '' }] }).blocks,
    );

  it('"达成一致" only when every party present agreed', () => {
    expect(agreedBy(['community', 'department', 'owners_committee'])).toContain('议定结果：达成一致（街道（社区）、职能部门、业委会同意）。');
    expect(agreedBy(['owners_committee'])).toContain('议定结果：部分同意（同意：业委会；未同意：街道（社区）、职能部门）。');
  });

  it('without a signed-in party nobody can say all agreed: the parties that agreed are named', () => {
    const text = minutesBlocksToText(
      generateMinutesDraft({ ...record, attendance: [], agendaItems: [{ ...record.agendaItems[0]!, responsibleUnit: null, outcomeNote: '' }] }).blocks,
    );
    expect(text).toContain('议定结果：街道（社区）、业委会同意。');
    expect(text).not.toContain('达成一致');
  });

  it('says so when the quorum was not reached, and when it was', () => {
    const missing = minutesBlocksToText(
      generateMinutesDraft({
        ...record,
        quorum: { rule: 'all_parties', present: ['community', 'department', 'owners_committee'], missing: ['property_manager'], reached: false },
      }).blocks,
    );
    expect(missing).toContain('本次会议未达到法定人数（规则：四方均须有代表到场），缺：物业企业。');
    const reached = minutesBlocksToText(
      generateMinutesDraft({
        ...record,
        quorum: { rule: 'three_parties', present: ['community', 'department', 'owners_committee'], missing: ['property_manager'], reached: true },
      }).blocks,
    );
    expect(reached).toContain('本次会议已达到法定人数（规则：含社区在内至少三方有代表到场）。');
    expect(reached).not.toContain('未达到法定人数');
  });
});

describe('a meeting held at another time than scheduled', () => {
  // Scheduled for Wednesday 9 Dec 14:30; held a week early, Wednesday 2 Dec 09:00–11:05.
  const moved: MeetingRecord = {
    ...record,
    scheduledStartsAt: '2026-12-09T06:30:00.000Z',
    startsAt: '2026-12-02T01:00:00.000Z',
    endsAt: '2026-12-02T03:05:00.000Z',
  };

  it('the header gives the time it was held, with the scheduled time beside it', () => {
    expect(generateMinutesDraft(moved).header.when).toBe('2026年12月2日（周三） 09:00—11:05（原定 2026年12月9日（周三） 14:30）');
  });
  it('the header keeps the instants it is written from, for a reader in another language', () => {
    expect(generateMinutesDraft(moved).header.held).toEqual({
      startsAt: '2026-12-09T06:30:00.000Z',
      startedAt: '2026-12-02T01:00:00.000Z',
      closedAt: '2026-12-02T03:05:00.000Z',
    });
  });
  it('a meeting that began a few minutes late reads as held on time', () => {
    const late = { ...record, scheduledStartsAt: '2026-11-18T06:20:00.000Z' };
    expect(generateMinutesDraft(late).header.when).toBe('2026年11月18日（周三） 14:30—16:30');
  });
  it('a meeting that ran past midnight names the day it ended', () => {
    expect(generateMinutesDraft({ ...record, startsAt: '2026-11-18T12:00:00.000Z', endsAt: '2026-11-18T16:30:00.000Z' }).header.when).toBe(
      '2026年11月18日（周三） 20:00—2026年11月19日（周四） 00:30',
    );
  });
  it('the deadline counts from the day it was held', () => {
    const times = { startsAt: '2026-12-09T06:30:00.000Z', startedAt: '2026-12-02T01:00:00.000Z' };
    expect(heldStart(times)).toBe('2026-12-02T01:00:00.000Z');
    expect(publicationDeadline('four_party', heldStart(times))).toBe('2026-12-05T15:59:59.999Z');
    expect(heldStart({ startsAt: times.startsAt, startedAt: null })).toBe(times.startsAt);
  });
  it('held at another time: another day, or more than a quarter of an hour off', () => {
    const scheduled = '2026-12-09T06:30:00.000Z';
    expect(heldAtAnotherTime({ startsAt: scheduled, startedAt: '2026-12-02T06:30:00.000Z' })).toBe(true);
    expect(heldAtAnotherTime({ startsAt: scheduled, startedAt: '2026-12-09T07:00:00.000Z' })).toBe(true);
    expect(heldAtAnotherTime({ startsAt: scheduled, startedAt: '2026-12-09T06:40:00.000Z' })).toBe(false);
    expect(heldAtAnotherTime({ startsAt: scheduled, startedAt: null })).toBe(false);
  });
});

describe('the official document', () => {
  const places = { subdistrict: '秀江街道', community: '宜阳社区' };
  it('names the issuing body its kind says, the recorder, and the attendees who sign', () => {
    const doc = generateMinutesDraft({ ...record, places, recorder: '周丽' });
    expect(doc.header.issuer).toBe('秀江街道党工委');
    expect(doc.header.recorder).toBe('周丽');
    expect(doc.header.signatories).toEqual([
      { name: '周丽', organisation: '宜阳社区', signedAt: null },
      { name: '黄伟', organisation: '区住房和城乡建设局', signedAt: null },
      { name: '郑国华', organisation: '业委会', signedAt: null },
      { name: '王大爷', organisation: '', signedAt: null },
    ]);
    const talk = generateMinutesDraft({ ...record, kind: 'evening_talk', attendance: [], places });
    expect(talk.header.issuer).toBe('宜阳社区居民委员会');
    expect(talk.header.signatories).toEqual([]);
  });
});

describe('minutes text', () => {
  it('escapes HTML: the text is user input shown publicly', () => {
    const html = renderMinutesBodyHtml('## 标题\n\n<script>alert(1)</script>\n\n- a & b');
    expect(html).toBe('<h2>标题</h2>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<ul><li>a &amp; b</li></ul>');
  });
  it('joins Chinese lines without a space', () => {
    expect(parseMinutesText('第一行\n第二行')).toEqual([{ kind: 'paragraph', text: '第一行第二行' }]);
  });
  it('plain text carries the header lines', () => {
    const doc = generateMinutesDraft(record);
    const plain = minutesPlainText(doc.header, '## 一、参会人员\n\n- 周丽', ['第 2 版']);
    expect(plain).toContain('地点：都市春天服务站二楼会议室');
    expect(plain).toContain('· 周丽');
    expect(plain.trim().endsWith('第 2 版')).toBe(true);
  });
});

describe('publication deadline (3 calendar days after a four-party council)', () => {
  it('ends on the third calendar day after the meeting day, China time, even over a weekend', () => {
    // Wednesday 18 Nov → Saturday 21 Nov 23:59:59.999 China time.
    expect(publicationDeadline('four_party', record.startsAt)).toBe('2026-11-21T15:59:59.999Z');
    // A meeting at 23:30 China time on Friday belongs to Friday, not to Saturday (UTC date).
    expect(publicationDeadline('four_party', '2026-11-20T15:30:00.000Z')).toBe('2026-11-23T15:59:59.999Z');
  });
  it('evening talks have no deadline', () => {
    expect(publicationDeadline('evening_talk', record.startsAt)).toBeNull();
  });
  it('shows time left and overdue in words', () => {
    const deadline = '2026-11-21T15:59:59.999Z';
    expect(timeLeft(deadline, new Date('2026-11-19T10:00:00Z')).label['zh-CN']).toBe('还剩 2 天 5 小时');
    const late = timeLeft(deadline, new Date('2026-11-22T17:00:00Z'));
    expect(late.overdue).toBe(true);
    expect(late.label['zh-CN']).toBe('已超期 1 天 1 小时');
    expect(publishedOnTime(deadline, '2026-11-21T15:59:59.000Z')).toBe(true);
    expect(publishedOnTime(deadline, '2026-11-21T16:00:00.000Z')).toBe(false);
  });
});

describe('versions', () => {
  const v1 = [{ version: 1, body: '## 一\n\n正文' }];
  const code = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return (error as DomainError).code;
    }
    return null;
  };
  it('publishes version 1 once, from a non-empty draft', () => {
    expect(code(() => assertFirstPublication([], '正文'))).toBeNull();
    expect(code(() => assertFirstPublication([], '  '))).toBe('minutes_empty');
    expect(code(() => assertFirstPublication(v1, '正文'))).toBe('minutes_already_published');
  });
  it('a correction needs a published version, a reason and a change', () => {
    expect(code(() => assertCorrection([], '新', '错字'))).toBe('minutes_not_published');
    expect(code(() => assertCorrection(v1, '新正文', ' '))).toBe('minutes_reason_required');
    expect(code(() => assertCorrection(v1, '## 一\n\n正文\n', '错字'))).toBe('minutes_correction_unchanged');
    expect(code(() => assertCorrection(v1, '## 一\n\n更正后的正文', '错字'))).toBeNull();
    expect(nextVersionNumber([...v1, { version: 2 }])).toBe(3);
  });
});
