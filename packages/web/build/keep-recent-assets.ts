/**
 * A running server keeps the index.html it first read, and that page names hashed asset files. If a
 * rebuild wiped dist/assets, every page that server hands out would be blank until restart (this
 * bit browser tests running while someone else rebuilt). So the build does not empty dist: it keeps
 * the previous builds' assets for an hour, then prunes them.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const KEEP_MS = 60 * 60 * 1000;

export function keepRecentAssets(outDir: string): Plugin {
  const current = new Set<string>();
  return {
    name: 'yishi-keep-recent-assets',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) current.add(fileName.replace(/^assets\//, ''));
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      let names: string[];
      try {
        names = readdirSync(assets);
      } catch {
        return;
      }
      const now = Date.now();
      for (const name of names) {
        if (current.has(name)) continue;
        const path = join(assets, name);
        if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
      }
    },
  };
}
