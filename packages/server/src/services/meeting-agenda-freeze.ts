/**
 * Freezing the live agenda: the stored Yjs document written into agenda rows with stable ids (the
 * same document item keeps its row across re-freezes), while live edits are held back so that none
 * is lost between the read and the freeze. Opening a meeting freezes it (meetings.service.ts
 * transitionMeeting), and a convener may freeze again after reopening it (freezeAgenda).
 */
import { AGENDA_ITEMS_KEY, agendaDocumentName, readAgendaSnapshot, type MeetingStatus } from '@yishi/core';
import { collabHubFor } from '../collab/attach.js';
import { loadStoredDocument } from '../collab/persistence.js';
import { newId } from '../db/ids.js';
import { deleteAgendaItem, insertAgendaItem, listAgendaItems, updateAgendaItem } from '../db/repositories/meetings.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';

/** A meeting that is over: held and closed, or cancelled. Its agenda and attendance no longer change. */
export function isOver(status: MeetingStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** Stops live edits (and waits for received ones to be stored) around a freeze, then re-authorizes. */
export async function withLockedAgenda(deps: Deps, meetingId: string, work: () => Promise<void>): Promise<void> {
  const hub = collabHubFor(deps);
  const name = agendaDocumentName(meetingId);
  await hub?.lock(name);
  try {
    await work();
  } finally {
    await hub?.refresh(name);
  }
}

/** Writes the stored agenda document into rows: same doc item → same row id, across re-freezes. */
export async function writeAgendaRows(trx: Db, meetingId: string, nowIso: string): Promise<void> {
  const stored = await loadStoredDocument(trx, agendaDocumentName(meetingId));
  const items = readAgendaSnapshot(stored.doc.getArray(AGENDA_ITEMS_KEY).toJSON());
  stored.doc.destroy();
  const existing = new Map((await listAgendaItems(trx, meetingId)).map((row) => [row.doc_item_id, row]));
  let position = 0;
  for (const item of items) {
    position += 1;
    const fields = {
      position,
      title: item.title || '（无标题）',
      party: item.party,
      minutes: item.minutes,
      notes: item.notes,
      links: JSON.stringify(item.links),
      frozen_at: nowIso,
    };
    const row = existing.get(item.docItemId);
    if (row) {
      await updateAgendaItem(trx, row.id, fields);
      existing.delete(item.docItemId);
    } else {
      await insertAgendaItem(trx, {
        id: newId(),
        meeting_id: meetingId,
        doc_item_id: item.docItemId,
        ...fields,
        outcome: null,
        agreed_parties: '[]',
        outcome_note: '',
        outcome_recorded_by: null,
        outcome_recorded_at: null,
        action_item_id: null,
      });
    }
  }
  // Items removed from the document disappear, unless something already hangs off them.
  for (const row of existing.values()) {
    if (row.outcome === null && row.action_item_id === null) await deleteAgendaItem(trx, row.id);
    else await updateAgendaItem(trx, row.id, { position: (position += 1) });
  }
}
