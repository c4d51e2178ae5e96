/**
 * Staff's list of a vote's authorisations in a fixed number of statements (issue 18): one page of
 * one authorisation or of seven, each over one to three units, is read in the same statements — the
 * units and who voted for each come in one read, never one per authorisation — and the views still
 * say who voted for each unit (the proxy, with its receipt, or the principal).
 */
import { proxyEndpoints, voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { insertBallotRows, syntheticBallot } from '../testing/synthetic-vote.js';
import { statementLog } from '../testing/statement-log.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
const now = new Date('2026-11-21T02:00:00Z');
const { log, counted } = statementLog();
beforeEach(async () => {
  t = await createTestApp({ clock: () => now, log });
});
afterEach(() => t.close());

it('a page of seven authorisations over twelve units costs the statements of a page of one', async () => {
  const staff = await t.login('zhanzhang');
  const closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const body = { title: '是否同意更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, secret: false, closesAt } as const;
  const { id: voteId } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: await t.compoundId('DSCT') }, body });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
  // 1栋2单元602 is the flat of the owner whose phone is 13700000010; the copies below take other flats.
  const all = await t.deps.db.selectFrom('vote_electorate').select(['unit_id', 'label']).where('vote_id', '=', voteId).orderBy('voter_key').execute();
  const first = all.find((e) => e.label === '1栋2单元602')!;
  const roll = [first, ...all.filter((e) => e !== first)];
  await t.ok(proxyEndpoints.createInPerson, {
    cookie: staff,
    params: { voteId },
    body: { unitIds: [first.unit_id!], principalPhone: '13700000010', proxyPhone: '13800000002', formPhotoId: await uploadVotePhoto(t, staff, voteId) },
  });
  const list = async () => {
    const { answer: page, statements } = await counted(() => t.ok(proxyEndpoints.list, { cookie: staff, params: { voteId }, query: { limit: 20 } }));
    return { page, statements };
  };
  const one = await list();
  expect(one.page.items).toHaveLength(1);

  // Six more (revoked copies, as a long vote gathers), over one to three units each; some units voted.
  const recorded = await t.deps.db.selectFrom('vote_proxies').selectAll().where('vote_id', '=', voteId).executeTakeFirstOrThrow();
  const copies = [1, 2, 3, 4, 5, 6].map((n) => ({ ...recorded, id: `${recorded.id}c${n}`, status: 'revoked' as const }));
  await t.deps.db.insertInto('vote_proxies').values(copies).execute();
  const units = copies.flatMap((c, n) =>
    roll
      .slice(1 + 2 * n, 2 + 2 * n + (n % 2))
      .map((e) => ({ proxy_id: c.id, vote_id: voteId, unit_id: e.unit_id!, label: e.label, withdrawn_receipt_code: null })),
  );
  await t.deps.db.insertInto('vote_proxy_units').values(units).execute();
  const byProxy = units[0]!;
  const byPrincipal = units.at(-1)!;
  await insertBallotRows(t.deps.db, [
    { ...syntheticBallot(voteId, 1, { unitId: byProxy.unit_id, personId: null }, ['yes'], now.toISOString()), proxy_id: byProxy.proxy_id },
    syntheticBallot(voteId, 2, { unitId: byPrincipal.unit_id, personId: null }, ['no'], now.toISOString()),
  ]);

  const seven = await list();
  expect(seven.page.items).toHaveLength(7);
  expect(seven.page.items.reduce((sum, p) => sum + p.units.length, 0)).toBe(1 + units.length);
  expect(seven.statements).toEqual(one.statements);
  const unitOf = (unitId: string) => seven.page.items.flatMap((p) => p.units).find((u) => u.unitId === unitId)!;
  expect(unitOf(byProxy.unit_id)).toEqual({ unitId: byProxy.unit_id, label: byProxy.label, voted: true, votedBy: 'proxy', proxyReceiptCode: `R-${voteId}-1` });
  expect(unitOf(byPrincipal.unit_id)).toMatchObject({ voted: true, votedBy: 'principal', proxyReceiptCode: null });
  expect(unitOf(first.unit_id!)).toMatchObject({ voted: false, votedBy: null });
});
