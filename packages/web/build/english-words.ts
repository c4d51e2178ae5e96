/**
 * Each chunk of words in the default language (Chinese) and the chunk of the same words in English
 * (build/split-strings.ts writes one module per language: `<feature>.ts?lang=zh-CN`,
 * `…?part=2&lang=zh-CN`, `_load.ts?load=board-page&lang=zh-CN`). Where the build names a page's
 * words ahead of its code (the server's HTML, the shell's route lists, a part's preloads), a visitor
 * who chose English is given the English file instead.
 */
import type { OutputChunk } from 'rollup';

const DEFAULT_LANG = /([?&])lang=zh-CN$/;

/** The file names (as in the bundle) of each Chinese words chunk and its English counterpart. */
export function englishWords(chunks: readonly OutputChunk[]): Map<string, string> {
  const byModule = new Map(chunks.flatMap((chunk) => (chunk.facadeModuleId ? [[chunk.facadeModuleId, chunk.fileName] as const] : [])));
  const pairs = new Map<string, string>();
  for (const chunk of chunks) {
    const id = chunk.facadeModuleId;
    if (!id || !DEFAULT_LANG.test(id)) continue;
    const english = byModule.get(id.replace(DEFAULT_LANG, '$1lang=en'));
    if (english) pairs.set(chunk.fileName, english);
  }
  return pairs;
}
