/**
 * Lit's styles are `css` template literals, which Vite ships as written: every comment, indent and
 * line break of every component's CSS reached the phone. In a production build this plugin minifies
 * them with minify-literals (Lightning CSS), in the web app's own sources only. HTML templates are
 * left alone (`html: false`): their whitespace is text people read.
 */
import { minifyHTMLLiterals } from 'minify-literals';
import type { Plugin } from 'vite';

const OWN_SOURCE = /[\\/]packages[\\/]web[\\/]src[\\/].+\.ts$/;

export function minifyCssLiterals(): Plugin {
  return {
    name: 'yishi-minify-css-literals',
    apply: 'build',
    async transform(code, id) {
      if (!OWN_SOURCE.test(id) || !code.includes('css`')) return null;
      const result = await minifyHTMLLiterals(code, { fileName: id, html: false, cssTags: ['css'] });
      return result ? { code: result.code, map: result.map } : null;
    },
  };
}
