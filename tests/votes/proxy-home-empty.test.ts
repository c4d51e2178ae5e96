/**
 * The proxy holder's home from an EMPTY database (no demo), through the API only: the administrator
 * sets up the compound and its roster, two owners activate, the administrator opens a vote and records
 * 王建国's authorisation of his neighbour 李红 for his flat, brought in person. 李红's home lists the
 * vote once: her own flat not voted yet, and 王建国's flat she may vote for; voting for it takes it off.
 */
import { homeEndpoints, proxyEndpoints, voteEndpoints } from '@yishi/core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ApiClient } from '../support/child-server.js';
import { ADMIN, callApi, installNeighbourhood, issueOwnerCode, type Installation } from '../support/empty-install.js';
import { startTestServer, type TestServer } from '../support/server.js';

const WANG = { phone: '13800000001', password: 'wang-301-chuntian' };
const LI = { phone: '13800000002', password: 'li-302-chuntian' };

let server: TestServer;
let install: Installation;

beforeAll(async () => {
  server = await startTestServer({ config: { seedDemo: false }, web: false });
  install = await installNeighbourhood(server);
  for (const owner of [WANG, LI]) {
    const code = await issueOwnerCode(server, install, owner.phone);
    const activated = await callApi(server, 'POST', '/api/activation', { json: { code, consent: true, password: owner.password } });
    expect(activated.status).toBe(200);
  }
});
afterAll(() => server?.close());

test("a neighbour's authorisation, from an empty database: one entry on her home, her flat and his", async () => {
  const admin = await new ApiClient(server.url).login(ADMIN.phone, ADMIN.password);
  const li = await new ApiClient(server.url).login(LI.phone, LI.password);
  // Nothing yet: no vote, no authorisation; the administrator has no flat, so no owner part.
  expect((await li.ok(homeEndpoints.get, {})).owner!.ballots).toEqual({ total: 0, entries: [] });
  expect((await admin.ok(homeEndpoints.get, {})).owner).toBeNull();

  const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const body = { title: '是否同意更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, secret: false, closesAt } as const;
  const { id: voteId } = await admin.ok(voteEndpoints.create, { params: { compoundId: install.compoundId }, body });
  await admin.ok(voteEndpoints.open, { params: { voteId } });

  const wang = await new ApiClient(server.url).login(WANG.phone, WANG.password);
  const flat = (await wang.ok(homeEndpoints.get, {})).owner!.ballots.entries[0]!.notVoted[0]!;
  expect(flat.label).toBe('1栋1单元301');
  const photo = await fetch(`${server.url}/api/votes/${voteId}/photos`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'image/jpeg', origin: server.url },
    body: await sharp({ create: { width: 300, height: 400, channels: 3, background: '#f5f2ea' } })
      .jpeg()
      .toBuffer(),
  });
  expect(photo.status).toBe(201);
  const { id: formPhotoId } = (await photo.json()) as { id: string };
  await admin.ok(proxyEndpoints.createInPerson, {
    params: { voteId },
    body: { unitIds: [flat.voterKey], principalPhone: WANG.phone, proxyPhone: LI.phone, formPhotoId },
  });

  const held = (await li.ok(homeEndpoints.get, {})).owner!.ballots;
  expect(held.total).toBe(1);
  expect(held.entries[0]).toMatchObject({
    voteId,
    notVoted: [{ label: '1栋1单元302' }],
    proxyFor: [{ voterKey: flat.voterKey, label: '1栋1单元301', principalName: '王*国' }],
  });

  await li.ok(proxyEndpoints.cast, { params: { voteId }, body: { unitId: flat.voterKey, choices: ['yes'] } });
  expect((await li.ok(homeEndpoints.get, {})).owner!.ballots.entries[0]).toMatchObject({ voteId, notVoted: [{ label: '1栋1单元302' }], proxyFor: [] });
});
