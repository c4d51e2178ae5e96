/**
 * The live minutes document `minutes-<meetingId>` with real y-websocket clients: the secretary and a
 * four-party representative co-edit and converge; owners and staff of another compound are refused
 * for good (4403); an API save is refused while editors are connected (the hub holds the live copy);
 * and publishing while someone is typing publishes every edit the server has received.
 */
import { minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { eventually, startHarness, waitForClosed, waitForSync, type Harness } from '../collab/collab-helpers.js';
import { ApiClient } from '../support/child-server.js';

let h: Harness;
let meetingId: string;
beforeEach(async () => {
  h = await startHarness();
  ({ meetingId } = await insertHeldMeeting(h.server.deps, { startsAt: new Date(Date.now() - 20 * 3_600_000), vote: null }));
});
afterEach(() => h.close());

/** The API as someone logged in (the answers checked against their schemas). */
const as = (cookie: string) => Object.assign(new ApiClient(h.server.url), { cookie });
const meeting = () => ({ params: { meetingId } });

describe('minutes document', () => {
  it('does not exist before the draft is generated', async () => {
    const secretary = await h.login('fuzhan');
    const early = h.connect(secretary, `minutes-${meetingId}`);
    expect((await waitForClosed(early.provider)).code).toBe(4404);
  });

  it('is co-edited by the secretary and a representative; owners and other compounds are refused', async () => {
    const secretary = await h.login('fuzhan');
    expect((await as(secretary).api(minutesEndpoints.generate, meeting())).status).toBe(201);

    const a = h.connect(secretary, `minutes-${meetingId}`);
    const b = h.connect(await h.login('zhujian'), `minutes-${meetingId}`);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    const textA = a.doc.getText('body');
    const textB = b.doc.getText('body');
    expect(textA.toString()).toContain('## 一、参会人员');
    textA.insert(textA.length, '\n甲方补充。\n');
    textB.insert(0, '（草稿）\n');
    await eventually(() => {
      expect(textA.toString()).toBe(textB.toString());
      expect(textA.toString()).toContain('甲方补充。');
      expect(textA.toString().startsWith('（草稿）')).toBe(true);
    });

    const owner = h.connect(await h.login('yezhu'), `minutes-${meetingId}`);
    expect((await waitForClosed(owner.provider)).code).toBe(4403);
    const other = h.connect(await h.login('cuiyuan'), `minutes-${meetingId}`);
    expect((await waitForClosed(other.provider)).code).toBe(4403);

    // While editors are connected the server does not write beside them.
    const save = await as(secretary).api(minutesEndpoints.saveDraft, { ...meeting(), body: { body: '覆盖' } });
    expect(save.status).toBe(409);
    expect(save.error?.code).toBe('minutes_draft_live');

    // The convener publishes while an edit is on its way: the published text has it.
    textB.insert(textB.length, '最后一句。');
    await eventually(() => expect(textA.toString()).toContain('最后一句。'));
    const chief = await h.login('zhanzhang');
    const published = await as(chief).api(minutesEndpoints.publish, { ...meeting(), body: { confirm: true } });
    expect(published.status).toBe(201);
    const body = published.data!.versions[0]!.body;
    expect(body).toBe(textA.toString());
    expect(body).toContain('最后一句。');
  });
});
