/**
 * The words of a page in one file per language (build/split-strings.ts, in the build). Cut by
 * feature and by module (string-parts.ts), the public board loaded its words in 21 files and 7
 * one-line loaders, each with a request and a gzip window of its own: 8.2 KiB gzipped for what one
 * file holds in 3.1.
 *
 * What loads apart from the shell does so through a dynamic `import()` (a page from the route
 * table, a part of a page loaded on demand): a "load". Each load's module waits, before it runs,
 * for one words module holding every key that the modules it imports statically name (whole keys
 * or prefixes, as string-parts.ts reads them) and that the shell has not loaded already, plus the
 * keys no module names of each feature it touches. The shell keeps its words per feature and part.
 *
 * A module of a load runs before the load's words are there (ES modules wait for the modules they
 * import, not for their siblings), and it may only call `t()` once the load's module has run: its
 * elements are drawn by the modules that import them. That holds unless an element is drawn by a
 * module that does not import it (it is on the page, waiting for its code): such a module becomes
 * a load of its own and waits for its own words.
 *
 * A part a load's module asks for at its top level (`const code = import('./part.js')`, or in the
 * task after it with `inNextTask(() => import('./part.js'))`: fetched as the page opens, not on a
 * tap; the board's sections) is no load of its own: its words come in the load's file, which the
 * page has by the time the part draws anything.
 */
import { dirname, resolve } from 'node:path';
import { keysNamedIn, type Table } from './string-parts.js';

export interface PageWords {
  /** The module of each load, by the name its words go under (`board-page`, `vote-flow`…). */
  loads: Map<string, string>;
  /** The keys of a load's words. */
  keysOf(load: string): string[];
  /** Modules whose words come with a load (no words import of their own). */
  covered: Set<string>;
}

// Not `import type … from`: erased in the build, it loads nothing (the shell's outbox watcher names the outbox's
// entry type, and counting it put the outbox, and the words it names, in the shell: a page then lacked them).
const STATIC_IMPORT = /(?:^|[;\n])\s*(?:import|export)\s*(?!\s|type\s)(?:[\w*${}\s,]+?\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
/** A dynamic import at a module's top level (a statement starting the line), run as the module runs (also route-preloads.ts's `later`). */
export const TOP_LEVEL_IMPORT = /^(?:export\s+)?(?:const|let)\s+\w+\s*=\s*(?:inNextTask\(\s*\(\)\s*=>\s*)?import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;
const DEFINED_TAG = /@customElement\(\s*['"]([\w-]+)['"]\s*\)|customElements\.define\(\s*['"]([\w-]+)['"]/g;

/** The source module a relative specifier names (`./x.js` → `/…/x.ts`), or undefined outside the sources. */
function resolveIn(sources: ReadonlyMap<string, string>, from: string, specifier: string): string | undefined {
  const path = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  return sources.has(path) ? path : undefined;
}

/**
 * Plans the loads from every source module (path → code), the entry module, every feature's table
 * and the words the shell loads (given the shell's modules).
 */
export function planPageWords(
  sources: ReadonlyMap<string, string>,
  entry: string,
  tables: ReadonlyMap<string, Table>,
  wordsOfShell: (shell: ReadonlySet<string>) => Set<string>,
): PageWords & { shell: Set<string> } {
  const imports = new Map<string, string[]>();
  const dynamic = new Set<string>();
  for (const [file, code] of sources) {
    imports.set(
      file,
      [...code.matchAll(STATIC_IMPORT)].flatMap((m) => resolveIn(sources, file, m[1]!) ?? []),
    );
    for (const m of code.matchAll(DYNAMIC_IMPORT)) {
      const target = resolveIn(sources, file, m[1]!);
      if (target) dynamic.add(target);
    }
  }
  const closure = (root: string, stop: ReadonlySet<string> = new Set()) => {
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file) || stop.has(file)) continue;
      seen.add(file);
      stack.push(...(imports.get(file) ?? []));
    }
    return seen;
  };
  const shell = closure(entry);
  // A part asked for at a load's top level goes with the load's modules (see above).
  for (const [file, code] of sources) {
    if (shell.has(file)) continue;
    for (const m of code.matchAll(TOP_LEVEL_IMPORT)) {
      const target = resolveIn(sources, file, m[1]!);
      if (target && !shell.has(target)) {
        imports.get(file)!.push(target);
        dynamic.delete(target);
      }
    }
  }

  // An element drawn by a module that does not import it waits for its own words (see above).
  const roots = new Set([...dynamic].filter((file) => !shell.has(file)));
  for (const [file, code] of sources) {
    if (shell.has(file) || roots.has(file)) continue;
    for (const m of code.matchAll(DEFINED_TAG)) {
      const tag = m[1] ?? m[2]!;
      const drawnUnloaded = [...sources].some(([other, text]) => other !== file && text.includes(`<${tag}`) && !closure(other).has(file));
      if (drawnUnloaded) roots.add(file);
    }
  }

  const featureOfKey = new Map<string, string>();
  for (const [feature, table] of tables) for (const key of Object.keys(table)) featureOfKey.set(key, feature);
  const keysIn = keysNamedIn(featureOfKey);
  const namedBy = (file: string): string[] => keysIn(sources.get(file) ?? '');
  // Keys no module names go with every load of their feature (as string-parts.ts sends them to every module of it).
  const named = new Set([...sources.keys()].flatMap(namedBy));
  const unnamed = (feature: string) => Object.keys(tables.get(feature) ?? {}).filter((key) => !named.has(key));
  const shellKeys = wordsOfShell(shell);

  const loads = new Map<string, string>();
  const keys = new Map<string, string[]>();
  const covered = new Set<string>();
  for (const root of [...roots].sort()) {
    closure(root, shell).forEach((file) => covered.add(file));
    // A load a load imports (the board's vote results, also loaded on their own by the voting page) brings its own words.
    const modules = closure(root, new Set([...shell, ...[...roots].filter((other) => other !== root)]));
    const mine = new Set([...modules].flatMap(namedBy));
    for (const feature of new Set([...mine].map((key) => featureOfKey.get(key)!))) unnamed(feature).forEach((key) => mine.add(key));
    const own = [...mine].filter((key) => !shellKeys.has(key)).sort();
    if (own.length === 0) continue;
    const base = root.replace(/^.*[\\/]/, '').replace(/\.ts$/, '');
    let name = base;
    for (let n = 2; loads.has(name); n++) name = `${base}-${n}`;
    loads.set(name, root);
    keys.set(name, own);
  }
  return { loads, keysOf: (load) => keys.get(load) ?? [], covered, shell };
}
