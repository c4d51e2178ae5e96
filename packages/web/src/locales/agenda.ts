/** Words of the live agenda's freeze notice, the hand-back of edits that missed it, undo, the read-only state, and the live status line. */
export const agendaMessages = {
  'agenda.frozenNotice': { 'zh-CN': '会议已开始，议程已冻结，不能再修改。', en: 'The meeting has started: the agenda is frozen and can no longer be changed.' },
  'agenda.frozenNoticeDetail': {
    'zh-CN': '下面是冻结后的议程，会上按它逐项议事。',
    en: 'Below is the frozen agenda; the meeting takes its items one by one.',
  },
  'agenda.readOnlyLive': { 'zh-CN': '您只能查看议程，修改不会保存。', en: 'You can only read the agenda; changes are not saved.' },
  'agenda.handBackTitle': { 'zh-CN': '以下修改没有保存', en: 'These changes were not saved' },
  'agenda.handBackIntro': {
    'zh-CN': '会议开始时，您的这些修改还没有送达，没有进入冻结的议程。如果仍然需要，请告诉会议主持人。',
    en: 'When the meeting started these changes of yours had not arrived, so they are not in the frozen agenda. If they still matter, tell the chair.',
  },
  'agenda.handBack.added': { 'zh-CN': '您新加的议题“{title}”没有加入议程。', en: 'The item you added, “{title}”, is not on the agenda.' },
  'agenda.handBack.addedNotes': {
    'zh-CN': '您新加的议题“{title}”没有加入议程（备注：{notes}）。',
    en: 'The item you added, “{title}”, is not on the agenda (notes: {notes}).',
  },
  'agenda.handBack.removed': { 'zh-CN': '您删除的议题 {n}“{title}”仍在议程中。', en: 'Item {n}, “{title}”, which you removed, is still on the agenda.' },
  'agenda.handBack.moved': { 'zh-CN': '您移动的议题 {n}“{title}”仍在原来的位置。', en: 'Item {n}, “{title}”, which you moved, is still in its old place.' },
  'agenda.handBack.changed': {
    'zh-CN': '议题 {n} 的{field}：您改成了“{mine}”，冻结的是“{frozen}”。',
    en: 'Item {n}, {field}: you changed it to “{mine}”; the frozen agenda has “{frozen}”.',
  },
  'agenda.handBack.field.title': { 'zh-CN': '名称', en: 'title' },
  'agenda.handBack.field.party': { 'zh-CN': '汇报方', en: 'presenting party' },
  'agenda.handBack.field.minutes': { 'zh-CN': '时长（分钟）', en: 'time box (minutes)' },
  'agenda.handBack.field.notes': { 'zh-CN': '备注', en: 'notes' },
  'agenda.handBack.field.links': { 'zh-CN': '关联的诉求/提案', en: 'linked concerns/proposals' },
  'agenda.handBack.empty': { 'zh-CN': '（空）', en: '(empty)' },
  'agenda.untitled': { 'zh-CN': '（无标题）', en: '(untitled)' },
  'agenda.removed': { 'zh-CN': '已删除议题“{title}”。', en: 'Item “{title}” removed.' },
  'agenda.undoRemove': { 'zh-CN': '撤销删除', en: 'Undo' },
  'agenda.dismiss': { 'zh-CN': '知道了', en: 'OK' },
  // The status line of a live document (agenda and minutes; components/common/collab-status.ts).
  'collab.offline': { 'zh-CN': '离线：修改保存在本机，联网后自动同步', en: 'Offline: changes are kept on this device and sync when the connection returns' },
  'collab.syncing': { 'zh-CN': '正在同步…', en: 'Syncing…' },
  'collab.unsent': { 'zh-CN': '有未同步的修改 {n} 处', en: 'Unsynced changes: {n}' },
  'collab.others': { 'zh-CN': '同时在线：{names}', en: 'Also here: {names}' },
} as const;
