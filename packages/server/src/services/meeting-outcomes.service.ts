/**
 * The outcomes of a meeting's frozen agenda items, as its kind records them: agreed by parties (a
 * council), decided by the members (an owners' committee meeting: which members present agreed,
 * counted against ALL the members), deferred, put to an owners' vote, or turned into an action item.
 */
import {
  DomainError,
  PARTIES,
  assertPartiesPresent,
  meetingStepRefused,
  memberDecision,
  memberQuorum,
  partyOrNull,
  recordingOpen,
  type AgendaItemView,
  type RecordOutcomeInput,
} from '@yishi/core';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { findAgendaItem, listAttendance, updateAgendaItem } from '../db/repositories/meetings.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { AgendaItemRow } from '../db/tables/meetings.table.js';
import type { Deps } from '../deps.js';
import { createActionItem } from './action-items.service.js';
import { assertKindOffers, assertRunner, loadMeeting, lockMeeting, type LoadedMeeting } from './meeting-access.js';

// JSON columns, written only by these services; read back as what they hold.
const linksJson = z.array(z.string());
const partiesJson = z.array(z.enum(PARTIES));
const idsJson = z.array(z.string());

/** The attendance ids of the members who agreed to an item (a members' decision). */
export function agreedMembersOf(row: Pick<AgendaItemRow, 'agreed_members'>): string[] {
  return idsJson.parse(JSON.parse(row.agreed_members));
}

/** An agenda item as shown; `members`: how many members a kind attended by members has (its decisions count against all of them). */
export function agendaItemView(row: AgendaItemRow, members: number | null = null): AgendaItemView {
  const agreedMembers = agreedMembersOf(row);
  return {
    id: row.id,
    docItemId: row.doc_item_id,
    position: row.position,
    title: row.title,
    party: row.party,
    minutes: row.minutes,
    notes: row.notes,
    links: linksJson.parse(JSON.parse(row.links)),
    outcome: row.outcome,
    agreedParties: partiesJson.parse(JSON.parse(row.agreed_parties)),
    agreedMembers,
    decision: row.outcome === 'members_resolved' && members !== null ? memberDecision(agreedMembers.length, members) : null,
    outcomeNote: row.outcome_note,
    actionItemId: row.action_item_id,
  };
}

/**
 * The members who agreed to a members' decision, checked: each a member signed in at the meeting
 * (in person: nobody agrees for another), and the meeting quorate (more than half of all the members
 * present). Answers their attendance ids, once each, and how many members there are in all.
 */
async function membersAgreeing(db: Db, loaded: LoadedMeeting, ids: readonly string[]): Promise<{ agreed: string[]; members: number }> {
  const members = await listAttendance(db, loaded.meeting.id);
  const present = members.filter((m) => m.signed_in_at !== null);
  const quorum = memberQuorum(members.length, present.length);
  if (!quorum.reached) throw new DomainError('outcome_no_quorum', { present: quorum.present, members: quorum.members, needed: quorum.needed });
  const agreed = [...new Set(ids)];
  for (const id of agreed) {
    const member = members.find((m) => m.id === id);
    if (!member) throw new DomainError('attendance_not_found');
    if (member.signed_in_at === null) throw new DomainError('outcome_member_absent', { name: member.name });
  }
  return { agreed, members: members.length };
}

export async function recordOutcome(deps: Deps, actor: Actor, meetingId: string, itemId: string, input: RecordOutcomeInput) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, (spec) => spec.outcomes);
  assertRunner(loaded);
  if (!loaded.spec.outcomeKinds.includes(input.outcome)) throw new DomainError('outcome_not_for_kind', { kind: loaded.kind, outcome: input.outcome });
  const status = loaded.meeting.status;
  if (!recordingOpen(status)) throw meetingStepRefused(status, 'outcome');
  if (!(await findAgendaItem(deps.db, meetingId, itemId))) throw new DomainError('agenda_item_not_found');
  if (input.outcome === 'agreed' && input.agreedParties.length === 0) throw new DomainError('outcome_needs_parties');
  const now = deps.clock();
  let members: number | null = null;
  await deps.db.transaction().execute(async (trx) => {
    // The item is read again under the meeting's lock: two recorders choosing "action items" at once
    // list one action item (one ledger entry), not one each.
    await lockMeeting(trx, meetingId);
    // Who agreed is checked against the attendance as it stands under the lock.
    const decided = input.outcome === 'members_resolved' ? await membersAgreeing(trx, loaded, input.agreedMembers) : null;
    // A party is recorded as agreeing only if someone of it signed in: the minutes list the absent parties.
    const agreedParties = input.outcome === 'agreed' ? [...new Set(input.agreedParties)] : [];
    if (agreedParties.length > 0) {
      const attendance = await listAttendance(trx, meetingId);
      assertPartiesPresent(
        agreedParties,
        attendance.filter((a) => a.signed_in_at !== null).map((a) => partyOrNull(a.party)),
      );
    }
    if (loaded.spec.members) members = decided?.members ?? (await listAttendance(trx, meetingId)).length;
    const item = await findAgendaItem(trx, meetingId, itemId);
    if (!item) throw new DomainError('agenda_item_not_found');
    // An action item is on the append-only ledger for good: the record cannot then say the item was
    // decided otherwise (and still list it), and a new one needs whoever is to handle it.
    if (item.action_item_id && input.outcome !== 'action_items') throw new DomainError('outcome_listed');
    if (input.outcome === 'action_items' && !item.action_item_id && !input.responsibleUnit?.trim()) throw new DomainError('outcome_needs_unit');
    let actionItemId = item.action_item_id;
    if (input.outcome === 'action_items' && !actionItemId) {
      const created = await createActionItem(trx, deps, {
        compoundId: loaded.meeting.compound_id,
        title: item.title,
        description: input.note || item.notes || item.title,
        source: { kind: 'council_outcome', id: item.id, meetingId },
        responsibleUnit: input.responsibleUnit ?? null,
        createdByUserId: actor.userId,
      });
      actionItemId = created.id;
    }
    await updateAgendaItem(trx, item.id, {
      outcome: input.outcome,
      agreed_parties: JSON.stringify(agreedParties),
      agreed_members: JSON.stringify(decided?.agreed ?? []),
      outcome_note: input.note,
      outcome_recorded_by: actor.userId,
      outcome_recorded_at: now.toISOString(),
      action_item_id: actionItemId,
    });
  });
  const updated = await findAgendaItem(deps.db, meetingId, itemId);
  return { item: agendaItemView(updated!, members) };
}
