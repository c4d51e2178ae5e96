/**
 * Shoelace draws its own small icons (close ×, password eye, chevrons) from a "system" library of
 * data: URLs that it fetch()es; the server's CSP (`connect-src 'self'`) rightly blocks that. This
 * Vite plugin writes the same icons as one same-origin SVG sprite, /shoelace-system-icons.svg, and
 * main.ts registers the system library in sprite mode (`<use href>`), so no fetch is needed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export const SYSTEM_ICONS_FILE = 'shoelace-system-icons.svg';

const require = createRequire(import.meta.url);

async function buildSprite(): Promise<string> {
  const libraryPath = require.resolve('@shoelace-style/shoelace/dist/components/icon/library.system.js');
  const { default: library } = (await import(libraryPath)) as { default: { resolver: (name: string) => string } };
  // The icon names are the keys of the library's private table; read them from its chunk.
  const chunkImport = /from\s+"(\.\.\/\.\.\/chunks\/chunk\.[\w]+\.js)"/.exec(readFileSync(libraryPath, 'utf8'))?.[1];
  if (!chunkImport) throw new Error('Shoelace system icon library layout changed');
  const chunk = readFileSync(join(dirname(libraryPath), chunkImport), 'utf8');
  const names = [...chunk.matchAll(/^\s{2}"?([\w-]+)"?: `/gm)].map((m) => m[1] ?? '');
  const symbols = names.map((name) => {
    const svg = decodeURIComponent(library.resolver(name).replace(/^data:image\/svg\+xml,/, ''));
    const match = /<svg([^>]*)>([\s\S]*)<\/svg>/.exec(svg);
    if (!match) throw new Error(`Unreadable system icon ${name}`);
    const attrs = [...(match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)]
      .filter(([, key]) => !['xmlns', 'width', 'height', 'class', 'part'].includes(key ?? ''))
      .map(([, key, value]) => `${key}="${value}"`)
      .join(' ');
    return `<symbol id="${name}" ${attrs}>${(match[2] ?? '').trim()}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>\n`;
}

export function shoelaceSystemIcons(): Plugin {
  let sprite: Promise<string> | null = null;
  const get = () => (sprite ??= buildSprite());
  return {
    name: 'yishi-shoelace-system-icons',
    configureServer(server) {
      server.middlewares.use(`/${SYSTEM_ICONS_FILE}`, (_req, res) => {
        void get().then((svg) => {
          res.setHeader('Content-Type', 'image/svg+xml');
          res.end(svg);
        });
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: SYSTEM_ICONS_FILE, source: await get() });
    },
  };
}
