/**
 * Each page's files, named in the HTML the server sends for its path. index.html names the shell;
 * the page's chunk, what it imports and its words were found only once the shell had run and
 * matched the route: a round trip more before the page could ask for its data. And Vite's preload
 * helper announced each file from script, a `<link rel="modulepreload">` appended per file: on the
 * board, 22 files for its sections, about 150 ms of one task at 4x slowdown in a trace (a request
 * started per link). Named in the HTML, the files are fetched as the head is parsed, and the helper,
 * finding each link there, adds none.
 *
 * The build writes `.vite/route-preloads.json`: for every route of src/routes.ts, its page's chunk,
 * the chunks it imports statically and the page's words in the default language (which the page
 * waits for before it runs), without the shell's files; and, `later`, the files of the parts the page asks for at its
 * top level (page-words.ts's TOP_LEVEL_IMPORT: the board's sections), and `parts`, the files of each
 * part the page may import() by its chunk name (the server names those a page's answer says it will
 * show: packages/server/src/http/page-answers.ts). The server names `later` at low
 * priority: over HTTP/1.1's six connections, at the same priority, they were fetched before the
 * page's own data (the board's name 1.15 → 1.54 s on a throttled phone; docs/benchmarks.md). The
 * server matches a path as the app's router does (packages/server/src/http/page-html.ts). With the
 * lists comes `en`, each file of words in the default language and its English counterpart: for a
 * visitor who chose English, the server and the shell name those instead, in the HTML (the shell's
 * words too) and on a move to another page.
 *
 * Going from page to page in the app, the shell names a page's files itself (app/route-files.ts), from
 * the same lists written for it as `assets/route-files-<hash>.json`, which index.html names in a meta
 * tag. Vite would have put them in the shell: a preload map of every page's files, 2.5 KiB gzipped
 * that every visit downloaded before its first page could run (issue 18). So the shell's import of a
 * page preloads nothing; the map is fetched once the first page has loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';
import { englishWords } from './english-words.js';
import { loadedWith } from './loaded-deps.js';
import { TOP_LEVEL_IMPORT } from './page-words.js';

export const ROUTE_PRELOADS_FILE = '.vite/route-preloads.json';
/** index.html's meta tag naming the map the shell reads (app/route-files.ts). */
export const ROUTE_FILES_META = 'yishi-route-files';

/** What the shell reads: each route's files as places in one list of names (each name written once). */
export interface RouteFilesMap {
  files: string[];
  routes: Record<string, number[]>;
  /** For a visitor in English: each file of words in the default language named in the lists, and its English counterpart. */
  en: Record<string, string>;
}

export interface RoutePreloads {
  /** In the order of the route table (the first match wins, as in the app). */
  routes: { path: string; files: string[]; later: string[]; parts: Record<string, string[]> }[];
  /** Every file of words in the default language (the shell's, in index.html, and the pages'), and its English counterpart. */
  en: Record<string, string>;
}

/** One route's path and the module its `load` imports. */
const ROUTE = /\bpath:\s*'([^']+)'[^]*?\bload:\s*\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)/g;
/** A page's words in the default language (build/split-strings.ts names them so). */
const DEFAULT_WORDS = /(^|\/)strings-page-[\w-]+\.zh-CN-/;

/** The route table's paths, each with the page module its `load` imports (a .ts path), in its order. */
function routeTable(routesModule: string): { path: string; page: string }[] {
  return [...readFileSync(routesModule, 'utf8').matchAll(ROUTE)].map(([, path, specifier]) => ({
    path: path!,
    page: resolve(dirname(routesModule), specifier!).replace(/\.js$/, '.ts'),
  }));
}

