import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  authEndpoints,
  meetingEndpoints,
  meetingPageParts,
  proxyEndpoints,
  proxyPanelParts,
  voteEndpoints,
  votePageParts,
  voteFirstScreenParts,
  type Me,
  type MyProxies,
  type VotePagePart,
} from '@yishi/core';
import { describe, expect, test } from 'vitest';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { createTestApp } from '../testing/test-app.js';
import { PAGE_ANSWERS_ID } from './page-answers.js';
import { PAGE_SESSION_ID, withSession } from './page-session.js';

const INDEX = '<!doctype html><html><head><title>议事</title><script type="module" src="/assets/index-a.js"></script></head><body></body></html>';

/** A JSON data block (the session's by default) as the browser's parser would end it: at the first `</script`. */
function blockOf(html: string, id = PAGE_SESSION_ID): unknown {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  if (start < 0) return undefined;
  const body = html.slice(start + open.length);
  return JSON.parse(body.slice(0, body.search(/<\/script/i)));
}

/** The voting page's parts as the web build lists them (.vite/route-preloads.json). */
const VOTE_PARTS: Record<VotePagePart, string[]> = {
  'vote-timeline': ['/assets/vote-timeline-2.js', '/assets/strings-page-vote-timeline.zh-CN-3.js'],
  'vote-result': ['/assets/vote-result-4.js'],
  'proxy-panel': ['/assets/proxy-panel-5.js'],
  'proxy-actions': ['/assets/proxy-actions-6.js', '/assets/strings-page-proxy-actions.zh-CN-7.js'],
};

function webDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'yishi-dist-'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  mkdirSync(join(dist, '.vite'));
  const routes = [
    { path: '/votes/:voteId', files: ['/assets/vote-page-1.js'], parts: VOTE_PARTS },
    { path: '/meetings/:meetingId', files: ['/assets/meeting-page-8.js'], parts: { 'agenda-editor': ['/assets/agenda-editor-9.js'] } },
  ];
  writeFileSync(join(dist, '.vite', 'route-preloads.json'), JSON.stringify({ routes }));
  return dist;
}

const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);

