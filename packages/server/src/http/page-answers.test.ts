import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { voteEndpoints } from '@yishi/core';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import { PAGE_ANSWERS_ID } from './page-answers.js';

const INDEX = '<!doctype html><html><head><title>议事</title></head><body></body></html>';

/** The answers block's JSON as the browser's parser would end it: at the first `</script`. */
function answersOf(html: string): Record<string, unknown> | undefined {
  const open = `<script type="application/json" id="${PAGE_ANSWERS_ID}">`;
  const start = html.indexOf(open);
  if (start < 0) return undefined;
  const body = html.slice(start + open.length);
  return JSON.parse(body.slice(0, body.search(/<\/script/i))) as Record<string, unknown>;
}

describe("the voting page's first answer, written into its HTML", () => {
  test("an owner's voting page carries GET /api/votes/:voteId as the API answers them; a vote they may not see, another page or an anonymous visitor carries none", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'yishi-dist-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    const t = await createTestApp({ config: { webDist: dist } });
    try {
      const cookie = await t.login('yezhu');
      const staff = await t.login('zhanzhang');
      const { items } = await t.ok(voteEndpoints.list, { params: { compoundId: await t.compoundId('DSCT') }, query: { limit: 200 }, cookie: staff });
      const open = items.find((v) => v.status === 'open' && v.electorateKind === 'owners')!;
      const url = `/api/votes/${open.id}`;

      const page = await t.call('GET', `/votes/${open.id}`, { cookie, headers: { 'accept-language': 'en' } });
      const answers = answersOf(await page.text());
      expect(Object.keys(answers ?? {})).toEqual([url]);
      const own = await t.ok(voteEndpoints.get, { params: { voteId: open.id }, cookie, headers: { 'accept-language': 'en' } });
      expect(answers![url]).toEqual(JSON.parse(JSON.stringify(own)));

      expect(answersOf(await (await t.call('GET', '/votes/no-such-vote', { cookie })).text())).toBeUndefined();
      expect(answersOf(await (await t.call('GET', `/votes/${open.id}/receipts`, { cookie })).text())).toBeUndefined();
      expect(answersOf(await (await t.call('GET', `/votes/${open.id}`)).text())).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
