import { boardEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicUrlOf } from '../config.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
let t: TestApp;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

describe('public notice board', () => {
  it('reads anonymously: the compound, latest notices, satisfaction and links', async () => {
    const body = await t.ok(boardEndpoints.summary, { params: { compoundId: dsct } });
    expect(body.compound).toMatchObject({ name: '都市春天小区', communityName: '宜阳社区' });
    expect(body.latestNotices.length).toBeGreaterThan(0);
    expect(body.latestNotices.some((n) => n.kind === 'minutes')).toBe(true);
    expect(body.satisfaction.satisfaction.rated).toBeGreaterThan(0);
    expect(body.satisfaction.satisfaction.rate.text).toMatch(/^\d+\.\d%$/);
    expect(body.links.atom).toBe(`/api/public/compounds/${dsct}/feed.atom`);
    expect((await t.api(boardEndpoints.summary, { params: { compoundId: 'nope' } })).status).toBe(404);
    expect((await t.api(boardEndpoints.satisfaction, { params: { compoundId: 'nope' } })).status).toBe(404);
    expect((await t.ok(boardEndpoints.satisfaction, { params: { compoundId: dsct } })).satisfaction).toEqual(body.satisfaction.satisfaction);
  });

  it('lists published minutes, the latest version of each meeting, with the correction', async () => {
    const body = await t.ok(minutesEndpoints.publicList, { params: { compoundId: dsct } });
    // Six held meetings in the demo: three councils, two evening talks, one owners' committee meeting.
    expect(body.items).toHaveLength(6);
    expect(body.items.filter((m) => m.kind === 'owners_committee')).toHaveLength(1);
    const corrected = body.items.filter((m) => m.version === 2);
    expect(corrected).toHaveLength(1);
    expect(corrected[0]!.reason).toContain('补正');
    // Councils are judged against the deadline; one came out late. Evening talks have no deadline.
    expect(
      body.items
        .filter((m) => m.kind === 'four_party')
        .map((m) => m.publishedOnTime)
        .sort(),
    ).toEqual([false, true, true]);
    expect(body.items.filter((m) => m.kind === 'evening_talk').every((m) => m.publishedOnTime === null)).toBe(true);
  });

  it('serves Atom and RSS feeds with absolute links, and nothing personal', async () => {
    const atom = await t.call('GET', `/api/public/compounds/${dsct}/feed.atom`);
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await atom.text();
    expect(xml).toContain('<title type="text">都市春天小区公示栏</title>');
    expect(xml).toMatch(/纪要更正（第 2 版）/);
    // Links on the configured public URL (here the default: the server's own address).
    expect(xml).toContain(`${publicUrlOf(t.deps.config)}/minutes/`);
    expect(xml).not.toMatch(/138\d{8}/);
    const rss = await (await t.call('GET', `/api/public/compounds/${dsct}/feed.rss`)).text();
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain('销号：DSCT-');
  });

  it('announces open votes in the feed, with the closing time, beside the results of closed ones', async () => {
    const rss = await (await t.call('GET', `/api/public/compounds/${dsct}/feed.rss`)).text();
    expect(rss).toMatch(/表决公告：利用小区共有场地建设电动自行车充电棚/);
    expect(rss).toMatch(/投票截止：2026年11月\d+日/);
    expect(rss).toContain('表决结果：使用专项维修资金更换2栋电梯');
  });

  it('draws QR codes for the poster: the board and the concern form', async () => {
    const res = await t.call('GET', `/api/public/compounds/${dsct}/qr.svg?target=concern`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg[^>]*viewBox/);
    expect((await t.call('GET', `/api/public/compounds/${dsct}/qr.svg?target=elsewhere`)).status).toBe(400);
  });
});
