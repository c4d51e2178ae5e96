import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, eventually, roundTrip, scheduledCouncil, startHarness, titles, waitForSync, type Harness } from './collab-helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('live agenda co-editing', () => {
  it('two committee members editing at once converge, and each sees the other present', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const a = h.connect(await h.login('zhanzhang'), name);
    const b = h.connect(await h.login('wuye'), name);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: '陈志强', color: '#c0392b', itemId: 'i1' });
    b.provider.awareness.setLocalStateField('user', { name: '吴涛', color: '#2471a3', itemId: null });

    // Concurrent edits: both add items and both type into the same title.
    addItem(a.doc, 'i1', '停车位', 1);
    addItem(b.doc, 'i2', '路灯', 2);
    await eventually(() => expect(titles(b.doc)).toEqual(['停车位', '路灯']));
    const titleOf = (doc: Y.Doc, id: string) =>
      doc
        .getArray<Y.Map<unknown>>('items')
        .toArray()
        .find((m) => m.get('id') === id)!
        .get('title') as Y.Text;
    const titleA = titleOf(a.doc, 'i1');
    const titleB = titleOf(b.doc, 'i1');
    titleA.insert(0, '地下');
    titleB.insert(titleB.length, '划线');
    await eventually(() => {
      expect(titles(a.doc)).toEqual(['地下停车位划线', '路灯']);
      expect(titles(b.doc)).toEqual(titles(a.doc));
    });
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    await eventually(() => {
      const namesSeenByA = [...a.provider.awareness.getStates().values()].map((s) => s.user?.name).sort();
      const namesSeenByB = [...b.provider.awareness.getStates().values()].map((s) => s.user?.name).sort();
      expect(namesSeenByA).toEqual(['吴涛', '陈志强']);
      expect(namesSeenByB).toEqual(['吴涛', '陈志强']);
    });
    // Leaving removes the presence.
    b.provider.disconnect();
    await eventually(() => expect([...a.provider.awareness.getStates().values()].map((s) => s.user?.name)).toEqual(['陈志强']));
  });

  it('edits made offline merge on reconnect', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const a = h.connect(await h.login('zhanzhang'), name);
    const b = h.connect(await h.login('yeweihui'), name);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    b.provider.disconnect();
    addItem(b.doc, 'off', '离线添加的议题', 5);
    addItem(a.doc, 'on', '在线添加的议题', 1);
    b.provider.connect();
    await eventually(() => {
      expect(titles(a.doc)).toEqual(['在线添加的议题', '离线添加的议题']);
      expect(titles(b.doc)).toEqual(titles(a.doc));
    });
  });

  it('after a server restart the document is intact', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const cookie = await h.login('zhanzhang');
    const a = h.connect(cookie, name);
    await waitForSync(a.provider);
    for (let i = 1; i <= 30; i++) addItem(a.doc, `r${i}`, `议题${i}`, i);
    // Stored before broadcast: once a second client sees the last item, it is on disk.
    const watcher = h.connect(await h.login('fuzhan'), name);
    await eventually(() => expect(titles(watcher.doc)).toHaveLength(30));
    a.provider.destroy();
    watcher.provider.destroy();

    await h.restart();
    const fresh = h.connect(await h.login('zhanzhang'), name);
    await waitForSync(fresh.provider);
    expect(titles(fresh.doc)).toEqual(Array.from({ length: 30 }, (_, i) => `议题${i + 1}`));
  });

  it('a frozen agenda refuses edits; the rows hold the document as it was', async () => {
    const { meetingId, convener } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const a = h.connect(await h.login('zhanzhang'), name);
    const b = h.connect(await h.login('wuye'), name);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    addItem(a.doc, 'f1', '电梯加装', 1);
    await eventually(() => expect(titles(b.doc)).toEqual(['电梯加装']));

    const started = await h.api('POST', `/api/meetings/${meetingId}/start`, convener);
    expect(started.status).toBe(200);
    const body = (await started.json()) as { agendaItems: Array<{ title: string; docItemId: string }> };
    expect(body.agendaItems.map((i) => [i.docItemId, i.title])).toEqual([['f1', '电梯加装']]);

    addItem(a.doc, 'f2', '冻结后偷偷加的', 2);
    await roundTrip(a.provider);
    await roundTrip(b.provider);
    expect(titles(b.doc)).toEqual(['电梯加装']);
    const late = h.connect(await h.login('fuzhan'), name);
    await waitForSync(late.provider);
    expect(titles(late.doc)).toEqual(['电梯加装']);

    // The convener reopens: edits flow again.
    expect((await h.api('POST', `/api/meetings/${meetingId}/agenda/reopen`, convener)).status).toBe(200);
    addItem(b.doc, 'f3', '重新开放后添加', 3);
    await eventually(() => expect(titles(late.doc)).toEqual(['电梯加装', '重新开放后添加']));
  });

  it('read-only staff receive the agenda but their edits are dropped', async () => {
    const { meetingId } = await scheduledCouncil(h);
    const name = `agenda-${meetingId}`;
    const writer = h.connect(await h.login('zhanzhang'), name);
    const reader = h.connect(await h.login('loudong'), name);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    addItem(writer.doc, 'w1', '议题甲', 1);
    await eventually(() => expect(titles(reader.doc)).toEqual(['议题甲']));
    addItem(reader.doc, 'x1', '楼栋长想加的', 2);
    await roundTrip(reader.provider);
    await roundTrip(writer.provider);
    expect(titles(writer.doc)).toEqual(['议题甲']);
  });
});
