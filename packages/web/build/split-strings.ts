/**
 * Strings per feature and per language. The words live in src/locales/<feature>.ts, both languages
 * side by side (easy to write and review, typed keys). Shipped as they are, every page would carry
 * every feature's words twice. This plugin, in the build and the dev server:
 *
 * - turns each locale module into a loader: `await loadStrings('<feature>', { 'zh-CN': () => import(…), en: … })`,
 *   the words themselves in one module per language (`<feature>.ts?lang=zh-CN`, a chunk
 *   `assets/strings-<feature>.<lang>-<hash>.js` holding that language only);
 * - adds `import '…/locales/<feature>.ts'` to each module of the app that names one of the
 *   feature's keys as a string literal (`t('votes.title')`, a table of keys, or a prefix such as
 *   `t(\`votes.status.${status}\`)`), so a module's words are there before it runs (the loader
 *   awaits them at the top level) and a page loads the words of the features it shows, in the
 *   current language only. Switching the language loads the other language's words of the
 *   features already loaded (i18n.ts, switchLocale);
 * - has index.html preload the shell's words in the default language (zh-CN), which the shell would
 *   otherwise ask for only once its own code has run: one round trip fewer (for a visitor who chose
 *   English, the server names the English files instead: packages/server/src/http/page-html.ts).
 *
 * In the build, only the shell's modules import words per feature, cut in parts (string-parts.ts);
 * a page or part loaded apart by `import()` waits for its words in one module per language
 * (page-words.ts), and the modules it imports load none of their own.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import type { OutputBundle, OutputChunk } from 'rollup';
import { transformWithEsbuild, type HtmlTagDescriptor, type Plugin } from 'vite';
import { englishWords } from './english-words.js';
import { withoutLoaded } from './loaded-deps.js';
import { planPageWords, type PageWords } from './page-words.js';
import { namedTexts, planParts, type StringParts } from './string-parts.js';

const LOCALES = ['zh-CN', 'en'] as const;
type Table = Record<string, Record<(typeof LOCALES)[number], string>>;
const LANG = /[?&]lang=(zh-CN|en)$/;
/** In the build, a feature's words come in parts (build/string-parts.ts): `votes.ts?part=2`, `votes.ts?part=2&lang=zh-CN`. */
const PART = /\?part=(\d+)/;
/** In the build, the words of a page loaded apart from the shell (build/page-words.ts): `_load.ts?load=board-page`, `…&lang=zh-CN`. */
const LOAD = /\?load=([\w-]+)/;
const LOAD_MODULE = '_load.ts';
const QUERY = /\?.*$/;

/** Every TypeScript module under `dir` but the locale files and `skip`, path → code. */
function readSources(dir: string, skipDir: string, skip: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && path.endsWith('.ts') && !path.startsWith(skipDir) && path !== skip) sources.set(path, readFileSync(path, 'utf8'));
  }
  return sources;
}

/** Evaluates a locale module (plain data, type imports only) and answers its one exported table. */
async function readTable(path: string): Promise<Table> {
  const { code } = await transformWithEsbuild(readFileSync(path, 'utf8'), path, { loader: 'ts', format: 'esm' });
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, Table>;
  const tables = Object.values(module);
  if (tables.length !== 1) throw new Error(`${path} must export exactly one message table`);
  return tables[0]!;
}

/** The features (locale file names) whose keys a source names: whole keys, or prefixes ending in '.' or before `${`. */
export function featuresNamed(source: string, featureOfKey: ReadonlyMap<string, string>, prefixes: ReadonlyMap<string, Set<string>>): Set<string> {
  const found = new Set<string>();
  for (const { text, prefix } of namedTexts(source)) {
    const feature = featureOfKey.get(text);
    if (feature) found.add(feature);
    else if (prefix) for (const f of prefixes.get(text) ?? []) found.add(f);
  }
  return found;
}

/** The words chunks (`strings-<feature>.<locale>-…`) the entry chunk and its static imports load. */
function shellWords(bundle: OutputBundle, entry: OutputChunk, locale: string): string[] {
  const seen = new Set<string>();
  const words = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const file of chunk.dynamicImports) if (file.includes(`.${locale}-`) && /(^|\/)strings-/.test(file)) words.add(file);
    for (const file of chunk.imports) {
      const next = bundle[file];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(entry);
  return [...words];
}

/**
 * `preloaded`: the parts a page imports (chunk names, `vote-flow`) whose words in the default language
 * are fetched with their code. A page's own words come with its files: in its HTML, and from the
 * route files as the app goes to it (build/route-preloads.ts).
 */
