/** `minutes-<meetingId>`: the draft minutes, written by the secretary, committee and convener; others refused. */
import { editsMeetingAgenda, meetingKind, minutesPublishers, minutesWriters, type MeetingKind, type Party, type Role } from '@yishi/core';
import { rolesAt } from '../auth/authorize.js';
import { findMeeting } from '../db/repositories/meetings.repository.js';
import { findMinutesDraft } from '../db/repositories/minutes.repository.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { partiesAt } from '../services/meeting-access.js';
import type { CollabDocumentKind } from './registry.js';

/** Writers and the convener write (and a kind's members); everybody else is refused (drafts are not public). */
export function minutesDocumentAccess(kind: MeetingKind, roles: ReadonlySet<Role>, parties: ReadonlySet<Party> = new Set()): 'write' | 'none' {
  const writes = [...minutesWriters(kind), ...minutesPublishers(kind)].some((r) => roles.has(r)) || editsMeetingAgenda(meetingKind(kind), { roles, parties });
  return writes ? 'write' : 'none';
}

export const minutesDocumentKind: CollabDocumentKind = {
  kind: 'minutes',
  authorize: async (deps, actor, meetingId) => {
    const meeting = await findMeeting(deps.db, meetingId);
    // No document before the draft is generated from the meeting record.
    if (!meeting || !(await findMinutesDraft(deps.db, meetingId))) return 'not_found';
    const chain = await findCompoundChain(deps.db, meeting.compound_id);
    if (!chain) return 'not_found';
    return minutesDocumentAccess(meeting.kind, rolesAt(actor, chain), partiesAt(actor, meeting.compound_id));
  },
};
