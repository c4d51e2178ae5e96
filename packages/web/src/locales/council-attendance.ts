/** Words of a council's attendee added on the spot: someone who came without an invitation, signed in at once. */
export const councilAttendanceMessages = {
  'councilWalkIn.open': { 'zh-CN': '＋ 添加名单外的参会人', en: '+ Add someone not on the list' },
  'councilWalkIn.help': {
    'zh-CN': '代表没有提前授权也能签到：如站长代表社区出席、部门临时派人。添加后立即签到，计入法定人数。',
    en: 'A representative without a grant can still sign in: the station chief sitting for the community, a department’s stand-in. Added and signed in at once, counted for the quorum.',
  },
  'councilWalkIn.helpBefore': {
    'zh-CN': '可以先把临时确定的参会人加入名单，会议当天再签到。',
    en: 'Add someone confirmed late to the list now; they sign in on the day of the meeting.',
  },
  'councilWalkIn.title': { 'zh-CN': '添加名单外的参会人', en: 'Someone not on the list' },
  'councilWalkIn.name': { 'zh-CN': '姓名', en: 'Name' },
  'councilWalkIn.party': { 'zh-CN': '代表哪一方', en: 'Which party they represent' },
  'councilWalkIn.organisation': { 'zh-CN': '单位或职务（选填）', en: 'Organisation or post (optional)' },
  'councilWalkIn.organisationHint': {
    'zh-CN': '如 区城管局、万家物业项目经理',
    en: 'Such as the district city management bureau, the property’s project manager',
  },
  'councilWalkIn.nameRequired': { 'zh-CN': '请填写姓名', en: 'Give the name' },
  'councilWalkIn.partyRequired': { 'zh-CN': '请选择代表哪一方', en: 'Choose which party they represent' },
  'councilWalkIn.addPresent': { 'zh-CN': '添加并签到', en: 'Add and sign in' },
  'councilWalkIn.addInvited': { 'zh-CN': '加入参会名单', en: 'Add to the list' },
  'councilWalkIn.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'councilWalkIn.addedPresent': { 'zh-CN': '已添加并签到：{name}（{party}）', en: 'Added and signed in: {name} ({party})' },
  'councilWalkIn.addedInvited': { 'zh-CN': '已加入参会名单：{name}（{party}）', en: 'Added to the list: {name} ({party})' },
  'councilWalkIn.notSaved': { 'zh-CN': '{name} 没有添加：{why}', en: '{name} was not added: {why}' },
  'councilWalkIn.offline': { 'zh-CN': '现在没有网络，联网后才能添加。', en: 'No network now: adding needs the network.' },
} as const;
