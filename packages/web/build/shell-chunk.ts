/**
 * The shell in one chunk. Every module the entry imports statically (lit, the base element, the API
 * client, the session, the router and the page registry, the notification bell…) loads on every
 * visit, yet Rollup cut them into a dozen chunks by the pages that also import them. Each file costs
 * a request and its own gzip window (the same names and lit idioms compressed again in each file), and
 * every page's preload list names them all again. As one chunk they weigh less: about 3 KiB gzipped
 * on every page (issue 18). What only some pages use stays in the chunks Rollup makes.
 *
 * The entry module goes in too, so this chunk is index.html's script (and its CSS, index-*.css).
 * Use with `output.onlyExplicitManualChunks`: otherwise Rollup also moves every static dependency of
 * these modules into the chunk, and core's index imports every contract (zod with them).
 */
import type { ManualChunksOption } from 'rollup';

type ManualChunks = Extract<ManualChunksOption, (...args: never[]) => unknown>;

/**
 * `alsoShared`: modules nearly every page imports (the date formatters, the load controller), in the
 * shell too: apart, each is a file of its own on every page (about 0.6 KiB gzipped each), together
 * with the shell a few hundred bytes.
 */
export function shellChunk(name: string, alsoShared: readonly string[] = []): ManualChunks {
  let shell: Set<string> | undefined;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!shell) {
      shell = new Set(alsoShared);
      const entries = [...getModuleIds()].filter((module) => getModuleInfo(module)?.isEntry);
      const stack = [...entries];
      while (stack.length > 0) {
        const module = stack.pop()!;
        // Not followed: modules declared free of side effects (core, zod…; not Vite's own helpers, `\0…`).
        // Core's index names every contract; only what the shell uses of them must load with it, and
        // Rollup places that itself.
        if (shell.has(module) || (getModuleInfo(module)?.moduleSideEffects === false && !module.startsWith('\0'))) continue;
        shell.add(module);
        stack.push(...(getModuleInfo(module)?.importedIds ?? []));
      }
    }
    return shell.has(id) ? name : undefined;
  };
}
