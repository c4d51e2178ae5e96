import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import { pageHtml } from './page-html.js';

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
