/**
 * All UI strings, merged from one file per feature. Add yours with ONE import and ONE spread line;
 * keys are namespaced by feature (`roster.apply`, `meetings.title`), so merges never collide.
 */
import type { Localised } from '../i18n.js';
import { shellMessages } from './shell.js';
import { voteMessages } from './votes.js';
import { voteNavigatorMessages } from './vote-navigator.js';
import { voteProxyMessages } from './vote-proxies.js';
import { voteObjectionMessages } from './vote-objections.js';
import { voteTimelineMessages } from './vote-timeline.js';
import { foundationMessages } from './foundation.js';
import { meetingsMessages } from './meetings.js';
import { committeeMessages } from './committee.js';
import { talkAttendanceMessages } from './talk-attendance.js';
import { councilAttendanceMessages } from './council-attendance.js';
import { meetingRecordMessages } from './meeting-records.js';
import { actionItemMessages } from './action-items.js';

import { minutesMessages } from './minutes.js';
import { accountsMessages } from './accounts.js';
import { adminMessages } from './admin.js';
import { homeMessages } from './home.js';
import { boardMessages } from './board.js';
import { agendaMessages } from './agenda.js';
import { notificationMessages } from './notifications.js';
import { evidenceMessages } from './evidence.js';
import { openBallotMessages } from './open-ballot.js';
export const messages = {
  ...shellMessages,
  ...voteMessages,
  ...voteNavigatorMessages,
  ...voteProxyMessages,
  ...voteObjectionMessages,
  ...voteTimelineMessages,
  ...foundationMessages,
  ...meetingsMessages,
  ...committeeMessages,
  ...talkAttendanceMessages,
  ...councilAttendanceMessages,
  ...meetingRecordMessages,
  ...actionItemMessages,
  ...minutesMessages,
  ...accountsMessages,
  ...adminMessages,
  ...homeMessages,
  ...boardMessages,
  ...agendaMessages,
  ...notificationMessages,
  ...evidenceMessages,
  ...openBallotMessages,
} satisfies Record<string, Localised>;

export type MessageKey = keyof typeof messages;
