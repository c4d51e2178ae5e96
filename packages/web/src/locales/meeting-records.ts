/** Words of a meeting entered after it was held (补录): the box on the new-meeting form, and its steps on the meeting page. */
export const meetingRecordMessages = {
  'meetings.recorded': { 'zh-CN': '补录已开过的会议', en: 'Enter a meeting already held' },
  'meetings.recordedHint': {
    'zh-CN':
      '会已经开过、当时没在系统里建的，勾选后填当时的开始时间（{days} 天内）。不发会议通知，直接录入议程、到场人员、议定结果和居民提问，纪要照常生成和公示。',
    en: 'For a meeting already held that was not entered before: tick this and give the time it began (within {days} days). No notice goes out; enter its agenda, who came, the outcomes and the questions, and publish its minutes as usual.',
  },
  'meetings.recordedStartsAt': { 'zh-CN': '当时的开始时间', en: 'When it began' },
  'meeting.recordedDraft': {
    'zh-CN': '这是补录的会议，不发会议通知。先把当时讨论的议题写进议程，再点“开始录入”，登记到场人员和议定结果。',
    en: 'This meeting is entered after it was held: no notice goes out. Write the items it discussed into the agenda, then press “Start entering” to note who came and the outcomes.',
  },
  'meeting.recordedSession': {
    'zh-CN': '正在补录：签到的人按会议开始时间（{time}）记为到场。全部录完后点“补录完成”。',
    en: 'Being entered: those signed in are noted present from when it began ({time}). Press “Finish entering” when everything is in.',
  },
  'meeting.recordedClosed': {
    'zh-CN': '这次会议是会后补录的，会前没有发布会议通知。',
    en: 'This meeting was entered after it was held; no notice went out before it.',
  },
  'meeting.recordStart': { 'zh-CN': '开始录入（锁定议程）', en: 'Start entering (freeze the agenda)' },
  'meeting.recordStartTitle': { 'zh-CN': '开始录入会议内容', en: 'Start entering the meeting' },
  'meeting.confirmRecordStart': {
    'zh-CN': '议程将锁定。会议记为 {time} 开始，之后登记到场人员和各议题的议定结果。不会发出会议通知。',
    en: 'The agenda will be frozen. The meeting is recorded as begun at {time}; then note who came and each item’s outcome. No notice goes out.',
  },
  'meeting.recordStartConfirm': { 'zh-CN': '确定开始录入', en: 'Start entering' },
  'meeting.recordClose': { 'zh-CN': '补录完成', en: 'Finish entering' },
  'meeting.confirmRecordClose': {
    'zh-CN': '会议将记为 {time} 结束，之后不能再签到。议定结果和答复仍可补记，纪要照常生成和公示。',
    en: 'The meeting is recorded as closed at {time}; nobody can sign in after that. Outcomes and answers can still be added, and the minutes are generated and published as usual.',
  },
  'meeting.recordCloseConfirm': { 'zh-CN': '确定完成', en: 'Finish' },
};
