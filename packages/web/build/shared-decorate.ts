/**
 * One copy of the decorator helper for the whole app. esbuild lowers TypeScript's decorators
 * (`@customElement`, `@property`, `@state`) with a helper it writes into every module that uses
 * them, so every Lit element carried its own copy: eight in the board's sections' chunk, one more in
 * each page's. tslib's `importHelpers` does not apply to esbuild's own helpers. This plugin replaces
 * each module's copy by an import of one shared module with the same function, which Rollup places
 * with the shell. A module whose helper does not read as expected (another esbuild version) keeps
 * its own copy: larger, never wrong.
 */
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

const HELPER_ID = '\0yishi-decorate-class';

/** esbuild's helper as it writes it (esbuild 0.2x), one per module. */
const INLINE_HELPER =
  /^var __decorateClass = \(decorators, target, key, kind\) => \{\n {2}var result = kind > 1 \? void 0 : kind \? __getOwnPropDesc\(target, key\) : target;\n {2}for \(var i = decorators\.length - 1, decorator; i >= 0; i--\)\n {4}if \(decorator = decorators\[i\]\)\n {6}result = \(kind \? decorator\(target, key, result\) : decorator\(result\)\) \|\| result;\n {2}if \(kind && result\) __defProp\(target, key, result\);\n {2}return result;\n\};\n/m;

/** The same function, once: applies decorators last to first; a member's (kind 1, 2) is written back as its descriptor. */
const SHARED_HELPER = `export function __decorateClass(decorators, target, key, kind) {
  let result = kind > 1 ? void 0 : kind ? Object.getOwnPropertyDescriptor(target, key) : target;
  for (let i = decorators.length - 1; i >= 0; i--) {
    const decorator = decorators[i];
    if (decorator) result = (kind ? decorator(target, key, result) : decorator(result)) || result;
  }
  if (kind && result) Object.defineProperty(target, key, result);
  return result;
}
`;

export function sharedDecorate(): Plugin {
  return {
    name: 'yishi-shared-decorate',
    enforce: 'post',
    resolveId: (id) => (id === HELPER_ID ? id : undefined),
    load: (id) => (id === HELPER_ID ? SHARED_HELPER : undefined),
    transform(code, id) {
      if (!/\.ts($|\?)/.test(id) || id.startsWith('\0')) return undefined;
      const found = INLINE_HELPER.exec(code);
      if (!found) return undefined;
      const s = new MagicString(code);
      s.overwrite(found.index, found.index + found[0].length, '');
      s.prepend(`import { __decorateClass } from ${JSON.stringify(HELPER_ID)};\n`);
      return { code: s.toString(), map: s.generateMap({ hires: 'boundary', source: id }) };
    },
  };
}
