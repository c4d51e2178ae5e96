/** Words of the owners'-assembly timeline: the stages, the staff's stepper and its confirmations, the compound's periods, the board's notices. */
export const voteTimelineMessages = {
  'timeline.heading': { 'zh-CN': '表决进程', en: 'Stages of the vote' },
  'timeline.stage.announcement': { 'zh-CN': '投票通知公告', en: 'Voting notice' },
  'timeline.stage.roll_check': { 'zh-CN': '名册核对', en: 'Roll check' },
  'timeline.stage.voting': { 'zh-CN': '投票', en: 'Voting' },
  'timeline.stage.preliminary_result': { 'zh-CN': '初步统计结果公示', en: 'Preliminary result' },
  'timeline.stage.objection': { 'zh-CN': '询异期', en: 'Objection period' },
  'timeline.stage.final_result': { 'zh-CN': '最终结果公告', en: 'Final result' },
  'timeline.state.done': { 'zh-CN': '已完成', en: 'done' },
  'timeline.state.current': { 'zh-CN': '进行中', en: 'now' },
  'timeline.state.upcoming': { 'zh-CN': '未开始', en: 'to come' },
  'timeline.from': { 'zh-CN': '{time} 起', en: 'from {time}' },
  'timeline.until': { 'zh-CN': '至 {time}', en: 'until {time}' },
  'timeline.range': { 'zh-CN': '{from} 至 {until}', en: '{from} to {until}' },
  'timeline.notices': { 'zh-CN': '已发布的公告', en: 'Published notices' },
  'timeline.publishedAt': { 'zh-CN': '发布于 {time}', en: 'Published {time}' },
  'timeline.reason': { 'zh-CN': '理由：{reason}', en: 'Reason: {reason}' },
  'timeline.preliminaryNote': {
    'zh-CN': '这是初步统计结果；询异期满且异议处理完毕后公布最终结果。',
    en: 'This is the preliminary result; the final result follows once the dispute window has ended and every dispute is resolved.',
  },
  // The staff's stepper
  'timeline.next': { 'zh-CN': '下一步', en: 'Next step' },
  'timeline.announce': { 'zh-CN': '发布投票通知公告', en: 'Publish the voting notice' },
  'timeline.announceConfirm': {
    'zh-CN':
      '发布后：公告立即在公示栏公开，表决名册冻结并公示供业主核对（{rollCheckDays} 日），全体业主收到通知；投票最早于公告满 {noticeDays} 日后开始。公告发布后不能撤回。',
    en: 'Once published: the notice goes up on the board at once, the roll is frozen and published for owners to check ({rollCheckDays} days), every owner is told; voting opens no sooner than {noticeDays} days later. A published notice cannot be withdrawn.',
  },
  'timeline.open': { 'zh-CN': '开始投票', en: 'Open voting' },
  'timeline.openConfirm': {
    'zh-CN': '开始后业主即可投票，全体业主收到通知。到了设定的开始时间系统也会自动开始。',
    en: 'Owners can vote from now on and are told so. The vote also opens by itself at its set time.',
  },
  'timeline.opensOn': { 'zh-CN': '将于 {time} 自动开始投票（公告满 {days} 日）。', en: 'Voting opens by itself at {time} ({days} days after the notice).' },
  'timeline.extend': { 'zh-CN': '延期', en: 'Extend' },
  'timeline.extendConfirm': {
    'zh-CN': '延期公示将连同理由在公示栏发布，并通知业主；已投的票继续有效。发布后不能撤回。',
    en: 'The extension is published on the board with its reason and the owners are told; ballots already cast still count. It cannot be withdrawn.',
  },
  'timeline.newClosesAt': { 'zh-CN': '新的截止时间', en: 'New closing time' },
  'timeline.extendReason': { 'zh-CN': '延期理由（至少 4 个字，将公开）', en: 'Reason (at least 4 characters; published)' },
  'timeline.finalise': { 'zh-CN': '公布最终结果', en: 'Publish the final result' },
  'timeline.finaliseConfirm': {
    'zh-CN': '最终结果公告将在公示栏发布，并通知全体业主。发布后不能撤回。',
    en: 'The final result is published on the board and every owner is told. It cannot be withdrawn.',
  },
  'timeline.finaliseAfter': {
    'zh-CN': '询异期至 {time}；期满且异议处理完毕后可公布最终结果（系统也会自动公布）。',
    en: 'Disputes until {time}; after that, with every dispute resolved, the final result can be published (it also is by itself).',
  },
  'timeline.confirm': { 'zh-CN': '确认发布', en: 'Confirm and publish' },
  'timeline.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'timeline.done.announce': { 'zh-CN': '投票通知公告已发布', en: 'The voting notice is published' },
  'timeline.done.open': { 'zh-CN': '投票已开始', en: 'Voting is open' },
  'timeline.done.extend': { 'zh-CN': '延期公示已发布', en: 'The extension is published' },
  'timeline.done.finalise': { 'zh-CN': '最终结果已公布', en: 'The final result is published' },
  // Settings
  'timeline.settings': { 'zh-CN': '业主大会表决期限', en: "Owners'-assembly vote periods" },
  'timeline.settingsDefaults': { 'zh-CN': '目前使用默认期限。', en: 'The default periods apply.' },
  'timeline.noticeDays': { 'zh-CN': '公告期（日，至少 15 日）', en: 'Notice (days, at least 15)' },
  'timeline.rollCheckDays': { 'zh-CN': '名册核对期（日）', en: 'Roll check (days)' },
  'timeline.objectionDays': { 'zh-CN': '询异期（日）', en: 'Dispute window (days)' },
  'timeline.proxyCap': { 'zh-CN': '每位受托人最多代理户数', en: 'Units one proxy may represent' },
  'timeline.save': { 'zh-CN': '保存期限', en: 'Save periods' },
  'timeline.saved': { 'zh-CN': '已保存，之后发布的表决公告按新期限执行。', en: 'Saved; votes announced from now on follow them.' },
  // Create page
  'timeline.createHint': {
    'zh-CN':
      '这是业主大会表决事项（民法典第二百七十八条）：须先发布投票通知公告，公告满 {days} 日后方可开始投票（《物业管理条例》第十四条）。已将开始时间设为 {time}，您可以推后。',
    en: "This is an owners'-assembly matter (Civil Code art. 278): its voting notice is published first and voting opens no sooner than {days} days later (Property Management Regulations, art. 14). The opening is set to {time}; you may set it later.",
  },
  'timeline.opensAt': { 'zh-CN': '投票开始时间', en: 'Voting opens at' },
  // Board
  'timeline.boardHeading': { 'zh-CN': '表决公告', en: 'Vote notices' },
  'timeline.boardEmpty': { 'zh-CN': '暂无表决公告。', en: 'No vote notices yet.' },
} as const;
