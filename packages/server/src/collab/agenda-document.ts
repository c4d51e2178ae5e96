/** `agenda-<meetingId>`: committee members of the meeting (an owners' committee's own members) write until it is frozen; other staff read; once frozen, all read. */
import { agendaAccess } from '@yishi/core';
import { rolesAt } from '../auth/authorize.js';
import { findMeeting } from '../db/repositories/meetings.repository.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { partiesAt } from '../services/meeting-access.js';
import type { CollabDocumentKind } from './registry.js';

export const agendaDocumentKind: CollabDocumentKind = {
  kind: 'agenda',
  authorize: async (deps, actor, meetingId) => {
    const meeting = await findMeeting(deps.db, meetingId);
    if (!meeting) return 'not_found';
    const chain = await findCompoundChain(deps.db, meeting.compound_id);
    if (!chain) return 'not_found';
    const frozen = meeting.agenda_frozen_at !== null;
    const access = agendaAccess(meeting.kind, meeting.status, frozen, rolesAt(actor, chain), partiesAt(actor, meeting.compound_id));
    return access === 'read' && frozen ? 'frozen' : access;
  },
};
