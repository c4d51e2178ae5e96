/**
 * The parts of the meeting page a meeting shows beyond the page itself, each a module of the web app
 * loaded with the meetings that show it (issue 18): the live agenda editor (Yjs and its websocket
 * provider, about a third of the page's code) only while the agenda can still be co-edited. Once the
 * meeting has started, the agenda is frozen and the page shows its outcomes: the meeting room on a
 * phone at 9 pm loads no Yjs. One rule for the web page (packages/web/src/pages/meetings/meeting-page.ts)
 * and the server, which names the part's files in the page's HTML when it writes the meeting there
 * (packages/server/src/http/page-answers.ts). A part is named as its module.
 */
import type { MeetingView } from './meetings.schema.js';

export type MeetingPagePart = 'agenda-editor';

export function meetingPageParts(view: {
  meeting: Pick<MeetingView['meeting'], 'status' | 'agendaFrozenAt'>;
  permissions: Pick<MeetingView['permissions'], 'agenda'>;
}): MeetingPagePart[] {
  const live = view.meeting.agendaFrozenAt === null && view.meeting.status !== 'closed' && view.permissions.agenda !== 'none';
  return live ? ['agenda-editor'] : [];
}
