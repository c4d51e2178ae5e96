/**
 * Freezing the live agenda as the people editing it see it. When a member starts the meeting, every
 * open socket is told at once that it may no longer write — in y-protocols' own "permission denied"
 * auth message, which the stock WebsocketProvider logs and otherwise ignores — and the notice carries
 * the frozen document, so an editor can compare it with what it has and hand back, to its author,
 * whatever did not make it. Nothing a member typed is dropped without them being told.
 */
import { AGENDA_ITEMS_KEY, agendaHandBack, readAgendaSnapshot } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collabHubFor } from '../../packages/server/src/collab/index.js';
import {
  addItem,
  docOf,
  eventually,
  readOnlyNoticesOf,
  roundTrip,
  scheduledCouncil,
  startHarness,
  titles,
  waitForSync,
  type Harness,
} from './collab-helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const snapshotOf = (doc: Y.Doc) => readAgendaSnapshot(doc.getArray(AGENDA_ITEMS_KEY).toJSON());

function titleOf(doc: Y.Doc, id: string): Y.Text {
  return doc
    .getArray<Y.Map<unknown>>(AGENDA_ITEMS_KEY)
    .toArray()
    .find((m) => m.get('id') === id)!
    .get('title') as Y.Text;
}

describe('freezing the live agenda', () => {
  it('tells every open editor at once, with the frozen agenda; an edit that missed the freeze goes back to its author, not into storage', async () => {
    const { meetingId, convener } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const chief = h.connect(await h.login('zhanzhang'), name);
    const property = h.connect(await h.login('wuye'), name);
    const head = h.connect(await h.login('loudong'), name);
    const told = { chief: readOnlyNoticesOf(chief.provider), property: readOnlyNoticesOf(property.provider), head: readOnlyNoticesOf(head.provider) };
    await Promise.all([chief, property, head].map((c) => waitForSync(c.provider)));
    // A building head only reads, and is told so when the socket opens; the writers are told nothing.
    await eventually(() => expect(told.head.map((n) => n.reason)).toEqual(['read-only']));
    await roundTrip(chief.provider);
    expect(told.chief).toEqual([]);

    addItem(chief.doc, 'f1', '电梯加装', 1);
    await eventually(() => expect(titles(property.doc)).toEqual(['电梯加装']));

    // The property manager's phone loses its signal; she adds an item and edits a title meanwhile.
    property.provider.disconnect();
    addItem(property.doc, 'late', '垃圾分类亭', 2);
    titleOf(property.doc, 'f1').insert(0, '1号楼');

    const started = await h.api('POST', `/api/meetings/${meetingId}/start`, convener);
    expect(started.status).toBe(200);
    const rows = ((await started.json()) as { agendaItems: Array<{ docItemId: string; title: string }> }).agendaItems;
    expect(rows.map((r) => [r.docItemId, r.title])).toEqual([['f1', '电梯加装']]);

    // Every open socket is told without reconnecting, and the agenda it is sent is the frozen one.
    await eventually(() => {
      expect(told.chief.map((n) => n.reason)).toEqual(['frozen']);
      expect(told.head.map((n) => n.reason)).toEqual(['read-only', 'frozen']);
    });
    for (const notice of [told.chief[0]!, told.head[1]!]) expect(titles(docOf(notice.state!))).toEqual(['电梯加装']);
    expect(chief.provider.wsconnected).toBe(true);

    // Back online: the frozen agenda comes with the notice, and what she did offline is hers to have back.
    property.provider.connect();
    await eventually(() => expect(told.property.map((n) => n.reason)).toEqual(['frozen']));
    const frozen = docOf(told.property[0]!.state!);
    Y.applyUpdate(property.doc, told.property[0]!.state!);
    expect(agendaHandBack(snapshotOf(property.doc), snapshotOf(frozen))).toEqual([
      { kind: 'changed', position: 1, field: 'title', mine: '1号楼电梯加装', frozen: '电梯加装' },
      { kind: 'added', title: '垃圾分类亭', notes: '' },
    ]);
    // …and none of it was stored.
    await roundTrip(property.provider);
    const late = h.connect(await h.login('fuzhan'), name);
    await waitForSync(late.provider);
    expect(titles(late.doc)).toEqual(['电梯加装']);
  });

  it('edits that arrive while a document is locked are kept and applied when the lock ends without freezing it', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const a = h.connect(await h.login('zhanzhang'), name);
    const b = h.connect(await h.login('wuye'), name);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    addItem(a.doc, 'k1', '议题甲', 1);
    await eventually(() => expect(titles(b.doc)).toEqual(['议题甲']));

    // A lock that ends without a freeze (a refused start, a minutes publication): the edits wait, then count.
    const hub = collabHubFor(h.server.deps)!;
    await hub.lock(name);
    addItem(a.doc, 'k2', '锁定时添加的', 2);
    await roundTrip(a.provider);
    await roundTrip(b.provider);
    expect(titles(b.doc)).toEqual(['议题甲']);
    await hub.refresh(name);
    await eventually(() => expect(titles(b.doc)).toEqual(['议题甲', '锁定时添加的']));
  });
});
