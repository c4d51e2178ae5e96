/**
 * Activation letters as the building head delivers them: a real PDF made by Chromium, read back with
 * pdftotext and the QR codes decoded from the rendered pages; every code on paper activates exactly
 * the household it is addressed to, once, and a reprint replaces the earlier letter.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app.js';
import { pdfQrCodes, pdfText } from '../support/pdf.js';

let t: TestApp;
afterEach(() => t.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

async function printLetters(cookie: string, buildingId: string | null) {
  const res = await t.call('POST', `/api/compounds/${await t.compoundId('DSCT')}/activation-letters`, {
    cookie,
    json: { buildingId, includeActivated: false },
  });
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((s) => s.slice(0, 200)),
  ).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { pdf: new Uint8Array(await res.arrayBuffer()), count: Number(res.headers.get('x-letter-count')), fileName };
}

describe('activation letters', () => {
  it('one letter per household without an account, with its unit, code and a QR code that opens activation for that code', async () => {
    let now = new Date();
    t = await createTestApp({ config: { publicUrl: 'https://yishi.xiujiang.example' } });
    const building1 = await t.deps.db
      .selectFrom('buildings')
      .select('id')
      .where('compound_id', '=', await t.compoundId('DSCT'))
      .where('name', '=', '1')
      .executeTakeFirstOrThrow();
    const head = await t.login('loudong');
    const { pdf, count } = await printLetters(head, building1.id);
    // 1栋 has 40 units; 王建国 (yezhu), 刘洋 (yezhu2) and 何秀英 herself have accounts, and so do three
    // owners' committee members who live there (weiyuan1–3); 陈静 co-owns 101.
    expect(count).toBe(40 - 3 - 3 + 1);
    expect(String.fromCharCode(...pdf.slice(0, 5))).toBe('%PDF-');

    const text = pdfText(pdf);
    expect(text).toContain('议事平台 · 账号激活通知');
    expect(text).toContain('都市春天小区 1栋1单元102');
    expect(text).toContain('陈*');
    expect(text).not.toContain('1栋1单元301'); // 王建国 is already active
    // Where to get help: people, and where the notice board is (the compound's address is the board's, not a service station's).
    expect(text.replace(/\s+/g, '')).toContain('请找您的楼栋长或社区工作人员；小区公示栏在');
    const codes = [...text.matchAll(/\b([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})\b/g)].map((m) => m[1]! + m[2]!);
    expect(codes).toHaveLength(count);

    const qr = pdfQrCodes(pdf, 1);
    expect(qr).toEqual(codes.slice(0, 2).map((code) => `https://yishi.xiujiang.example/activate?code=${code}`));

    // The code on the first letter activates its household, once.
    const lookup = await t.call('POST', '/api/activation/lookup', { json: { code: codes[0] } });
    expect(await lookup.json()).toMatchObject({ kind: 'activate', compoundName: '都市春天小区', units: ['1栋1单元101'] });
    expect((await t.call('POST', '/api/activation', { json: { code: codes[0], consent: true, password: 'chenjing-1-101' } })).status).toBe(200);
    const reused = await t.call('POST', '/api/activation', { json: { code: codes[0], consent: true, password: 'chenjing-1-101' } });
    // Used by the person it was for, whose account is active now: she is told to log in.
    expect(reused.status).toBe(409);
    expect((await errorOf(reused)).message).toBe('您的账号已经激活，请直接登录');

    // A reprint replaces the earlier letters; the replaced code says so. Printed at 02:43 in China (18:43 UTC the
    // day before), its file is named by China's date, the one on the wall calendar.
    const lateNight = new Date(now);
    lateNight.setUTCHours(18, 43, 0, 0);
    if (lateNight <= now) lateNight.setUTCDate(lateNight.getUTCDate() + 1);
    t.deps.clock = () => lateNight;
    const reprint = await printLetters(head, building1.id);
    expect(reprint.fileName).toBe(`activation-letters-DSCT-1-${new Date(lateNight.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}.pdf`);
    expect(reprint.fileName).not.toBe(`activation-letters-DSCT-1-${lateNight.toISOString().slice(0, 10)}.pdf`);
    expect(reprint.count).toBe(count - 1);
    const replaced = await t.call('POST', '/api/activation/lookup', { json: { code: codes[1] } });
    expect(replaced.status).toBe(410);
    // Replaced, never used: said as such, not as used.
    expect((await errorOf(replaced)).message).toContain('这个激活码已作废，通常是因为后来又发放了新的激活码');
    const fresh = [...pdfText(reprint.pdf).matchAll(/\b([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})\b/g)].map((m) => m[1]! + m[2]!);
    // Thirty-one days later a letter has expired, and says when.
    t.deps.clock = () => now;
    now = new Date(Date.now() + 31 * 86_400_000);
    const expired = await t.call('POST', '/api/activation/lookup', { json: { code: fresh[0] } });
    expect(expired.status).toBe(410);
    expect((await errorOf(expired)).message).toMatch(/这个激活码已于 \d{4}年\d{1,2}月\d{1,2}日.* \d{2}:\d{2} 过期/);
  });

  it('a building head prints only her own building; the whole compound is for station staff', async () => {
    t = await createTestApp();
    const head = await t.login('loudong');
    const whole = await t.call('POST', `/api/compounds/${await t.compoundId('DSCT')}/activation-letters`, {
      cookie: head,
      json: { buildingId: null, includeActivated: false },
    });
    expect(whole.status).toBe(403);
    const building3 = await t.deps.db
      .selectFrom('buildings')
      .select('id')
      .where('compound_id', '=', await t.compoundId('DSCT'))
      .where('name', '=', '3')
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.call('POST', `/api/compounds/${await t.compoundId('DSCT')}/activation-letters`, {
          cookie: head,
          json: { buildingId: building3.id, includeActivated: false },
        })
      ).status,
    ).toBe(403);
    expect(await t.deps.db.selectFrom('access_codes').select('id').where('kind', '=', 'letter').execute()).toEqual([]);
  });
});
