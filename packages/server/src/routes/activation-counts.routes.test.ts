/**
 * The activation status counts people, not person-and-flat pairs: an owner of several flats gets one
 * letter and one account, so she is one of the building's people, and one of the compound's however
 * many buildings she has flats in (the page's "已激活 N 人，共 M 人" read 7 for a roster of 6 people).
 */
import { activationEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, readAnswer, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let cookie: string;
beforeEach(async () => {
  t = await createTestApp();
  cy = await t.compoundId('CY');
  cookie = await t.login('cuiyuan');
});
afterEach(() => t.close());

// 钱多多 owns two flats in building 8 and one in building 9; 孙小美 one in building 9, where 周一 lives as a resident too.
const ROSTER = [
  '楼栋,单元,房号,面积,业主,手机,居民,居民手机',
  '8,1,101,88.50,钱多多,13911110001,,',
  '8,1,102,96.25,钱多多,13911110001,,',
  '9,1,101,90,钱多多,13911110001,周一,13911110003',
  '9,1,102,90,孙小美,13911110002,,',
].join('\n');

async function status() {
  const res = await t.app.request(`/api/compounds/${cy}/activation`, { headers: { cookie } });
  const answer = await readAnswer(activationEndpoints.status, res);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
}

describe('activation status counts', () => {
  it('counts each person once per building and once in the whole compound, before and after one activates', async () => {
    const { total: others } = await status(); // the compound's other buildings, none of them with these people
    const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie, body: ROSTER, headers: { 'content-type': 'text/csv' } });
    expect(imported.status, await imported.clone().text()).toBe(200);

    const before = await status();
    const ours = (s: typeof before) => s.buildings.filter((b) => ['8', '9'].includes(b.name)).map((b) => [b.name, b.households, b.activated]);
    expect(ours(before)).toEqual([
      ['8', 1, 0],
      ['9', 3, 0],
    ]);
    expect(before.total).toEqual({ ...others, households: others.households + 3 });

    // 钱多多 activates by SMS: one account, counted as activated in both her buildings and once in the compound.
    await t.call('POST', '/api/auth/sms-code', { json: { phone: '13911110001' } });
    const smsCode = /验证码为(\d{6})/.exec(t.smsLog.at(-1) ?? '')![1];
    expect((await t.call('POST', '/api/activation', { json: { phone: '13911110001', smsCode, consent: true } })).status).toBe(200);
    const after = await status();
    expect(ours(after)).toEqual([
      ['8', 1, 1],
      ['9', 3, 1],
    ]);
    expect(after.total).toEqual({ ...others, households: others.households + 3, activated: others.activated + 1 });
  });
});
