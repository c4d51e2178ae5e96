/**
 * The web app's HTML for a path: index.html, with `<link rel="modulepreload">` for the files of the
 * page the path opens (the web build's `.vite/route-preloads.json`, see
 * packages/web/build/route-preloads.ts). The browser fetches them while it parses the head, instead
 * of learning of them one round trip after another as the shell and then the page run; and Vite's
 * preload helper, finding the links there, adds none from script. The files of the parts the page
 * asks for once it runs (`later`: the board's sections) are named at low priority, so that they do
 * not take the connections before the page's own code and data. A path no route matches, or a
 * build without the file, gets index.html as built.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '@yishi/core';
import { z } from 'zod';

const PRELOADS_FILE = '.vite/route-preloads.json';

const AssetPath = z.string().regex(/^\/[\w\-./]+\.js$/);
const RoutePreloads = z.object({
  /** Each file of words in the default language, and its English counterpart. */
  en: z.record(AssetPath, AssetPath).default({}),
  routes: z.array(
    z.object({
      path: z.string().startsWith('/'),
      files: z.array(AssetPath),
      later: z.array(AssetPath).default([]),
      parts: z.record(z.string(), z.array(AssetPath)).default({}),
    }),
  ),
});

const segments = (path: string) => path.split('/').filter((s) => s !== '');

/** The same rule as the app's router (packages/web/src/app/router.ts): a `:name` segment matches any one segment. */
function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((want, i) => {
    if (!want.startsWith(':')) return want === path[i];
    try {
      decodeURIComponent(path[i]!);
      return true;
    } catch {
      return false;
    }
  });
}

/** The parameters of `path` under `pattern` (`/votes/:voteId`), decoded as the router does; null when it does not match. */
export function routeParams(pattern: string, path: string): Record<string, string> | null {
  const want = segments(pattern);
  const have = segments(path);
  if (!matches(want, have)) return null;
  return Object.fromEntries(want.flatMap((name, i) => (name.startsWith(':') ? [[name.slice(1), decodeURIComponent(have[i]!)]] : [])));
}

type PreloadedRoute = z.infer<typeof RoutePreloads>['routes'][number] & { pattern: string[] };

interface Build {
  routes: PreloadedRoute[];
  en: Record<string, string>;
}

function readPreloads(webDist: string): Build {
  let text: string;
  try {
    text = readFileSync(join(webDist, PRELOADS_FILE), 'utf8');
  } catch {
    return { routes: [], en: {} };
  }
  const parsed = RoutePreloads.safeParse(JSON.parse(text));
  if (!parsed.success) {
    console.warn(`[yishi] ${PRELOADS_FILE} in the web build is not as expected; pages are served without their preload links.`);
    return { routes: [], en: {} };
  }
  return { routes: parsed.data.routes.map((route) => ({ ...route, pattern: segments(route.path) })), en: parsed.data.en };
}

/** Each web build's routes, read once (on the first page asked for). */
const builds = new Map<string, Build>();

function buildOf(webDist: string): Build {
  let build = builds.get(webDist);
  if (!build) {
    build = readPreloads(webDist);
    builds.set(webDist, build);
  }
  return build;
}

/** The route of the build that the path opens, matched as the app's router does; undefined for none. */
function routeAt(webDist: string, path: string): PreloadedRoute | undefined {
  const have = segments(path);
  return buildOf(webDist).routes.find((r) => matches(r.pattern, have));
}

/** A file of words in the default language, as the HTML names it (build/split-strings.ts). */
const DEFAULT_WORDS = /\/assets\/strings-[\w.-]+?\.zh-CN-[\w-]+\.js/g;

/**
 * Our HTML (index.html with its links, or the links of a page's parts) for a visitor in `locale`: in
 * English, the words it names (the shell's and the page's) are the English ones, and the document
 * says so (`lang`), so that the phone fetches the words it will show, once, with the page's code.
 * Given before any data goes in: a visitor's text is never rewritten. A file of words without a
 * counterpart in the build's list stays as it is (the app still loads the English words it needs).
 */
export function htmlInLocale(webDist: string): (html: string, locale: Locale) => string {
  return (html, locale) => {
    if (locale !== 'en') return html;
    const { en } = buildOf(webDist);
    return html.replace('<html lang="zh-CN">', '<html lang="en">').replace(DEFAULT_WORDS, (file) => en[file] ?? file);
  };
}

/** Each route's HTML is made once and kept. */
export function pageHtml(webDist: string): (path: string) => string {
  let index: string | null = null;
  const made = new Map<PreloadedRoute, string>();
  return (path) => {
    index ??= readFileSync(join(webDist, 'index.html'), 'utf8');
    const route = routeAt(webDist, path);
    if (!route || route.files.length + route.later.length === 0) return index;
    let html = made.get(route);
    if (html === undefined) {
      const links = [
        ...route.files.map((file) => `<link rel="modulepreload" crossorigin href="${file}">`),
        ...route.later.map((file) => `<link rel="modulepreload" crossorigin fetchpriority="low" href="${file}">`),
      ].join('');
      html = index.replace('</head>', `${links}</head>`);
      made.set(route, html);
    }
    return html;
  };
}

/**
 * The `<link rel="modulepreload">` of the parts `names` (chunk names: `vote-timeline`) the page at
 * `path` will ask for (route-preloads' `parts`), for the HTML's head: named once the server knows the
 * page will show them (http/page-answers.ts), fetched while the head is parsed.
 */
export function partLinks(webDist: string): (path: string, names: readonly string[]) => string {
  return (path, names) => {
    const route = routeAt(webDist, path);
    if (!route) return '';
    const files = new Set(names.flatMap((name) => route.parts[name] ?? []));
    return [...files].map((file) => `<link rel="modulepreload" crossorigin href="${file}">`).join('');
  };
}
