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
 *   otherwise ask for only once its own code has run: one round trip fewer for most visitors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { OutputBundle, OutputChunk } from 'rollup';
import { transformWithEsbuild, type HtmlTagDescriptor, type Plugin } from 'vite';

const LOCALES = ['zh-CN', 'en'] as const;
type Table = Record<string, Record<(typeof LOCALES)[number], string>>;
const LANG = /\?lang=(zh-CN|en)$/;

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
  for (const match of source.matchAll(/(['"`])([\w.-]+?)(\1|\$\{)/g)) {
    const text = match[2] ?? '';
    const feature = featureOfKey.get(text);
    if (feature) found.add(feature);
    else if (match[3] === '${' || text.endsWith('.')) for (const f of prefixes.get(text) ?? []) found.add(f);
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

export function splitStrings(localesDir: string, i18nModule: string): Plugin {
  const localeFile = (id: string) => id.startsWith(localesDir) && /[\\/][\w-]+\.ts$/.test(id) && !id.endsWith('index.ts');
  let tables: Promise<Map<string, Table>> | undefined;
  const load = () =>
    (tables ??= (async () => {
      const files = readdirSync(localesDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
      return new Map(await Promise.all(files.map(async (name) => [basename(name, '.ts'), await readTable(join(localesDir, name))] as const)));
    })());
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

  return {
    name: 'yishi-split-strings',
    enforce: 'pre',
    config() {
      return {
        build: {
          rollupOptions: {
            output: {
              chunkFileNames: (chunk) => {
                const lang = chunk.facadeModuleId ? LANG.exec(chunk.facadeModuleId)?.[1] : undefined;
                return lang ? `assets/strings-${basename(chunk.facadeModuleId!.replace(LANG, ''), '.ts')}.${lang}-[hash].js` : 'assets/[name]-[hash].js';
              },
            },
          },
        },
      };
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
      return LANG.test(id) && localeFile(id.replace(LANG, '')) ? id : null;
    },
    async load(id) {
      const lang = LANG.exec(id)?.[1] as (typeof LOCALES)[number] | undefined;
      const path = id.replace(LANG, '');
      if (!localeFile(path)) return null;
      const table = (await load()).get(basename(path, '.ts'));
      if (!table) throw new Error(`unknown locale module ${path}`);
      if (lang) {
        const words = Object.fromEntries(Object.entries(table).map(([key, text]) => [key, text[lang]]));
        return `export default ${JSON.stringify(words)};`;
      }
      const feature = basename(path, '.ts');
      const loaders = LOCALES.map((locale) => `${JSON.stringify(locale)}: () => import(${JSON.stringify(`${path}?lang=${locale}`)})`).join(', ');
      return [`import { loadStrings } from ${JSON.stringify(i18nModule)};`, `await loadStrings(${JSON.stringify(feature)}, { ${loaders} });`].join('\n');
    },
    async transform(code, id) {
      if (!/\.ts$/.test(id) || id.includes('node_modules') || id.startsWith(localesDir) || id === i18nModule) return null;
      if (!/[\\/]packages[\\/]web[\\/]src[\\/]/.test(id)) return null;
      const { featureOfKey, prefixes } = await keyIndex();
      const features = featuresNamed(code, featureOfKey, prefixes);
      if (features.size === 0) return null;
      const imports = [...features]
        .sort()
        .map((feature) => `import ${JSON.stringify(join(localesDir, `${feature}.ts`))};`)
        .join('\n');
      return { code: `${imports}\n${code}`, map: null };
    },
  };
}