export function splitStrings(localesDir: string, i18nModule: string, entry: string, preloaded: readonly string[] = []): Plugin {
  const localeFile = (id: string) => id.startsWith(localesDir) && /[\\/][\w-]+\.ts$/.test(id) && !id.endsWith('index.ts');
  let tables: Promise<Map<string, Table>> | undefined;
  const load = () =>
    (tables ??= (async () => {
      const files = readdirSync(localesDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
      return new Map(await Promise.all(files.map(async (name) => [basename(name, '.ts'), await readTable(join(localesDir, name))] as const)));
    })());
  let build = false;
  let parts: StringParts | undefined;
  let pages: (PageWords & { shell: Set<string> }) | undefined;
  const loadModule = join(localesDir, LOAD_MODULE);
  let index: Promise<{ featureOfKey: Map<string, string>; prefixes: Map<string, Set<string>> }> | undefined;
  const keyIndex = () =>
    (index ??= load().then((all) => {
      const featureOfKey = new Map<string, string>();
      const prefixes = new Map<string, Set<string>>();
      for (const [feature, table] of all) {
        for (const key of Object.keys(table)) {
          featureOfKey.set(key, feature);
          // Every proper prefix ending at a word: 'votes.status.open' → 'votes.', 'votes.status.' and 'votes', 'votes.status'.
          for (let i = key.indexOf('.'); i > 0; i = key.indexOf('.', i + 1)) {
            for (const prefix of [key.slice(0, i), key.slice(0, i + 1)]) {
              if (!prefixes.has(prefix)) prefixes.set(prefix, new Set());
              prefixes.get(prefix)!.add(feature);
            }
          }
        }
      }
      return { featureOfKey, prefixes };
    }));

  let written: OutputBundle | undefined;
  /**
   * What Vite preloads with a dynamic import (a part: its chunk and the chunks it imports), plus, for
   * the `preloaded` parts, the words in the default language these chunks load (build/page-words.ts), which the browser would
   * otherwise ask for only once the page's code has run: a round trip fewer on a phone (in English, the
   * English words: wordsInDocumentLanguage).
   */
  const withPageWords = (file: string, deps: string[]): string[] => {
    const page = written?.[file];
    if (page?.type !== 'chunk' || !preloaded.includes(page.name)) return deps;
    const words = [file, ...deps].flatMap((name) => {
      const chunk = written?.[name];
      return chunk?.type === 'chunk' ? chunk.dynamicImports.filter((d) => /(^|\/)strings-page-[\w-]+\.zh-CN-/.test(d)) : [];
    });
    return [...new Set([...deps, ...words])];
  };
  /**
   * A part's preloads (withPageWords) name its words in Chinese; a visitor in English would fetch them
   * for nothing, besides the English ones the part then loads. So in a chunk's list of preloads, each
   * Chinese words file is an expression that picks the English file when the document is in English
   * (its `lang`, which app/preferences sets before any page runs), read when the chunk first preloads.
   */
  let english: Map<string, string> | undefined;
  const wordsInDocumentLanguage = (file: string, hostId: string, hostType: string): { runtime: string } | { relative: true } | undefined => {
    if (hostType !== 'js') return undefined;
    // Every other file a chunk names stays relative to the chunk, as Vite writes it without this hook.
    if (!written || !/(^|\/)strings-[\w.-]+\.zh-CN-[\w-]+\.js$/.test(file)) return { relative: true };
    english ??= englishWords(Object.values(written).filter((chunk): chunk is OutputChunk => chunk.type === 'chunk'));
    const en = english.get(file);
    if (!en) return { relative: true };
    // Relative to the chunk, as Vite's preload helper resolves each name against its importer.
    const url = (name: string) => JSON.stringify(`./${posix.relative(posix.dirname(hostId), name)}`);
    return { runtime: `(document.documentElement.lang==="en"?${url(en)}:${url(file)})` };
  };
  /** A module that registers a set of words (`votes#2`, `page:board-page`) and waits for them in the current language. */
  const loaderOf = (name: string, modulePrefix: string) => {
    const loaders = LOCALES.map((locale) => `${JSON.stringify(locale)}: () => import(${JSON.stringify(`${modulePrefix}lang=${locale}`)})`).join(', ');
    return [`import { loadStrings } from ${JSON.stringify(i18nModule)};`, `await loadStrings(${JSON.stringify(name)}, { ${loaders} });`].join('\n');
  };

  return {
    name: 'yishi-split-strings',
    enforce: 'pre',
    config() {
      return {
        experimental: { renderBuiltUrl: (file, { hostId, hostType }) => wordsInDocumentLanguage(file, hostId, hostType) },
        build: {
          // Some pages' words in the default language are fetched with the page's code, not once it has run.
          // And a dynamic import does not preload what its importer has loaded already (build/loaded-deps.ts).
          modulePreload: {
            resolveDependencies: (file, deps, { hostId, hostType }) => (hostType === 'js' ? withoutLoaded(written, hostId, withPageWords(file, deps)) : deps),
          },
          rollupOptions: {
            output: {
              chunkFileNames: (chunk) => {
                const id = chunk.facadeModuleId ?? '';
                const lang = LANG.exec(id)?.[1];
                const part = PART.exec(id)?.[1];
                const load = LOAD.exec(id)?.[1];
                if (lang && load) return `assets/strings-page-${load}.${lang}-[hash].js`;
                return lang ? `assets/strings-${basename(id.replace(QUERY, ''), '.ts')}${part ? `-${part}` : ''}.${lang}-[hash].js` : 'assets/[name]-[hash].js';
              },
            },
          },
        },
      };
    },
    configResolved(config) {
      build = config.command === 'build';
    },
    // The bundle, for withPageWords (Vite asks for a dynamic import's preloads while it writes the chunks).
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        written = bundle;
      },
    },
    // The build cuts the shell's words into parts by the modules that name them and gives every page
    // loaded apart its own words (build/page-words.ts); the dev server loads whole features.
    async buildStart() {
      if (!build) return;
      const sources = readSources(dirname(localesDir), localesDir, i18nModule);
      const plan = planParts(sources, await load(), LOCALES[0]);
      parts = plan;
      const wordsOfShell = (shell: ReadonlySet<string>) =>
        new Set([...shell].flatMap((file) => (plan.partsOf(file) ?? []).flatMap(({ feature, part }) => plan.keysOf(feature, part))));
      pages = planPageWords(sources, entry, await load(), wordsOfShell);
    },
    // The dev server reads the words again after an edit of a locale file.
    watchChange(id) {
      if (id.startsWith(localesDir)) tables = index = undefined;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        if (!ctx.bundle || !ctx.chunk) return [];
        return shellWords(ctx.bundle, ctx.chunk, LOCALES[0]).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head',
        }));
      },
    },
    resolveId(id) {
      if (id.replace(QUERY, '') === loadModule && LOAD.test(id)) return id;
      return (LANG.test(id) || PART.test(id)) && localeFile(id.replace(QUERY, '')) ? id : null;
    },
    async load(id) {
      const lang = LANG.exec(id)?.[1] as (typeof LOCALES)[number] | undefined;
      const page = LOAD.exec(id)?.[1];
      if (page && id.replace(QUERY, '') === loadModule) {
        const all = await load();
        const tableOf = new Map([...all.values()].flatMap((table) => Object.entries(table)));
        if (lang) return `export default ${JSON.stringify(Object.fromEntries((pages?.keysOf(page) ?? []).map((key) => [key, tableOf.get(key)![lang]])))};`;
        return loaderOf(`page:${page}`, `${loadModule}?load=${page}&`);
      }
      const part = PART.exec(id)?.[1];
      const path = id.replace(QUERY, '');
      if (!localeFile(path)) return null;
      const feature = basename(path, '.ts');
      const table = (await load()).get(feature);
      if (!table) throw new Error(`unknown locale module ${path}`);
      if (lang) {
        const keys = part === undefined ? Object.keys(table) : (parts?.keysOf(feature, part) ?? []);
        const words = Object.fromEntries(keys.map((key) => [key, table[key]![lang]]));
        return `export default ${JSON.stringify(words)};`;
      }
      const module = part === undefined ? path : `${path}?part=${part}`;
      return loaderOf(part === undefined ? feature : `${feature}#${part}`, `${module}${part === undefined ? '?' : '&'}`);
    },
    async transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules') || id.startsWith(localesDir) || id === i18nModule) return null;
      if (!/[\\/]packages[\\/]web[\\/]src[\\/]/.test(id)) return null;
      const page = [...(pages?.loads ?? [])].find(([, root]) => root === id)?.[0];
      // A module of a page loaded apart: its words come with the page's (build/page-words.ts).
      if (!page && pages?.covered.has(id)) return null;
      const planned = pages?.shell.has(id) ? parts?.partsOf(id) : undefined;
      const { featureOfKey, prefixes } = await keyIndex();
      const modules = page
        ? [`${loadModule}?load=${page}`]
        : planned
          ? planned.map(({ feature, part }) => `${join(localesDir, `${feature}.ts`)}?part=${part}`)
          : [...featuresNamed(code, featureOfKey, prefixes)].map((feature) => join(localesDir, `${feature}.ts`));
      if (modules.length === 0) return null;
      const imports = modules
        .sort()
        .map((module) => `import ${JSON.stringify(module)};`)
        .join('\n');
      return { code: `${imports}\n${code}`, map: null };
    },
  };
}
