/**
 * What the built web app (packages/web/dist) makes a browser download for a page, read from Vite's
 * manifest (dist/.vite/manifest.json): the entry chunk (the shell), the page's module, every chunk
 * they import statically, and the dynamic imports a page makes as it opens (the board's sections).
 * Sizes are gzip (level 9), as the server sends them. Used by tests/web/bundle-budget.test.ts and
 * bench/pages.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The manifest key of the entry chunk: the module script index.html names (the shell). */
export function entryKey(dist: string, manifest: Manifest): string {
  const src = /<script type="module"[^>]*\ssrc="\/([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
  const key = Object.keys(manifest).find((k) => manifest[k]?.file === src);
  if (!key) throw new Error(`the entry chunk ${src} is not in the manifest`);
  return key;
}

/** The chunks (manifest keys) `keys` need: themselves and everything they import statically, transitively. */
export function staticClosure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    seen.add(key);
    stack.push(...(chunk.imports ?? []));
  }
  return seen;
}

const gzipCache = new Map<string, number>();
/** Gzipped bytes of a built file. */
export function gzipBytes(dist: string, file: string): number {
  const path = join(dist, file);
  let size = gzipCache.get(path);
  if (size === undefined) {
    size = gzipSync(readFileSync(path), { level: 9 }).length;
    gzipCache.set(path, size);
  }
  return size;
}

export interface PageWeight {
  /** Built JS files the page loads, shell included. */
  files: string[];
  /** Their gzipped bytes. */
  gzip: number;
}

/**
 * A words module in one language (build/split-strings.ts): the shell's words of one feature, or of
 * one part of a feature (`src/locales/votes.ts?lang=zh-CN`, `src/locales/votes.ts?part=2&lang=zh-CN`),
 * or the words of a page loaded apart from the shell, any features (`src/locales/_load.ts?load=board-page&lang=zh-CN`,
 * build/page-words.ts; `load` is set, `feature` null).
 */
export const stringsOf = (key: string): { feature: string | null; part: string | null; load: string | null; locale: string } | null => {
  const load = /^src\/locales\/_load\.ts\?load=([\w-]+)&lang=([\w-]+)$/.exec(key);
  if (load) return { feature: null, part: null, load: load[1]!, locale: load[2]! };
  const match = /^src\/locales\/([\w-]+)\.ts\?(?:part=(\d+)&)?lang=([\w-]+)$/.exec(key);
  return match ? { feature: match[1]!, part: match[2] ?? null, load: null, locale: match[3]! } : null;
};

/**
 * The JS a page loads on a cold visit in `locale`: the shell, the page module (a source path such as
 * 'src/pages/votes/vote-page.ts'), the modules it loads as it opens (`opens`: dynamic imports that
 * always happen, such as the board's sections), their static imports, and the words in `locale`
 * of the features these modules name.
 */
export function pageWeight(dist: string, manifest: Manifest, page: string, opens: readonly string[] = [], locale = 'zh-CN'): PageWeight {
  const code = staticClosure(manifest, [entryKey(dist, manifest), page, ...opens]);
  const words = [...code].flatMap((key) => dynamicImportsOf(manifest, key).filter((dynamic) => stringsOf(dynamic)?.locale === locale));
  const keys = new Set([...code, ...words]);
  const files = [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  return { files, gzip: files.reduce((sum, file) => sum + gzipBytes(dist, file), 0) };
}

/** The dynamic imports of a chunk (manifest keys), e.g. the board's sections. */
export function dynamicImportsOf(manifest: Manifest, key: string): string[] {
  return manifest[key]?.dynamicImports ?? [];
}