describe('who is logged in, written into the HTML of a page', () => {
  test('a name that holds markup stays inside its block: the JSON read back is the session as given', () => {
    const me = { userId: 'u-1', displayName: '</script><script>alert(1)</script><!--' } as unknown as Me;
    const html = withSession(INDEX, { me });
    expect(blockOf(html)).toEqual({ me });
    expect(html).not.toContain('<script>alert(1)');
    // At the end of the head, before the body the shell draws into.
    expect(html.indexOf(PAGE_SESSION_ID)).toBeLessThan(html.indexOf('</head>'));
  });

  test("the app's page for a logged-in owner carries what GET /api/session answers them; an anonymous visitor's carries nobody; no cache keeps it", async () => {
    const t = await createTestApp({ config: { webDist: webDist() } });
    try {
      const cookie = await t.login('yezhu');
      const page = await t.call('GET', '/votes/any', { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const inPage = blockOf(await page.text()) as { me: Me | null };
      expect(inPage.me?.displayName).toBeTruthy();
      expect(inPage).toEqual(await t.ok(authEndpoints.session, { cookie }));

      // The home page, which the static files would answer with index.html as built.
      const home = await t.call('GET', '/', { cookie });
      expect(blockOf(await home.text())).toEqual(inPage);

      const anonymous = await t.call('GET', '/board/c-1');
      expect(blockOf(await anonymous.text())).toEqual({ me: null });
      const forged = await t.call('GET', '/board/c-1', { cookie: 'yishi_session=not-a-session-of-anyone-at-all-0000' });
      expect(blockOf(await forged.text())).toEqual({ me: null });
    } finally {
      await t.close();
    }
  });
});

describe("the voting page's first answer, written into its HTML", () => {
  test("an owner's voting page carries GET /api/votes/:voteId and their proxies in it as the API answers them, and names the files of the parts that vote shows; a vote they may not see, another page or an anonymous visitor carries none", async () => {
    const t = await createTestApp({ config: { webDist: webDist() } });
    try {
      const cookie = await t.login('yezhu');
      const staff = await t.login('zhanzhang');
      const { items } = await t.ok(voteEndpoints.list, { params: { compoundId: await t.compoundId('DSCT') }, query: { limit: 200 }, cookie: staff });
      const open = items.find((v) => v.status === 'open' && v.electorateKind === 'owners')!;
      const url = `/api/votes/${open.id}`;

      const page = await t.call('GET', `/votes/${open.id}`, { cookie, headers: { 'accept-language': 'en' } });
      const html = await page.text();
      const answers = blockOf(html, PAGE_ANSWERS_ID) as Record<string, unknown> | undefined;
      const proxiesUrl = `${url}/proxies/mine`;
      expect(Object.keys(answers ?? {})).toEqual([url, proxiesUrl]);
      expect(answers![proxiesUrl]).toEqual(JSON.parse(JSON.stringify(await t.ok(proxyEndpoints.mine, { params: { voteId: open.id }, cookie }))));
      // In the language the page will be drawn in, the app's default, not the browser's English: the web app does
      // not follow Accept-Language, and the options' words come from the server.
      const own = await t.ok(voteEndpoints.get, { params: { voteId: open.id }, cookie, headers: { 'accept-language': 'zh-CN' } });
      expect(answers![url]).toEqual(JSON.parse(JSON.stringify(own)));
      expect((answers![url] as typeof own).vote.options.map((o) => o.label)).toEqual(['同意', '反对', '弃权']);
      // A visitor who chose English (the locale cookie the language switch sets) gets English.
      const chosen = await t.call('GET', `/votes/${open.id}`, { cookie: `${cookie}; yishi_locale=en`, headers: { 'accept-language': 'zh-CN' } });
      const inEnglish = (blockOf(await chosen.text(), PAGE_ANSWERS_ID) as Record<string, typeof own>)[url]!;
      expect(inEnglish.vote.options.map((o) => o.label)).toEqual(['Yes', 'No', 'Abstain']);
      // The parts the first screen waits for, named with the page's own files: an open owners' vote shows its proxy
      // panel, which comes after the vote is on screen, so not in the HTML; no result.
      const shown = votePageParts(own);
      expect(shown).toContain('proxy-panel');
      expect(shown).not.toContain('vote-result');
      const first = voteFirstScreenParts(own);
      expect(first).toEqual(shown.filter((part) => part !== 'proxy-panel'));
      expect(preloads(html)).toEqual(['/assets/vote-page-1.js', ...first.flatMap((part) => VOTE_PARTS[part])]);
      expect(preloads(html).filter((file) => file !== undefined && VOTE_PARTS['proxy-panel'].includes(file))).toEqual([]);
      // The panel's actions only once the owner has given (or holds) a proxy: until then its invitation alone.
      expect(proxyPanelParts(answers![proxiesUrl] as MyProxies)).toEqual([]);
      const unit = own.mine.find((u) => !u.voted)!;
      const formPhotoId = await uploadVotePhoto(t, cookie, open.id);
      await t.ok(proxyEndpoints.create, { cookie, params: { voteId: open.id }, body: { unitIds: [unit.voterKey], proxyPhone: '13800000002', formPhotoId } });
      const withProxy = await (await t.call('GET', `/votes/${open.id}`, { cookie })).text();
      const withProxyAnswers = blockOf(withProxy, PAGE_ANSWERS_ID) as Record<string, unknown>;
      expect(proxyPanelParts(withProxyAnswers[proxiesUrl] as MyProxies)).toEqual(['proxy-actions']);
      expect(preloads(withProxy)).toEqual(preloads(html));

      // The meeting page, for the station chief: the meeting as GET /api/meetings/:meetingId answers.
      const { items: meetings } = await t.ok(meetingEndpoints.list, { params: { compoundId: await t.compoundId('DSCT') }, cookie: staff });
      const meetingUrl = `/api/meetings/${meetings[0]!.id}`;
      const meetingPage = blockOf(await (await t.call('GET', `/meetings/${meetings[0]!.id}`, { cookie: staff })).text(), PAGE_ANSWERS_ID);
      expect(meetingPage).toEqual({
        [meetingUrl]: JSON.parse(JSON.stringify(await t.ok(meetingEndpoints.get, { params: { meetingId: meetings[0]!.id }, cookie: staff }))),
      });
      // The live agenda editor's files only for a meeting whose agenda can still be co-edited: not once it is frozen
      // (the meeting started) or the meeting closed.
      const named = await Promise.all(
        meetings.map(async ({ id }) => {
          const view = await t.ok(meetingEndpoints.get, { params: { meetingId: id }, cookie: staff });
          const html = await (await t.call('GET', `/meetings/${id}`, { cookie: staff })).text();
          const settled = view.meeting.agendaFrozenAt !== null || view.meeting.status === 'closed';
          return { live: meetingPageParts(view).includes('agenda-editor'), settled, links: preloads(html) };
        }),
      );
      expect(named.some((m) => m.live) && named.some((m) => m.settled)).toBe(true);
      for (const m of named) {
        expect(m.links).toEqual(['/assets/meeting-page-8.js', ...(m.live ? ['/assets/agenda-editor-9.js'] : [])]);
        if (m.settled) expect(m.live).toBe(false);
      }

      expect(blockOf(await (await t.call('GET', '/votes/no-such-vote', { cookie })).text(), PAGE_ANSWERS_ID)).toBeUndefined();
      expect(blockOf(await (await t.call('GET', `/votes/${open.id}/receipts`, { cookie })).text(), PAGE_ANSWERS_ID)).toBeUndefined();
      const anonymous = await (await t.call('GET', `/votes/${open.id}`)).text();
      expect(blockOf(anonymous, PAGE_ANSWERS_ID)).toBeUndefined();
      expect(preloads(anonymous)).toEqual(['/assets/vote-page-1.js']);
    } finally {
      await t.close();
    }
  });
});
