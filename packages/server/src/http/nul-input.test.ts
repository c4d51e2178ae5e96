import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

// PostgreSQL cannot hold U+0000 and answered these with a 500; SQLite stored it. Both now refuse it.
describe('the NUL character (U+0000) in input', () => {
  it('in a path parameter: 400 validation_failed, in the caller’s language', async () => {
    const cookie = await t.login('shequ');
    const res = await t.call('GET', '/api/compounds/%00', { cookie });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([{ path: 'url', message: '不能包含空字符（U+0000）' }]);
    const query = `/api/compounds/${await t.compoundId('CY')}/action-items?q=a%00`;
    const en = (await (await t.call('GET', query, { cookie, headers: { 'accept-language': 'en' } })).json()) as ErrorBody;
    expect(en.error.details[0]!.message).toBe('must not contain the NUL character (U+0000)');
  });

  it('in a JSON body: refused with the field named, nothing stored; the same text without it is taken', async () => {
    const cookie = await t.login('shequ');
    const compoundId = await t.compoundId('CY');
    const path = `/api/compounds/${compoundId}/action-items`;
    const res = await t.call('POST', path, { cookie, json: { title: '修\u0000路灯', source: { kind: 'proposal' } } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([{ path: 'title', message: '不能包含空字符（U+0000）' }]);
    const items = await t.deps.db.selectFrom('action_items').select('title').where('compound_id', '=', compoundId).execute();
    expect(items.some((i) => i.title.includes('路灯'))).toBe(false);
    expect((await t.call('POST', path, { cookie, json: { title: '修路灯', source: { kind: 'proposal' } } })).status).toBe(201);
  });
});
