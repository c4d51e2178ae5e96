/**
 * What a dynamic import need not preload: the chunks the importing chunk imports statically, which
 * are loaded by the time it runs. Vite lists every dependency of the imported chunk in the
 * importer's preload map and skips the loaded ones only as it runs; on the board the sections'
 * import named the shell and three chunks the board page already had (bytes on every visit). The
 * styles Vite adds to the map itself, after this.
 */
import type { OutputBundle } from 'rollup';

/** The files the chunk `host` loads before it runs: itself, its static imports and theirs. */
export function loadedWith(bundle: OutputBundle, host: string): Set<string> {
  const loaded = new Set<string>();
  const stack = [host];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (loaded.has(file)) continue;
    loaded.add(file);
    const chunk = bundle[file];
    if (chunk?.type !== 'chunk') continue;
    stack.push(...chunk.imports);
  }
  return loaded;
}

/** `deps` of a dynamic import in `host`, without those `host` has already loaded. */
export function withoutLoaded(bundle: OutputBundle | undefined, host: string, deps: string[]): string[] {
  if (!bundle?.[host]) return deps;
  const loaded = loadedWith(bundle, host);
  return deps.filter((dep) => !loaded.has(dep));
}
