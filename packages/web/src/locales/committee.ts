/** Words of the owners' committee meeting (业委会会议): members' sign-in and quorum, decisions by all members, the minutes' signatures. */
export const committeeMessages = {
  'committee.noticeRule': {
    'zh-CN': '{kind}须至少提前 {days} 天发布会议通知和议程，发布后议程即锁定。现在发布，会议最早可定在 {date}。',
    en: 'A {kind} publishes its notice and agenda at least {days} days ahead, and the agenda is then fixed. Published today, it can be held on {date} at the earliest.',
  },
  'committee.members': { 'zh-CN': '委员签到', en: "Members' sign-in" },
  'committee.inPerson': {
    'zh-CN': '委员须本人到场签到、本人表决，不得委托他人代为出席或表决。',
    en: 'Members sign in and agree in person; nobody attends or agrees on behalf of another.',
  },
  'committee.decided': { 'zh-CN': '委员表决', en: "Members' decision" },
  'committee.passed': { 'zh-CN': '通过', en: 'Passed' },
  'committee.notPassed': { 'zh-CN': '未通过', en: 'Not passed' },
  'committee.agreedMembers': { 'zh-CN': '同意委员：{names}', en: 'Agreed: {names}' },
  'committee.noneAgreed': { 'zh-CN': '没有委员同意', en: 'No member agreed' },
  'committee.whoAgreed': { 'zh-CN': '同意的委员（只能选本人到场签到的委员）', en: 'Members who agreed (only members signed in, in person)' },
  'committee.ruleAll': {
    'zh-CN': '决定须经全体委员过半数同意（不是到会委员的过半数）：共 {members} 名委员，需 ≥ {needed} 人同意。',
    en: 'A decision needs more than half of ALL the members, not of those present: {members} members, so ≥ {needed} must agree.',
  },
  // Minutes
  'committee.signatures': { 'zh-CN': '出席委员签字', en: "Attending members' signatures" },
  'committee.signaturesHelp': {
    'zh-CN': '每位出席委员核对草稿后在此确认签字；全部签字后纪要才能公示。草稿在签字后有改动的，须重新核对签字。',
    en: 'Each member who attended checks the draft and signs here; the minutes are published once all have signed. If the draft changes after someone signed, they check and sign again.',
  },
  'committee.signedAt': { 'zh-CN': '已核对签字 · {time}', en: 'Checked and signed · {time}' },
  'committee.notSigned': { 'zh-CN': '待签字', en: 'Not signed yet' },
  'committee.stale': { 'zh-CN': '草稿在签字后有改动，须重新签字', en: 'The draft changed after signing; sign again' },
  'committee.sign': { 'zh-CN': '我已核对，确认签字', en: 'I have checked it: sign' },
  'committee.signTitle': { 'zh-CN': '确认签字', en: 'Sign the minutes' },
  'committee.signConfirm': {
    'zh-CN': '我已核对纪要草稿的全部内容，确认与会议情况一致。签字将记录时间，不能撤回；草稿之后如有改动，需要重新签字。',
    en: 'I have checked the whole draft and it matches the meeting. The signature is recorded with the time and cannot be withdrawn; if the draft changes later, I sign again.',
  },
  'committee.signed': { 'zh-CN': '已签字', en: 'Signed' },
  'committee.waitingSignatures': {
    'zh-CN': '还有出席委员未签字：{names}。全部签字后才能公示。',
    en: 'Still to sign: {names}. The minutes are published once all have signed.',
  },
  'committee.signedLine': { 'zh-CN': '{name} · 在线确认签字 {time}', en: '{name} · signed in the app {time}' },
} as const;
