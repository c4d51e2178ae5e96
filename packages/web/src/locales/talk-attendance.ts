/** Words of who came to an evening talk: the residents counted, the cadres and staff noted by name. */
export const talkAttendanceMessages = {
  'talkAttendance.heading': { 'zh-CN': '到场情况', en: 'Who came' },
  'talkAttendance.help': {
    'zh-CN': '居民不逐一签到：填写到场居民的大约人数，并登记到场的社区干部和部门工作人员，纪要“参会人员”据此生成。',
    en: 'Residents do not sign in one by one: give roughly how many came, and note the cadres and department staff present; the minutes’ attendance is written from these.',
  },
  'talkAttendance.residents': { 'zh-CN': '居民群众约 {count} 人', en: 'About {count} residents' },
  'talkAttendance.noResidents': { 'zh-CN': '居民人数未登记', en: 'Residents not counted' },
  'talkAttendance.staffCount': { 'zh-CN': '干部和工作人员 {count} 人', en: '{count} cadres and staff' },
  'talkAttendance.nothing': {
    'zh-CN': '尚未登记到场情况（纪要将写：未逐一签到登记）。',
    en: 'Nobody noted yet (the minutes will say nobody signed in one by one).',
  },
  'talkAttendance.countLabel': { 'zh-CN': '到场居民人数（约）', en: 'Residents present (about)' },
  'talkAttendance.countHint': { 'zh-CN': '只填数字，如 40；清空后保存表示不登记人数', en: 'A number only, such as 40; save it empty to leave it uncounted' },
  // The server's words for the same refusals (core meetings.errors.ts): the meeting page carries no error table.
  'talkAttendance.countInvalid': {
    'zh-CN': '到场居民人数请填写 0 或正整数（如 40）',
    en: 'Give the number of residents who came as 0 or a whole number (such as 40)',
  },
  'talkAttendance.countTooLarge': { 'zh-CN': '到场居民人数最多填写 {max}', en: 'The number of residents is at most {max}' },
  'talkAttendance.nameRequired': { 'zh-CN': '请填写姓名', en: 'Give the name' },
  'talkAttendance.saveCount': { 'zh-CN': '保存人数', en: 'Save the count' },
  'talkAttendance.countSaved': { 'zh-CN': '已保存：居民群众约 {count} 人', en: 'Saved: about {count} residents' },
  'talkAttendance.countCleared': { 'zh-CN': '已清除居民人数', en: 'Residents’ count cleared' },
  'talkAttendance.staffHeading': { 'zh-CN': '到场干部和工作人员', en: 'Cadres and staff present' },
  'talkAttendance.noStaff': { 'zh-CN': '还没有登记干部或工作人员。', en: 'No cadres or staff noted yet.' },
  'talkAttendance.name': { 'zh-CN': '姓名', en: 'Name' },
  'talkAttendance.organisation': { 'zh-CN': '单位或部门（如 社区居委会）', en: 'Organisation or department (such as the residents’ committee)' },
  'talkAttendance.add': { 'zh-CN': '登记到场', en: 'Note as present' },
  'talkAttendance.added': { 'zh-CN': '已登记：{name}', en: 'Noted: {name}' },
  'talkAttendance.remove': { 'zh-CN': '移除', en: 'Remove' },
  'talkAttendance.removeLabel': { 'zh-CN': '移除 {name}', en: 'Remove {name}' },
  'talkAttendance.removed': { 'zh-CN': '已移除：{name}', en: 'Removed: {name}' },
  'talkAttendance.undoRemove': { 'zh-CN': '撤销', en: 'Undo' },
  'talkAttendance.restored': { 'zh-CN': '已撤销移除：{name} 仍在到场名单中', en: 'Undone: {name} is on the list again' },
  'talkAttendance.offline': {
    'zh-CN': '需要联网才能登记到场情况；联网后再填写。',
    en: 'Noting who came needs the network; fill it in once you are online.',
  },
  'talkAttendance.from': { 'zh-CN': '会议当天（{date}）开始登记到场情况。', en: 'Who came can be noted from the day of the talk ({date}).' },
} as const;
