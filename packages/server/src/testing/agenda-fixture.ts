/** An agenda document as the live editor writes it, with two items (地下车库停车位, 路灯维修), for server tests. */
import * as Y from 'yjs';
import { storeNewDocument } from '../collab/persistence.js';
import type { Db } from '../db/repositories/places.repository.js';

export async function storeSampleAgenda(db: Db, meetingId: string, now: Date, notes = ''): Promise<void> {
  const doc = new Y.Doc();
  const items = doc.getArray<Y.Map<unknown>>('items');
  for (const [i, title] of ['地下车库停车位', '路灯维修'].entries()) {
    const m = new Y.Map<unknown>();
    m.set('id', `item${i}`);
    m.set('title', new Y.Text(title));
    m.set('order', i + 1);
    m.set('minutes', 20);
    m.set('party', 'property_manager');
    m.set('notes', new Y.Text(notes));
    items.push([m]);
  }
  await storeNewDocument(db, `agenda-${meetingId}`, doc, now);
}
