/**
 * The words of a statutory vote's published notices (投票通知公告, 延期公示, 初步统计结果公示, 最终结果公告)
 * and the one-line summary an owner reads on the vote page — in both languages, written once here so
 * the notice board, the record and the vote page say the same thing.
 */
import type { Locale } from '../i18n/locale.js';
import { formatNotificationTime } from '../notifications/notification-time.js';
import { formatAreaCenti } from '../places/area.js';
import type { VotePeriods, VotePhase, VoteTimelineInput } from './timeline.js';

export type NoticeWords = Record<Locale, string>;
export interface NoticeText {
  title: NoticeWords;
  body: NoticeWords;
}

/** The kinds of notice a vote's stages publish (vote_notices.kind). */
export const VOTE_NOTICE_KINDS = ['announcement', 'roll_correction', 'extension', 'preliminary_result', 'corrected_result', 'final_result'] as const;
export type VoteNoticeKind = (typeof VOTE_NOTICE_KINDS)[number];

const when = (iso: string, locale: Locale) => formatNotificationTime(iso, locale);

export interface AnnouncementFacts {
  title: string;
  description: string;
  ruleText: NoticeWords;
  opensAt: string;
  closesAt: string;
  rollCheckEndsAt: string;
  periods: VotePeriods;
  /** On the roll: units, heads and area. */
  electorate: { voters: number; heads: number; areaCenti: number };
}

export function announcementNotice(f: AnnouncementFacts): NoticeText {
  const matter = f.description ? `${f.title}（${f.description}）` : f.title;
  const matterEn = f.description ? `${f.title} (${f.description})` : f.title;
  return {
    title: { 'zh-CN': `投票通知公告：${f.title}`, en: `Voting notice: ${f.title}` },
    body: {
      'zh-CN':
        `表决事项：${matter}。表决规则：${f.ruleText['zh-CN']}。` +
        `投票时间：${when(f.opensAt, 'zh-CN')} 至 ${when(f.closesAt, 'zh-CN')}（本公告发布满 ${f.periods.noticeDays} 日后开始）。` +
        `表决名册已冻结并公示：共 ${f.electorate.voters} 户、${f.electorate.heads} 人（户数按业主计，开发商未售房屋合计为一人）、专有部分面积 ${formatAreaCenti(f.electorate.areaCenti)} 平方米；` +
        `名册核对期至 ${when(f.rollCheckEndsAt, 'zh-CN')}，业主如对本户登记信息有异议，请在核对期内在议事平台该表决页面提出，或联系业主大会筹备组/居委会。`,
      en:
        `Matter: ${matterEn}. Rule: ${f.ruleText.en}. ` +
        `Voting: ${when(f.opensAt, 'en')} to ${when(f.closesAt, 'en')} (opening no sooner than ${f.periods.noticeDays} days after this notice). ` +
        `The roll is frozen and published: ${f.electorate.voters} units, ${f.electorate.heads} heads (one per owner; unsold developer units together count as one), ${formatAreaCenti(f.electorate.areaCenti)} m² of floor area. ` +
        `Roll check until ${when(f.rollCheckEndsAt, 'en')}: an owner who finds their entry wrong objects on this vote's page in the app, or tells the organisers or the residents' committee.`,
    },
  };
}

export function extensionNotice(f: { title: string; previousClosesAt: string; closesAt: string; reason: string }): NoticeText {
  return {
    title: { 'zh-CN': `延期公示：${f.title}`, en: `Extension: ${f.title}` },
    body: {
      'zh-CN': `表决“${f.title}”的投票截止时间由 ${when(f.previousClosesAt, 'zh-CN')} 延长至 ${when(f.closesAt, 'zh-CN')}。延期理由：${f.reason}。已投的票继续有效。`,
      en: `The vote "${f.title}" now closes at ${when(f.closesAt, 'en')} instead of ${when(f.previousClosesAt, 'en')}. Reason: ${f.reason}. Ballots already cast still count.`,
    },
  };
}

export interface ResultFacts {
  title: string;
  summary: NoticeWords;
  electorate: { voters: number; heads: number; areaCenti: number };
  participation: { ballots: number; heads: number; areaCenti: number };
}

function figures(f: ResultFacts): NoticeWords {
  return {
    'zh-CN': `应参与表决 ${f.electorate.heads} 人、专有部分面积 ${formatAreaCenti(f.electorate.areaCenti)} 平方米；实际参与 ${f.participation.heads} 人、${formatAreaCenti(f.participation.areaCenti)} 平方米（${f.participation.ballots} 张选票）。`,
    en: `Entitled: ${f.electorate.heads} heads, ${formatAreaCenti(f.electorate.areaCenti)} m²; took part: ${f.participation.heads} heads, ${formatAreaCenti(f.participation.areaCenti)} m² (${f.participation.ballots} ballots).`,
  };
}

export function preliminaryNotice(f: ResultFacts & { objectionEndsAt: string }): NoticeText {
  const n = figures(f);
  return {
    title: { 'zh-CN': `初步统计结果公示：${f.title}`, en: `Preliminary result: ${f.title}` },
    body: {
      'zh-CN': `${n['zh-CN']}初步结果：${f.summary['zh-CN']}。询异期至 ${when(f.objectionEndsAt, 'zh-CN')}：业主可凭投票回执在议事平台核对本户选票，如有异议请在此期间提出；询异期满且异议处理完毕后公布最终结果。`,
      en: `${n.en} Preliminary result: ${f.summary.en}. Until ${when(f.objectionEndsAt, 'en')} owners may check their ballot by its receipt code and dispute it; the final result is published when this window has ended and every dispute is resolved.`,
    },
  };
}

export function finalNotice(f: ResultFacts): NoticeText {
  const n = figures(f);
  return {
    title: { 'zh-CN': `表决结果公告：${f.title}`, en: `Final result: ${f.title}` },
    body: { 'zh-CN': `${n['zh-CN']}最终结果：${f.summary['zh-CN']}。`, en: `${n.en} Final result: ${f.summary.en}.` },
  };
}

/** One sentence for an owner: where the vote stands and what to do now. */
export function timelineSummary(v: VoteTimelineInput, phase: VotePhase, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (phase) {
    case 'draft':
      return zh ? '表决尚在筹备中，尚未发布通知。' : 'The vote is being prepared; no notice has been published yet.';
    case 'roll_check':
      return zh
        ? `投票将于 ${when(v.opensAt!, locale)} 开始；在此之前请核对名册（核对期至 ${when(v.rollCheckEndsAt!, locale)}）。`
        : `Voting opens at ${when(v.opensAt!, locale)}; before then please check the roll (until ${when(v.rollCheckEndsAt!, locale)}).`;
    case 'waiting':
      return zh ? `名册核对已结束，投票将于 ${when(v.opensAt!, locale)} 开始。` : `The roll check has ended; voting opens at ${when(v.opensAt!, locale)}.`;
    case 'voting':
      return zh ? `正在投票，${when(v.closesAt, locale)} 截止。` : `Voting is open until ${when(v.closesAt, locale)}.`;
    case 'objection':
      return zh
        ? `已公示初步统计结果；${when(v.objectionEndsAt!, locale)} 前可凭投票回执核对选票并提出询异。`
        : `The preliminary result is published; until ${when(v.objectionEndsAt!, locale)} you may check your ballot by its receipt and dispute it.`;
    case 'awaiting_final':
      return zh ? '询异期已结束，待异议处理完毕后公布最终结果。' : 'The dispute window has ended; the final result follows once every dispute is resolved.';
    case 'final':
      return zh ? '最终结果已公布。' : 'The final result is published.';
  }
}