export function routePreloads(routesModule: string): Plugin[] {
  let base = '/';
  let written: OutputBundle | undefined;
  let pages: Set<string> | undefined;
  /** A page of the route table imported by the shell: its files come from the map, not from a preload map in the shell. */
  const shellImportsPage = (file: string, host: string) => {
    const imported = written?.[file];
    const importer = written?.[host];
    if (imported?.type !== 'chunk' || importer?.type !== 'chunk' || !importer.isEntry) return false;
    pages ??= new Set(routeTable(routesModule).map((route) => route.page));
    return imported.facadeModuleId !== null && pages.has(imported.facadeModuleId);
  };
  return [
    {
      name: 'yishi-route-preloads:bundle',
      apply: 'build',
      // Vite asks for a dynamic import's preloads while it writes the chunks, after the bundle is complete.
      generateBundle: {
        order: 'pre',
        handler(_options, bundle) {
          written = bundle;
        },
      },
      config(config) {
        const preload = config.build?.modulePreload;
        const inner = typeof preload === 'object' ? preload.resolveDependencies : undefined;
        return {
          build: {
            modulePreload: {
              resolveDependencies: (file, deps, context) =>
                context.hostType === 'js' && shellImportsPage(file, context.hostId) ? [] : inner ? inner(file, deps, context) : deps,
            },
          },
        };
      },
    },
    {
      name: 'yishi-route-preloads',
      apply: 'build',
      configResolved(config) {
        base = config.base;
      },
      // After Vite's own, which writes index.html.
      generateBundle: {
        order: 'post',
        handler(_options, bundle) {
          const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
          const entry = chunks.find((chunk) => chunk.isEntry);
          if (!entry) this.error('route-preloads: the build has no entry chunk');
          const shell = loadedWith(bundle as OutputBundle, entry.fileName);

          const routes: RoutePreloads['routes'] = [];
          for (const { path, page } of routeTable(routesModule)) {
            const chunk = chunks.find((c) => c.facadeModuleId === page);
            if (!chunk) this.error(`route-preloads: no chunk is the page ${page}`);
            const closure = (root: string) => [...loadedWith(bundle as OutputBundle, root)].filter((file) => !shell.has(file));
            const own = closure(chunk.fileName);
            const words = own.flatMap((file) => (bundle[file] as OutputChunk).dynamicImports.filter((d) => DEFAULT_WORDS.test(d)));
            const files = new Set([...own, ...words]);
            const later = new Set<string>();
            for (const [, part] of readFileSync(page, 'utf8').matchAll(TOP_LEVEL_IMPORT)) {
              const module = resolve(dirname(page), part!).replace(/\.js$/, '.ts');
              const partChunk = chunks.find((c) => c.facadeModuleId === module);
              if (!partChunk) this.error(`route-preloads: no chunk is the part ${module} of ${page}`);
              for (const file of closure(partChunk.fileName)) if (!files.has(file)) later.add(file);
            }
            // Each part the page may ask for by import() (its words apart), and each part a part asks for so (the proxy
            // panel's actions): its files and its default words, for the server to name when it knows the page will
            // show it (the voting page's first screen, by core's voteFirstScreenParts; the meeting page's editor).
            const parts: Record<string, string[]> = {};
            const asked = [...chunk.dynamicImports];
            for (const dynamic of asked) {
              const part = bundle[dynamic];
              if (part?.type !== 'chunk' || /(^|\/)strings-/.test(dynamic) || parts[part.name]) continue;
              const partFiles = closure(part.fileName).filter((file) => !files.has(file));
              const partWords = partFiles.flatMap((file) => (bundle[file] as OutputChunk).dynamicImports.filter((d) => DEFAULT_WORDS.test(d)));
              parts[part.name] = [...new Set([...partFiles, ...partWords])].map((file) => base + file);
              asked.push(...part.dynamicImports);
            }
            routes.push({ path, files: [...files].map((file) => base + file), later: [...later].map((file) => base + file), parts });
          }
          if (routes.length === 0) this.error(`route-preloads: no route found in ${routesModule}`);
          const en = Object.fromEntries([...englishWords(chunks)].map(([chinese, english]) => [base + chinese, base + english]));
          const preloads: RoutePreloads = { routes, en };
          this.emitFile({ type: 'asset', fileName: ROUTE_PRELOADS_FILE, source: JSON.stringify(preloads, null, 1) });

          // The shell's copy: each route's files and the files of the parts it asks for at its top level.
          const names = [...new Set(routes.flatMap((route) => [...route.files, ...route.later]))];
          const places = new Map(names.map((name, place) => [name, place]));
          const map: RouteFilesMap = {
            files: names,
            routes: Object.fromEntries(routes.map((route) => [route.path, [...route.files, ...route.later].map((name) => places.get(name)!)])),
            en: Object.fromEntries(names.flatMap((name) => (en[name] ? [[name, en[name]]] : []))),
          };
          const source = JSON.stringify(map);
          const fileName = `assets/route-files-${createHash('sha256').update(source).digest('base64url').slice(0, 8)}.json`;
          this.emitFile({ type: 'asset', fileName, source });
          const html = bundle['index.html'];
          if (html?.type !== 'asset' || typeof html.source !== 'string' || !html.source.includes('</head>'))
            this.error('route-preloads: the build has no index.html to name the route files in');
          html.source = html.source.replace('</head>', `  <meta name="${ROUTE_FILES_META}" content="${base}${fileName}">\n  </head>`);
        },
      },
    },
  ];
}
