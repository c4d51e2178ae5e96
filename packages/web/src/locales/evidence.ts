/** The evidence bundle download (votes and meetings). */
import type { Localised } from '../i18n.js';

export const evidenceMessages = {
  'evidence.heading': { 'zh-CN': '存证材料', en: 'Evidence bundle' },
  'evidence.introVote': {
    'zh-CN':
      '把这次表决的全部记录打包下载：各阶段公告、表决名册及更正、按方式分列的选票（含委托书和纸质选票照片）、统计结果、询异记录和投票日志校验。压缩包内附 SHA-256 校验清单和 PDF 摘要，可交给上级部门或法院。',
    en: "Download this vote's complete record as one ZIP: the notices of each stage, the roll and its corrections, the ballots by channel (with proxy forms and paper slips), the tally, the disputes and the ballot-log proof, with a SHA-256 manifest and a PDF summary — for the authorities or a court.",
  },
  'evidence.introMeeting': {
    'zh-CN': '把这次会议的全部记录打包下载：议题、签到、议定事项、各版纪要、会上发起的表决、整改事项及台账校验。压缩包内附 SHA-256 校验清单和 PDF 摘要。',
    en: "Download this meeting's complete record as one ZIP: agenda, sign-in, outcomes, every minutes version, its votes, its action items with the ledger proof, with a SHA-256 manifest and a PDF summary.",
  },
  'evidence.download': { 'zh-CN': '导出存证材料（ZIP）', en: 'Download the evidence bundle (ZIP)' },
  'evidence.working': {
    'zh-CN': '正在整理材料并生成摘要，通常需要几秒钟…',
    en: 'Gathering the record and making the summary; this usually takes a few seconds…',
  },
  'evidence.saved': { 'zh-CN': '已下载：{name}', en: 'Downloaded: {name}' },
} satisfies Record<string, Localised>;
