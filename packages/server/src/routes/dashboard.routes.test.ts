import { dashboardEndpoints, endpointUrl } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
let t: TestApp;
let communityId: string;
let subdistrictId: string;
let dsct: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  dsct = await t.compoundId('DSCT');
  const row = await t.deps.db.selectFrom('communities').select(['id', 'subdistrict_id']).where('name', '=', '宜阳社区').executeTakeFirstOrThrow();
  communityId = row.id;
  subdistrictId = row.subdistrict_id;
});
afterEach(() => t.close());

describe('dashboard', () => {
  it('shows the demo year: meetings by kind, questions, sign-offs, satisfaction, minutes on time', async () => {
    const cookie = await t.login('jiedao');
    const body = await t.ok(dashboardEndpoints.get, { cookie, query: { scope: 'subdistrict', id: subdistrictId } });
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-11-20' });
    expect(body.figures.meetings).toMatchObject({ fourParty: 3, eveningTalk: 2, ownersCommittee: 1 });
    // 35 questions (30 answered, 5 listed) and 8 (6 answered, 1 listed, 1 merged duplicate).
    expect(body.figures.questions).toMatchObject({ raised: 42, answeredOnTheSpot: 36, listed: 6 });
    // The action-items seed signs off three items, all within their deadline.
    expect(body.figures.actionItems).toMatchObject({ signedOff: 3, signedOffOnTime: 3 });
    expect(body.figures.actionItems.avgWorkdaysToSignOff).toBeGreaterThan(0);
    expect(body.figures.satisfaction.rated).toBeGreaterThan(0);
    // Three councils (one published late) and the owners' committee meeting, published two days after.
    expect(body.figures.minutes).toMatchObject({ due: 4, publishedOnTime: 3, publishedLate: 1, onTimeRate: { text: '75.0%' } });
    expect(body.months.map((m) => m.month)[0]).toBe('2026-01');
    expect(body.byCompound.map((c) => c.name).sort()).toEqual(['翠苑小区', '都市春天小区'].sort());
  });

  it('filters by period and compound', async () => {
    const cookie = await t.login('shequ');
    const body = await t.ok(dashboardEndpoints.get, {
      cookie,
      query: { scope: 'community', id: communityId, from: '2026-10-01', to: '2026-11-20', compoundId: dsct },
    });
    expect(body.figures.meetings).toMatchObject({ fourParty: 1, eveningTalk: 2 });
    expect(body.months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect((await t.api(dashboardEndpoints.get, { cookie, query: { scope: 'community', id: communityId, from: '2026-12-01', to: '2026-01-01' } })).status).toBe(
      400,
    );
  });

  it('is for the subdistrict and community only', async () => {
    const community = (cookie?: string, id = communityId) => t.api(dashboardEndpoints.get, { cookie, query: { scope: 'community', id } });
    expect((await community(await t.login('zhanzhang'))).status).toBe(403);
    expect((await community(await t.login('yezhu'))).status).toBe(403);
    expect((await community()).status).toBe(401);
    expect((await community(await t.login('shequ'), 'nope')).status).toBe(404);
  });

  it('downloads the same figures as an Excel workbook', async () => {
    const cookie = await t.login('shequ');
    const res = await t.call('GET', endpointUrl(dashboardEndpoints.xlsx, { query: { scope: 'community', id: communityId } }), { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A zip file (PK\x03\x04) whose shared strings carry the Chinese labels, and the rate as a number (75.0% = 0.75).
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(bytes);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(strings).toContain('纪要按时公示率');
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('<v>0.75</v>');
    expect(Object.keys(files).filter((f) => f.startsWith('xl/worksheets/sheet'))).toHaveLength(3);
  });
});
