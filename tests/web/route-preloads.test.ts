/**
 * The files the server names in a page's HTML (packages/web/build/route-preloads.ts), read from the
 * built web app (run `npm run build -w @yishi/web` first) and checked against Vite's manifest:
 * every route of the page table is there, each with its page's chunk, what that chunk imports and
 * its words in Chinese, and none of the shell's files (index.html names those).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { VotePagePart } from '@yishi/core';
import { registeredPages } from '../support/pages.js';
import { dynamicImportsOf, entryKey, readManifest, staticClosure } from '../support/web-bundle.js';

const WEB = fileURLToPath(new URL('../../packages/web/', import.meta.url));
const DIST = join(WEB, 'dist');
const manifest = readManifest(DIST);
const preloads = JSON.parse(readFileSync(join(DIST, '.vite', 'route-preloads.json'), 'utf8')) as {
  routes: { path: string; files: string[]; later: string[]; parts: Record<string, string[]> }[];
};
const shell = new Set([...staticClosure(manifest, [entryKey(DIST, manifest)])].map((key) => `/${manifest[key]!.file}`));
const filesOf = (keys: Iterable<string>) => [...keys].map((key) => `/${manifest[key]!.file}`).filter((file) => !shell.has(file));
const routeFiles = (path: string) => preloads.routes.find((route) => route.path === path)?.files;
/** A page's words in Chinese, the default language (build/split-strings.ts). */
const wordsOf = (page: string) => {
  const key = Object.keys(manifest).find((k) => manifest[k]!.file.startsWith(`assets/strings-page-${page}.zh-CN-`));
  if (!key) throw new Error(`no Chinese words file for ${page}`);
  return `/${manifest[key]!.file}`;
};

describe("each page's files, for the server to name in its HTML", () => {
  test('every route of the page table, in its order', () => {
    const table = registeredPages().map((page) => page.path);
    expect(table.length).toBeGreaterThan(30);
    expect(preloads.routes.map((route) => route.path)).toEqual(table);
  });

  test("the voting page: its chunk, its static imports and its Chinese words; not the shell's files nor the voting flow it loads when voting starts", () => {
    const files = routeFiles('/votes/:voteId')!;
    expect(preloads.routes.find((r) => r.path === '/votes/:voteId')!.later).toEqual([]);
    expect(files[0]).toBe(`/${manifest['src/pages/votes/vote-page.ts']!.file}`);
    expect(new Set(files)).toEqual(new Set([...filesOf(staticClosure(manifest, ['src/pages/votes/vote-page.ts'])), wordsOf('vote-page')]));
    expect(files).not.toContain(`/${manifest['src/pages/votes/vote-flow.ts']!.file}`);
  });

  test("the board: its page and words, then, at low priority, its sections' files (asked for as the page runs), each file once", () => {
    const route = preloads.routes.find((r) => r.path === '/board/:compoundId')!;
    const page = filesOf(staticClosure(manifest, ['src/pages/board/board-page.ts']));
    expect(new Set(route.files)).toEqual(new Set([...page, wordsOf('board-page')]));
    const sections = [...new Set(dynamicImportsOf(manifest, 'src/pages/board/board-page.ts').filter((key) => key.endsWith('board-sections.ts')))];
    expect(sections).toHaveLength(1);
    expect(new Set(route.later)).toEqual(new Set(filesOf(staticClosure(manifest, sections)).filter((file) => !page.includes(file))));
    expect(route.later).toContain(`/${manifest[sections[0]!]!.file}`);
    const all = [...route.files, ...route.later];
    expect(new Set(all).size).toBe(all.length);
    for (const file of all) expect(shell.has(file), file).toBe(false);
  });

  test('the voting page asks for its parts with their words at once, in the document’s language, not their words once the part has run (build/split-strings.ts)', () => {
    const votePage = readFileSync(join(DIST, manifest['src/pages/votes/vote-page.ts']!.file), 'utf8');
    // Vite's preload map of the page's dynamic imports: each part's file beside its words' file, the English one picked
    // when the document is in English (a visitor who chose English fetched the Chinese words too).
    for (const part of ['vote-timeline', 'proxy-panel', 'vote-result', 'vote-flow']) {
      const chinese = wordsOf(part).replace('/assets/', './');
      const english = Object.values(manifest)
        .find((entry) => entry.file.startsWith(`assets/strings-page-${part}.en-`))!
        .file.replace('assets/', './');
      expect(votePage, part).toContain(`(document.documentElement.lang==="en"?${JSON.stringify(english)}:${JSON.stringify(chinese)})`);
    }
  });

  test("the voting page's parts (core's votePageParts), each with its files and its Chinese words, for the server to name once it knows the vote", () => {
    const route = preloads.routes.find((r) => r.path === '/votes/:voteId')!;
    const page = new Set(route.files);
    const modules: Record<VotePagePart, string> = {
      'vote-timeline': 'src/components/votes/vote-timeline.ts',
      'vote-result': 'src/components/votes/vote-result.ts',
      'proxy-panel': 'src/components/votes/proxy-panel.ts',
      // Asked for by the proxy panel (a part of a part), for an owner who has given or holds a proxy (core's proxyPanelParts).
      'proxy-actions': 'src/components/votes/proxy-actions.ts',
    };
    for (const [part, module] of Object.entries(modules)) {
      const files = route.parts[part]!;
      expect(files[0], part).toBe(`/${manifest[module]!.file}`);
      expect(new Set(files), part).toEqual(new Set([...filesOf(staticClosure(manifest, [module])).filter((file) => !page.has(file)), wordsOf(part)]));
    }
  });
});
