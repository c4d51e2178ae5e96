/**
 * Minutes (纪要): the draft a meeting's record turns into. `generateMinutesDraft` is a pure function
 * from a typed meeting record (what the meetings, votes and action-items features stored) to a
 * structured document; `minutesDocumentToText` writes that document in the small line format the
 * secretary edits live (see minutes-text.ts). Minutes are an official Chinese document, so the
 * generated text is in Chinese whatever the interface language. Which sections a kind's minutes have,
 * their headings and wording come from the kind's spec (meetings/meeting-kinds.ts).
 */
import { RATING_LABELS, STATUS_LABELS, responsibleUnitLabel, type ActionItemStatus, type Rating } from '../action-items/action-items.js';
import { meetingKind, type MeetingKind, type MeetingKindSpec, type MinutesAttendanceSummary, type MinutesSectionContent } from '../meetings/meeting-kinds.js';
import { heldAtAnotherTime } from '../meetings/held-times.js';
import { memberDecision, memberDecisionCount, memberDecisionResult, memberQuorumText, type MemberQuorum } from '../meetings/member-rules.js';
import { OUTCOME_LABELS, agreementOf, type OutcomeKind, type QuestionStatus, type QuorumResult, type QuorumRule } from '../meetings/meetings.js';
import { PARTIES, PARTY_LABELS, type Party } from '../roles/roles.js';
import { formatChinaDate, formatChinaTime, formatDateOnly } from './china-time.js';
import type { MinutesHeader } from './minutes.schema.js';

export interface MinutesAttendee {
  name: string;
  party: Party | null;
  organisation: string;
}

export interface MinutesAgendaItem {
  title: string;
  notes: string;
  outcome: OutcomeKind | null;
  outcomeNote: string;
  agreedParties: readonly Party[];
  responsibleUnit: string | null;
  /** A members' decision: the names of the members who agreed, and how many members there are in all. */
  memberDecision?: { agreed: readonly string[]; members: number } | null;
}

export const MINUTES_VOTE_OUTCOMES = ['passed', 'not_passed', 'invalid', 'open'] as const;
export type MinutesVoteOutcome = (typeof MINUTES_VOTE_OUTCOMES)[number];

export interface MinutesVote {
  title: string;
  outcome: MinutesVoteOutcome;
  /** The result explained in words: participation and approval by area and headcount. */
  explanation: string;
}

export interface MinutesQuestion {
  text: string;
  status: QuestionStatus;
  answer: string | null;
  answeredBy: string | null;
  /** A question on the question list: its measures (整改措施), its action item's unit (stored form) and deadline (China date). */
  measures?: string | null;
  responsibleUnit?: string | null;
  dueDate?: string | null;
}

export interface MinutesActionItem {
  title: string;
  /** Stored form (`community`, `department:区住建局` …), see parseResponsibleUnit. */
  responsibleUnit: string | null;
  /** China date, YYYY-MM-DD. */
  dueDate: string;
  status: ActionItemStatus;
  signOffNumber: string | null;
  rating?: Rating | null;
}

/** Everything the minutes are written from; the server assembles it from the feature tables. */
export interface MeetingRecord {
  meetingId: string;
  compoundName: string;
  kind: MeetingKind;
  title: string;
  /** ISO instants: when the meeting was held (its session opened and closed). */
  startsAt: string;
  endsAt: string | null;
  /** When its notice said it would start; named beside the held time where the two differ. */
  scheduledStartsAt?: string;
  place: string;
  /** Who convened and chaired, as it should be printed ("秀江街道党工委 李明"). */
  convener: string;
  attendance: readonly MinutesAttendee[];
  /** A kind open to all: how many residents came, as the worker counted them; null or absent when not counted. */
  residentCount?: number | null;
  agendaItems: readonly MinutesAgendaItem[];
  votes: readonly MinutesVote[];
  questions: readonly MinutesQuestion[];
  actionItems: readonly MinutesActionItem[];
  /** The kind's quorum over those signed in, or null (a kind without one). */
  quorum?: QuorumResult | null;
  /** A kind attended by members: how many members there are, the absent ones' names, and the quorum. */
  members?: { total: number; absent: readonly string[]; quorum: MemberQuorum } | null;
  /** The names of the places above the compound, from which the issuing body is named (落款). */
  places?: { subdistrict: string; community: string };
  /** Who wrote the minutes (记录人): the person who generated the draft. */
  recorder?: string;
}

