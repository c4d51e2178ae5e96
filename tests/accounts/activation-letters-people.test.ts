/**
 * Activation letters as people read them, found in a walk from an empty database: an owner of flats in
 * two buildings keeps the one letter he was given (printing the other building named him and cancelled
 * it), co-owners whose names mask the same are told apart by their phones' last four digits on the
 * letter and in the greeting, and the PDF is named by compound and building.
 */
import { activationEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, readAnswer, type TestApp } from '../../packages/server/src/testing/test-app.js';
import { pdfText } from '../support/pdf.js';

let t: TestApp;
let cy: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie, body: ROSTER, headers: { 'content-type': 'text/csv' } });
  expect(imported.status, await imported.clone().text()).toBe(200);
});
afterEach(() => t.close());

// 王建国 owns a flat in building 8 and one in 9; 陈明 and 陈丽 co-own 9-1-102.
const ROSTER = [
  '楼栋,单元,房号,面积,业主,手机,居民,居民手机',
  '8,1,101,88.50,王建国,13911110001,,',
  '9,1,101,90,王建国,13911110001,,',
  '9,1,102,90,陈明、陈丽,13911111234、13911115678,,',
].join('\n');

const buildingId = (name: string) =>
  t.deps.db
    .selectFrom('buildings')
    .select('id')
    .where('compound_id', '=', cy)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
    .then((b) => b.id);
const codesIn = (text: string) => [...text.matchAll(/\b([2-9A-HJ-NP-Z]{5})-([2-9A-HJ-NP-Z]{5})\b/g)].map((m) => m[1]! + m[2]!);

async function print(building: string) {
  const res = await t.call('POST', `/api/compounds/${cy}/activation-letters`, {
    cookie,
    json: { buildingId: await buildingId(building), includeActivated: false },
  });
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((s) => s.slice(0, 200)),
  ).toBe(200);
  return { text: pdfText(new Uint8Array(await res.arrayBuffer())), disposition: res.headers.get('content-disposition') ?? '' };
}

async function preview(building: string) {
  const res = await t.app.request(`/api/compounds/${cy}/activation-letters/preview?buildingId=${await buildingId(building)}`, { headers: { cookie } });
  const answer = await readAnswer(activationEndpoints.previewLetters, res);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
}

async function building(name: string) {
  const res = await t.app.request(`/api/compounds/${cy}/activation`, { headers: { cookie } });
  const answer = await readAnswer(activationEndpoints.status, res);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data.buildings.find((b) => b.name === name)!;
}

describe('activation letters for people', () => {
  it('an owner of flats in two buildings keeps the letter one building printed: the other leaves him out, and says so by name', async () => {
    const nine = await print('9');
    const [wangCode] = codesIn(nine.text);
    expect(nine.text).toContain('9栋1单元101');

    // Building 8's print would only be him: he holds building 9's open letter, so he is left out, named.
    expect(await preview('8')).toEqual({ count: 0, replaced: [], kept: [{ name: '王*国', units: ['8栋1单元101'], heldFrom: '9' }] });
    const none = await t.call('POST', `/api/compounds/${cy}/activation-letters`, {
      cookie,
      json: { buildingId: await buildingId('8'), includeActivated: false },
    });
    expect(none.status).toBe(422);

    // His building 9 letter still works, and both buildings count him as holding a letter.
    const lookup = await t.call('POST', '/api/activation/lookup', { json: { code: wangCode } });
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ units: ['8栋1单元101', '9栋1单元101'] });
    expect(await building('8')).toMatchObject({ households: 1, lettersOutstanding: 1 });
    expect(await building('9')).toMatchObject({ households: 3, lettersOutstanding: 3 });

    // Reprinting building 9 replaces its own letters, and the confirmation names whose.
    const again = await preview('9');
    expect(again.count).toBe(3);
    expect(again.replaced).toEqual([
      { name: '王*国', units: ['9栋1单元101'] },
      { name: '陈*（手机尾号 5678）', units: ['9栋1单元102'] },
      { name: '陈*（手机尾号 1234）', units: ['9栋1单元102'] },
    ]);
    expect(again.kept).toEqual([]);
  });

  it('co-owners whose names mask the same are told apart by their phones’ last four digits, on the letter and in the greeting', async () => {
    const { text, disposition } = await print('9');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('9栋1单元102　陈*（手机尾号1234）业主'.replace(/\s+/g, ''));
    expect(flat).toContain('陈*（手机尾号5678）业主');
    expect(flat).toContain('王*国业主'); // no flatmate to be told apart from: no digits
    const greetings = await Promise.all(
      codesIn(text).map(
        async (code) => (await (await t.call('POST', '/api/activation/lookup', { json: { code } })).json()) as { name: string; phoneTail: string | null },
      ),
    );
    expect(greetings.map((g) => [g.name, g.phoneTail]).sort()).toEqual([
      ['王*国', null],
      ['陈*', '1234'],
      ['陈*', '5678'],
    ]);

    // The file is named by compound and building, in Chinese (RFC 5987) with an ASCII fallback.
    const date = new Date(t.deps.clock().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(disposition).toContain(`filename="activation-letters-CY-9-${date}.pdf"`);
    const compound = await t.deps.db.selectFrom('compounds').select('name').where('id', '=', cy).executeTakeFirstOrThrow();
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${compound.name}-9栋-激活信-${date}.pdf`)}`);
  });
});
