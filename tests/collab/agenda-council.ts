/**
 * A four-party council of a demo compound whose live agenda already holds some items, written as the
 * editor writes them (through a real y-websocket client), for the browser tests of the agenda.
 */
import { agendaDocumentName, meetingEndpoints } from '@yishi/core';
import { connect } from '../resilience/agenda-crash.js';
import { ApiClient } from '../support/child-server.js';
import { addItem, roundTrip, waitForSync } from './collab-helpers.js';

/** A council in `compoundId` a week from now, scheduled unless `draft`, its agenda holding `titles` (ids seed1, seed2 …). */
export async function councilWithAgenda(url: string, compoundId: string, title: string, titles: string[], options: { draft?: boolean } = {}): Promise<string> {
  const convener = await new ApiClient(url).login('jiedao');
  const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const { meeting } = await convener.ok(meetingEndpoints.create, {
    params: { compoundId },
    body: { kind: 'four_party', title, startsAt, durationMinutes: 120, place: '服务站' },
  });
  if (!options.draft) await convener.ok(meetingEndpoints.schedule, { params: { meetingId: meeting.id } });
  const writer = connect(url, (await new ApiClient(url).login('zhanzhang')).cookie, agendaDocumentName(meeting.id));
  await waitForSync(writer.provider);
  titles.forEach((t, i) => addItem(writer.doc, `seed${i + 1}`, t, i + 1));
  await roundTrip(writer.provider);
  writer.provider.destroy();
  return meeting.id;
}