export type MinutesBlock =
  { kind: 'heading'; text: string } | { kind: 'subheading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface MinutesDocument {
  header: MinutesHeader;
  blocks: MinutesBlock[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

export const VOTE_OUTCOME_LABELS: Record<MinutesVoteOutcome, string> = {
  passed: '通过',
  not_passed: '未通过',
  invalid: '参与人数不足，表决无效',
  open: '表决进行中',
};

const QUESTION_STATUS_WORDS: Partial<Record<QuestionStatus, string>> = {
  answered: '现场答复',
  listed: '列入问题清单',
  raised: '待答复',
};

export function minutesTitle(
  record: Pick<MeetingRecord, 'compoundName' | 'kind' | 'title'>,
  spec: Pick<MeetingKindSpec, 'label'> = meetingKind(record.kind),
): string {
  return `${record.compoundName}${spec.label['zh-CN']}纪要（${record.title}）`;
}

/** When it was held (the end's day named only when it is another day), and the scheduled start where it differs. */
function whenText(record: Pick<MeetingRecord, 'startsAt' | 'endsAt' | 'scheduledStartsAt'>): string {
  const { startsAt, endsAt } = record;
  let text = `${formatChinaDate(startsAt)} ${formatChinaTime(startsAt)}`;
  if (endsAt) text += `—${formatChinaDate(endsAt) === formatChinaDate(startsAt) ? '' : `${formatChinaDate(endsAt)} `}${formatChinaTime(endsAt)}`;
  const scheduled = record.scheduledStartsAt;
  if (scheduled && heldAtAnotherTime({ startsAt: scheduled, startedAt: startsAt }))
    text += `（原定 ${formatChinaDate(scheduled)} ${formatChinaTime(scheduled)}）`;
  return text;
}

/** The quorum rules in the minutes' words. */
const QUORUM_RULE_WORDS: Record<QuorumRule, string> = {
  all_parties: '四方均须有代表到场',
  three_parties: '含社区在内至少三方有代表到场',
};

function quorumText(quorum: QuorumResult): string {
  const rule = QUORUM_RULE_WORDS[quorum.rule];
  if (quorum.reached) return `本次会议已达到法定人数（规则：${rule}）。`;
  return `本次会议未达到法定人数（规则：${rule}），缺：${partyNames(quorum.missing)}。`;
}

function partyNames(parties: readonly Party[]): string {
  return parties.map((p) => PARTY_LABELS[p]['zh-CN']).join('、');
}

/**
 * The sentence under the attendance list, as the kind sums it up. A kind open to all says who came in
 * one paragraph of its own (openAttendanceText), with no list above it.
 */
const ATTENDANCE_SUMMARIES: Record<
  Exclude<MinutesAttendanceSummary, 'noted_and_counted'>,
  (attendance: readonly MinutesAttendee[], record: MeetingRecord) => string
> = {
  // Members expected and present, and whether that is more than half: the quorum in one sentence.
  members_present: (attendance, record) => (record.members ? memberQuorumText(record.members.quorum, 'zh-CN') : `共 ${attendance.length} 人参加。`),
  parties_present: (attendance) => {
    const present = new Set(attendance.map((a) => a.party).filter((p): p is Party => p !== null));
    const missing = PARTIES.filter((p) => !present.has(p));
    return missing.length === 0
      ? `共 ${attendance.length} 人参会，四方均有代表出席。`
      : `共 ${attendance.length} 人参会；未出席的一方：${missing.map((p) => PARTY_LABELS[p]['zh-CN']).join('、')}。`;
  },
  headcount: (attendance) => `共 ${attendance.length} 人参加。`,
};

/**
 * Who came to a meeting open to all, nobody signed in one by one: the cadres and staff the worker
 * noted, by name with their organisation, then the residents by the number counted ("约": a room is
 * counted, not a list). What was not noted is said so; nothing noted at all is the kind's own sentence.
 */
function openAttendanceText(record: MeetingRecord, spec: MeetingKindSpec): string {
  const count = record.residentCount ?? null;
  if (record.attendance.length === 0 && count === null) return spec.minutes.nobodySignedIn;
  const staff = spec.minutes.othersLabel;
  const cadres = record.attendance.length > 0 ? `${staff}：${record.attendance.map(personText).join('、')}` : `${staff}参加（未逐一登记）`;
  const residents = count === null ? '居民群众参加（未逐一签到登记）' : count === 0 ? '无居民群众到场' : `居民群众约 ${count} 人参加`;
  return `${cadres}；${residents}。`;
}

/** Who came, line by line: the members present and absent (a kind attended by members), or by party. */
function attendanceLines(record: MeetingRecord, spec: MeetingKindSpec): string[] {
  const items: string[] = [];
  if (spec.members && record.members) {
    const title = spec.members.title['zh-CN'];
    const members = record.attendance.filter((a) => a.party === spec.members?.party);
    if (members.length > 0) items.push(`出席${title}：${members.map((a) => a.name).join('、')}`);
    if (record.members.absent.length > 0) items.push(`缺席${title}：${record.members.absent.join('、')}`);
    const others = record.attendance.filter((a) => a.party !== spec.members?.party);
    if (others.length > 0) items.push(`${spec.minutes.othersLabel}：${others.map(personText).join('、')}`);
    return items;
  }
  for (const party of PARTIES) {
    const people = record.attendance.filter((a) => a.party === party);
    if (people.length === 0) continue;
    items.push(`${PARTY_LABELS[party]['zh-CN']}：${people.map(personText).join('、')}`);
  }
  const others = record.attendance.filter((a) => a.party === null);
  if (others.length > 0) items.push(`${spec.minutes.othersLabel}：${others.map(personText).join('、')}`);
  return items;
}

function attendanceBlocks(record: MeetingRecord, spec: MeetingKindSpec): MinutesBlock[] {
  const summary = spec.minutes.attendanceSummary;
  // A kind open to every resident: the cadres noted and the residents counted, in one paragraph.
  if (summary === 'noted_and_counted') return [{ kind: 'paragraph', text: openAttendanceText(record, spec) }];
  if (record.attendance.length === 0 && !record.members) return [{ kind: 'paragraph', text: spec.minutes.nobodySignedIn }];
  const items = attendanceLines(record, spec);
  const blocks: MinutesBlock[] = [
    ...(items.length > 0 ? [{ kind: 'list' as const, items }] : [{ kind: 'paragraph' as const, text: spec.minutes.nobodySignedIn }]),
    { kind: 'paragraph', text: ATTENDANCE_SUMMARIES[summary](record.attendance, record) },
  ];
  if (record.quorum) blocks.push({ kind: 'paragraph', text: quorumText(record.quorum) });
  return blocks;
}

function personText(a: MinutesAttendee): string {
  return a.organisation ? `${a.name}（${a.organisation}）` : a.name;
}

/** An agreement in words: "达成一致" only when every party present agreed (core meetings agreementOf). */
function agreementText(agreed: readonly Party[], present: ReadonlySet<Party>): string {
  const agreement = agreementOf(agreed, present);
  if (agreement.reach === 'named') return `${partyNames(agreement.agreed)}同意`;
  if (agreement.reach === 'all') return `${OUTCOME_LABELS.agreed['zh-CN']}（${partyNames(agreement.agreed)}同意）`;
  return `部分同意（同意：${partyNames(agreement.agreed)}；未同意：${partyNames(agreement.dissent)}）`;
}

/** A members' decision in words: "通过。3 / 5 名委员同意（过半数：需 ≥ 3），同意委员：A、B、C". */
function decisionText(decided: NonNullable<MinutesAgendaItem['memberDecision']>): string {
  const d = memberDecision(decided.agreed.length, decided.members);
  const names = decided.agreed.length > 0 ? `，同意委员：${decided.agreed.join('、')}` : '';
  return `${memberDecisionResult(d, 'zh-CN')}。${memberDecisionCount(d, 'zh-CN')}${names}`;
}

function outcomeText(item: MinutesAgendaItem, present: ReadonlySet<Party>): string {
  if (!item.outcome) return '议定结果：未记录。';
  let text =
    item.outcome === 'members_resolved' && item.memberDecision
      ? `表决结果：${decisionText(item.memberDecision)}`
      : item.outcome === 'agreed' && item.agreedParties.length > 0
        ? `议定结果：${agreementText(item.agreedParties, present)}`
        : `议定结果：${OUTCOME_LABELS[item.outcome]['zh-CN']}`;
  if (item.responsibleUnit) text += `，责任单位：${responsibleUnitLabel(item.responsibleUnit, 'zh-CN')}`;
  text += '。';
  if (item.outcomeNote.trim()) text += item.outcomeNote.trim();
  return text;
}

function agendaBlocks(record: MeetingRecord): MinutesBlock[] {
  if (record.agendaItems.length === 0) return [{ kind: 'paragraph', text: '（本次会议没有议题）' }];
  const present = new Set(record.attendance.map((a) => a.party).filter((p): p is Party => p !== null));
  const blocks: MinutesBlock[] = [];
  record.agendaItems.forEach((item, index) => {
    blocks.push({ kind: 'subheading', text: `${index + 1}. ${item.title || '（无标题）'}` });
    for (const paragraph of item.notes.split(/\n\s*\n/)) {
      const text = paragraph.replace(/\s*\n\s*/g, ' ').trim();
      if (text) blocks.push({ kind: 'paragraph', text });
    }
    blocks.push({ kind: 'paragraph', text: outcomeText(item, present) });
  });
  return blocks;
}

function voteBlocks(record: MeetingRecord): MinutesBlock[] {
  return [
    {
      kind: 'list',
      items: record.votes.map((v) => `${v.title}：${VOTE_OUTCOME_LABELS[v.outcome]}。${v.explanation.trim()}`.trim()),
    },
  ];
}

function questionBlocks(record: MeetingRecord): MinutesBlock[] {
  const counted = record.questions.filter((q) => q.status !== 'merged');
  const answered = counted.filter((q) => q.status === 'answered');
  const listed = counted.filter((q) => q.status === 'listed');
  const blocks: MinutesBlock[] = [
    { kind: 'paragraph', text: `居民共提出问题 ${counted.length} 个，现场答复 ${answered.length} 个，列入问题清单 ${listed.length} 个。` },
  ];
  const items = counted.map((q) => {
    const status = QUESTION_STATUS_WORDS[q.status] ?? q.status;
    const answer = q.status === 'answered' && q.answer ? minutesAnswerWords(q.answer, q.answeredBy) : q.status === 'listed' ? listedWords(q) : '';
    return `【${status}】${q.text}${answer ? ` ${answer}` : ''}`;
  });
  if (items.length > 0) blocks.push({ kind: 'list', items });
  return blocks;
}

/** A listed question's follow-up as the question list has it: 整改措施：…；责任单位：…；完成时限：…. */
function listedWords(q: MinutesQuestion): string {
  const parts: string[] = [];
  const measures = q.measures?.trim().replace(/[。；;]+$/, '');
  if (measures) parts.push(`整改措施：${measures}`);
  if (q.responsibleUnit) parts.push(`责任单位：${responsibleUnitLabel(q.responsibleUnit, 'zh-CN')}`);
  if (q.dueDate) parts.push(`完成时限：${formatDateOnly(q.dueDate)}`);
  return parts.join('；');
}

/** How the draft writes an answer given on the spot: 答复（物业 吴韬）：物业今晚更换灯泡. */
export function minutesAnswerWords(answer: string, answeredBy: string | null): string {
  return `答复${answeredBy ? `（${answeredBy}）` : ''}：${answer}`;
}

/**
 * Of an evening talk's corrected answers, the numbers of the questions the draft does not carry as
 * they now stand: a draft generated before the correction (or an answer since reworded by hand, which
 * the secretary can see is so). The minutes page asks to regenerate or mend those before publishing.
 */
export function answersOutdatedInDraft(draft: string, corrected: readonly { number: number; answer: string; answeredBy: string | null }[]): number[] {
  return corrected.filter((q) => !draft.includes(minutesAnswerWords(q.answer, q.answeredBy))).map((q) => q.number);
}

function actionItemBlocks(record: MeetingRecord): MinutesBlock[] {
  return [
    {
      kind: 'list',
      items: record.actionItems.map((a) => {
        const parts = [
          a.title,
          `责任单位：${responsibleUnitLabel(a.responsibleUnit, 'zh-CN')}`,
          `完成时限：${formatDateOnly(a.dueDate)}`,
          `状态：${STATUS_LABELS[a.status]['zh-CN']}`,
        ];
        if (a.signOffNumber) parts.push(`销号编号：${a.signOffNumber}`);
        if (a.rating) parts.push(`居民评价：${RATING_LABELS[a.rating]['zh-CN']}`);
        return parts.join('；');
      }),
    },
  ];
}

/** The issuing body (落款) as the kind names it: "秀江街道党工委", "宜阳社区居民委员会"; '' without the places. */
function issuerName(record: MeetingRecord, spec: MeetingKindSpec): string {
  if (!record.places) return '';
  const { place, suffix } = spec.minutes.issuer;
  return `${place === 'compound' ? record.compoundName : record.places[place]}${suffix}`;
}

/** What each kind of section is written from: whether the record has anything for it, and its blocks. */
const SECTIONS: Record<
  MinutesSectionContent,
  { has: (record: MeetingRecord) => boolean; blocks: (record: MeetingRecord, spec: MeetingKindSpec) => MinutesBlock[] }
> = {
  attendance: { has: (r) => r.attendance.length > 0 || Boolean(r.members) || (r.residentCount ?? null) !== null, blocks: attendanceBlocks },
  agenda: { has: (r) => r.agendaItems.length > 0, blocks: agendaBlocks },
  votes: { has: (r) => r.votes.length > 0, blocks: voteBlocks },
  questions: { has: (r) => r.questions.length > 0, blocks: questionBlocks },
  action_items: { has: (r) => r.actionItems.length > 0, blocks: actionItemBlocks },
};

/**
 * The draft minutes of a meeting: fixed header plus the numbered sections of its kind's spec, empty
 * sections left out unless the spec always prints them (an evening talk without a prepared agenda is
 * all questions and answers). `spec` is the kind's own unless a test passes another.
 */
export function generateMinutesDraft(record: MeetingRecord, spec: MeetingKindSpec = meetingKind(record.kind)): MinutesDocument {
  const blocks: MinutesBlock[] = [];
  spec.minutes.sections
    .filter((section) => section.always || SECTIONS[section.content].has(record))
    .forEach((section, index) => {
      blocks.push({ kind: 'heading', text: `${NUMERALS[index] ?? String(index + 1)}、${section.heading}` });
      blocks.push(...SECTIONS[section.content].blocks(record, spec));
    });
  return {
    header: {
      title: minutesTitle(record, spec),
      kind: record.kind,
      kindLabel: spec.label['zh-CN'],
      compoundName: record.compoundName,
      when: whenText(record),
      held: { startsAt: record.scheduledStartsAt ?? record.startsAt, startedAt: record.startsAt, closedAt: record.endsAt },
      place: record.place,
      convener: record.convener,
      issuer: issuerName(record, spec),
      recorder: record.recorder ?? '',
      signatories: record.attendance.map((a) => ({ name: a.name, organisation: a.organisation, signedAt: null })),
    },
    blocks,
  };
}
