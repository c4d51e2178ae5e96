/** Words of the verifiable open ballot (receipt positions, the published files) and of the board's anchored heads (存证). */
export const openBallotMessages = {
  'openBallot.position': { 'zh-CN': '您的选票是本次投票日志中的第 {n} 条记录', en: 'Your ballot is entry {n} in this vote’s ballot log' },
  'openBallot.positionHint': {
    'zh-CN': '投票结束后，整本投票日志会公开，您可以核对第 {n} 条就是您的选票。',
    en: 'After closing the whole ballot log is published: you can check that entry {n} is your ballot.',
  },
  'openBallot.filesHeading': { 'zh-CN': '自己重新计票', en: 'Recount it yourself' },
  'openBallot.filesIntro': {
    'zh-CN': '下载名册（谁参与了）和选票（按回执码，含整本投票日志），在本机一键重新计票，或请懂电脑的人用议事自带的重算工具核对，看结果是否和公布的一样。',
    en: 'Download the roll (who took part) and the ballots (by receipt code, with the whole ballot log), then recount here in one tap or with Yishi’s recount command, and see whether the result is the one published.',
  },
  'openBallot.recountHere': { 'zh-CN': '在本机重新计票', en: 'Recount on this device' },
  'openBallot.recounting': { 'zh-CN': '正在下载两个文件并重新计票…', en: 'Downloading the two files and recounting…' },
  'openBallot.recountMatches': { 'zh-CN': '结论：与公布的结果一致。', en: 'Conclusion: the published result is reproduced.' },
  'openBallot.recountMatchesPart': {
    'zh-CN': '结论：能核对的部分都与公布的结果一致（不记名表决，见上）。',
    en: 'Conclusion: everything that can be checked matches the published result (secret ballot, see above).',
  },
  'openBallot.recountDiffers': {
    'zh-CN': '结论：与公布的结果不一致，见上面标 ✗ 的各项。',
    en: 'Conclusion: this does not match the published result; see the items marked ✗.',
  },
  'openBallot.recountUnreachable': {
    'zh-CN': '没能下载公布的文件，请检查网络后再试。',
    en: 'Could not download the published files; check the connection and try again.',
  },
  'openBallot.recountBroken': {
    'zh-CN': '公布的文件不完整或格式不对，无法重新计票。',
    en: 'The published files are incomplete or malformed: they cannot be recounted.',
  },
  'openBallot.rollJson': { 'zh-CN': '下载名册（JSON）', en: 'Roll (JSON)' },
  'openBallot.ballotsJson': { 'zh-CN': '下载选票和日志（JSON）', en: 'Ballots and log (JSON)' },
  'openBallot.rollCsv': { 'zh-CN': '名册（表格，可用 Excel 打开）', en: 'Roll (CSV)' },
  'openBallot.ballotsCsv': { 'zh-CN': '选票（表格，可用 Excel 打开）', en: 'Ballots (CSV)' },
  'openBallot.anchor': {
    'zh-CN': '存证：本次投票日志共 {n} 条记录，{date} 在公示栏公布了它的指纹：',
    en: 'Record fingerprint: this vote’s ballot log has {n} entries; its fingerprint, published on the board {date}:',
  },
  'openBallot.anchorQr': { 'zh-CN': '扫码查看公示栏存证', en: 'QR code: the fingerprints on the board' },
  'anchors.heading': { 'zh-CN': '存证：记录指纹', en: 'Record fingerprints' },
  'anchors.intro': {
    'zh-CN':
      '整改销号台账和每次投票的日志，都各有一串“指纹”（下面的字母和数字）。哪怕只改动或删掉一条记录，指纹就对不上了。每天公布一次，投票结束时再公布一次。请拍照或下载保存，日后有人怀疑记录被改过，拿出来一对就知道。',
    en: 'The sign-off ledger and the ballot log of each vote each have a fingerprint (the letters and digits below). Change or delete even one entry and it no longer matches. Published daily and again when a vote closes. Take a photo or download them: if anyone later doubts the records, compare them with what you kept.',
  },
  'anchors.ledger': { 'zh-CN': '整改销号台账', en: 'Sign-off ledger' },
  'anchors.ballotLog': { 'zh-CN': '投票日志：{title}', en: 'Ballot log: {title}' },
  'anchors.entries': { 'zh-CN': '{n} 条记录', en: '{n} entries' },
  'anchors.publishedOn': { 'zh-CN': '{date} 公布', en: 'published {date}' },
  'anchors.hash': { 'zh-CN': '记录指纹', en: 'Fingerprint' },
  'anchors.download': { 'zh-CN': '下载指纹文件，留着以后核对', en: 'Download the fingerprints to check against later' },
  'anchors.none': {
    'zh-CN': '还没有公布过记录指纹。有了整改台账或投票记录后，这里每天公布一次，供大家拍照留存，日后核对记录有没有被改过。',
    en: 'No record fingerprints published yet. Once there are sign-offs or votes, they appear here daily, for anyone to photograph and later check that no record was changed.',
  },
} as const;
