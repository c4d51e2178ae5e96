/**
 * Shoelace is not part of the shell: pages import the components they use. What Shoelace needs set
 * up once (the system icons as a same-origin sprite, its own words in Chinese) lives in
 * src/app/shoelace-setup.ts, and this plugin makes every Shoelace component module import it first,
 * so the setup arrives with the first page that shows a Shoelace component, and never without it.
 */
import type { Plugin } from 'vite';

const COMPONENT = /[\\/]@shoelace-style[\\/]shoelace[\\/]dist[\\/]components[\\/][\w-]+[\\/][\w-]+\.js$/;

export function shoelaceSetup(setupModule: string): Plugin {
  return {
    name: 'yishi-shoelace-setup',
    enforce: 'pre',
    transform(code, id) {
      return COMPONENT.test(id) ? { code: `import ${JSON.stringify(setupModule)};\n${code}`, map: null } : null;
    },
  };
}
