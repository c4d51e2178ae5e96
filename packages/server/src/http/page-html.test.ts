import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import { htmlInLocale, pageHtml } from './page-html.js';

const INDEX = '<!doctype html><html><head><title>议事</title><script type="module" src="/assets/index-a.js"></script></head><body></body></html>';

function webDist(preloads?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-dist-'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  if (preloads !== undefined) {
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'route-preloads.json'), typeof preloads === 'string' ? preloads : JSON.stringify(preloads));
  }
  return dir;
}

const links = (html: string) =>
  [...html.matchAll(/<link rel="modulepreload" crossorigin (?:fetchpriority="(low)" )?href="([^"]+)">/g)].map((m) => (m[1] ? `${m[2]} (low)` : m[2]));

describe("a page's HTML names its files", () => {
  const dist = webDist({
    routes: [
      { path: '/votes/new', files: ['/assets/new-vote-1.js'] },
      { path: '/votes/:voteId', files: ['/assets/vote-page-2.js', '/assets/vote-words-3.js'] },
      { path: '/board/:compoundId', files: ['/assets/board-page-4.js'], later: ['/assets/board-sections-5.js'] },
      { path: '/', files: [] },
    ],
  });
  const htmlFor = pageHtml(dist);

  test('the files of the route the path opens, in the head, those of its later parts last and at low priority, the first matching route winning as in the router', () => {
    const board = htmlFor('/board/c-123');
    expect(links(board)).toEqual(['/assets/board-page-4.js', '/assets/board-sections-5.js (low)']);
    expect(board.indexOf('board-sections-5.js')).toBeLessThan(board.indexOf('</head>'));
    expect(links(htmlFor('/votes/new'))).toEqual(['/assets/new-vote-1.js']);
    expect(links(htmlFor('/votes/v-9/'))).toEqual(['/assets/vote-page-2.js', '/assets/vote-words-3.js']);
  });

  test('a path no route matches, or a segment the router cannot decode, gets index.html as built', () => {
    expect(htmlFor('/board/c-1/extra')).toBe(INDEX);
    expect(htmlFor('/nowhere')).toBe(INDEX);
    expect(htmlFor('/board/%E0%A4%A')).toBe(INDEX);
    expect(htmlFor('/')).toBe(INDEX);
  });

  test('a build without the file, or with a file not as expected (an href that could break out of its attribute), serves index.html as built', () => {
    expect(pageHtml(webDist())('/board/c-1')).toBe(INDEX);
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => warned.push(args);
    try {
      const hostile = pageHtml(webDist({ routes: [{ path: '/board/:compoundId', files: ['/assets/x.js"><script>alert(1)</script>'] }] }));
      expect(hostile('/board/c-1')).toBe(INDEX);
      expect(warned).toHaveLength(1);
    } finally {
      console.warn = warn;
    }
  });

  test('served by the app for a page path, not for the API', async () => {
    const { app, close } = await createTestApp({ seed: false, config: { webDist: dist } });
    try {
      const page = await app.request('/board/c-1');
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(links(await page.text())).toEqual(['/assets/board-page-4.js', '/assets/board-sections-5.js (low)']);
      const api = await app.request('/api/board/c-1');
      expect(api.status).toBe(404);
    } finally {
      await close();
    }
  });
});

describe('a visitor who chose English', () => {
  const ZH = '/assets/strings-page-vote-page.zh-CN-aB1_-x.js';
  const EN = '/assets/strings-page-vote-page.en-Zq9.js';
  const SHELL_ZH = '/assets/strings-shell-0.zh-CN-s1.js';
  const SHELL_EN = '/assets/strings-shell-0.en-s2.js';
  const index = `<!doctype html><html lang="zh-CN"><head><link rel="modulepreload" crossorigin href="${SHELL_ZH}"></head><body></body></html>`;
  const dist = webDist({
    en: { [ZH]: EN, [SHELL_ZH]: SHELL_EN },
    routes: [{ path: '/votes/:voteId', files: ['/assets/vote-page-2.js', ZH, '/assets/strings-page-other.zh-CN-n0.js'] }],
  });
  writeFileSync(join(dist, 'index.html'), index);

  test("gets the English words named, the shell's and the page's, in a document that says it is English; in Chinese the HTML is as built", () => {
    const html = pageHtml(dist)('/votes/v-1');
    const inLocale = htmlInLocale(dist);
    expect(inLocale(html, 'zh-CN')).toBe(html);
    const english = inLocale(html, 'en');
    expect(english).toContain('<html lang="en">');
    expect(links(english)).toEqual([SHELL_EN, '/assets/vote-page-2.js', EN, '/assets/strings-page-other.zh-CN-n0.js']);
  });

  test('by the cookie the app writes on switching, not by the browser’s languages', async () => {
    const { app, close } = await createTestApp({ seed: false, config: { webDist: dist } });
    try {
      const chinese = await (await app.request('/votes/v-1')).text();
      expect(links(chinese)).toEqual([SHELL_ZH, '/assets/vote-page-2.js', ZH, '/assets/strings-page-other.zh-CN-n0.js']);
      // The browser's languages alone do not choose: the app shows Chinese until its visitor switches.
      expect(links(await (await app.request('/votes/v-1', { headers: { 'accept-language': 'en' } })).text())).toEqual(links(chinese));
      const english = await (await app.request('/votes/v-1', { headers: { cookie: 'yishi_locale=en' } })).text();
      expect(english).toContain('<html lang="en">');
      expect(links(english)).toEqual([SHELL_EN, '/assets/vote-page-2.js', EN, '/assets/strings-page-other.zh-CN-n0.js']);
    } finally {
      await close();
    }
  });
});
