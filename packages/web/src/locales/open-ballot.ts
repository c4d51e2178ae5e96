/** Words of the verifiable open ballot (receipt positions, the published files) and of the board's anchored heads (存证). */
export const openBallotMessages = {
  'openBallot.position': { 'zh-CN': '您的选票是本次投票日志中的第 {n} 条记录', en: 'Your ballot is entry {n} in this vote’s ballot log' },
  'openBallot.positionHint': {
    'zh-CN': '投票结束后，整本投票日志会公开，您可以核对第 {n} 条就是您的选票。',
    en: 'After closing the whole ballot log is published: you can check that entry {n} is your ballot.',
  },
  'openBallot.filesHeading': { 'zh-CN': '自己重新计票', en: 'Recount it yourself' },
  'openBallot.filesIntro': {
    'zh-CN':
      '下载名册（谁参与了）和选票（按回执码，含整本投票日志），用 recount 命令自己重算结果，看是否和公布的一样（做法见本系统说明文档 docs/recount.md）。',
    en: 'Download the roll (who took part) and the ballots (by receipt code, with the whole ballot log) and recompute the result with the recount command (see docs/recount.md).',
  },
  'openBallot.rollJson': { 'zh-CN': '下载名册（JSON）', en: 'Roll (JSON)' },
  'openBallot.ballotsJson': { 'zh-CN': '下载选票和日志（JSON）', en: 'Ballots and log (JSON)' },
  'openBallot.rollCsv': { 'zh-CN': '名册（Excel 可打开的 CSV）', en: 'Roll (CSV)' },
  'openBallot.ballotsCsv': { 'zh-CN': '选票（Excel 可打开的 CSV）', en: 'Ballots (CSV)' },
  'openBallot.anchor': {
    'zh-CN': '存证：本次投票日志共 {n} 条记录，{date} 在公示栏公布，末条哈希：',
    en: 'Anchor: this vote’s ballot log has {n} entries, published on the board {date}; last hash:',
  },
  'openBallot.anchorQr': { 'zh-CN': '扫码查看公示栏存证', en: 'QR code: the anchored heads on the board' },
  'anchors.heading': { 'zh-CN': '存证', en: 'Anchored records' },
  'anchors.intro': {
    'zh-CN':
      '下面是台账和各次投票日志的“链头”：记录条数和最后一条的指纹（哈希）。每天公布一次，投票结束时再公布一次。请下载保存或拍照：以后任何人改动或删除了之前的记录，都能用它查出来。',
    en: 'The heads of the sign-off ledger and of each vote’s ballot log: how many entries and the fingerprint (hash) of the last one, published daily and when a vote closes. Download or photograph them: any later change or deletion of earlier entries can be caught with them.',
  },
  'anchors.ledger': { 'zh-CN': '整改销号台账', en: 'Sign-off ledger' },
  'anchors.ballotLog': { 'zh-CN': '投票日志：{title}', en: 'Ballot log: {title}' },
  'anchors.entries': { 'zh-CN': '{n} 条记录', en: '{n} entries' },
  'anchors.publishedOn': { 'zh-CN': '{date} 公布', en: 'published {date}' },
  'anchors.hash': { 'zh-CN': '指纹（哈希）', en: 'Fingerprint (hash)' },
  'anchors.download': { 'zh-CN': '下载存证（JSON）', en: 'Download the heads (JSON)' },
  'anchors.none': { 'zh-CN': '还没有公布的链头。', en: 'No heads published yet.' },
} as const;
