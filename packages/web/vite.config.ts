import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { keepRecentAssets } from './build/keep-recent-assets.js';
import { lightContracts } from './build/light-contracts.js';
import { shellChunk } from './build/shell-chunk.js';
import { shoelaceSetup } from './build/shoelace-setup.js';
import { splitStrings } from './build/split-strings.js';
import { shoelaceSystemIcons } from './build/system-icons.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The web app bundles core from its TypeScript source: only what the pages import ends up shipped.
export default defineConfig({
  plugins: [
    lightContracts(here('../core/src/index.ts')),
    splitStrings(here('./src/locales'), here('./src/i18n.ts'), here('./src/main.ts'), ['board-page', 'vote-page']),
    shoelaceSetup(here('./src/app/shoelace-setup.ts')),
    shoelaceSystemIcons(),
    keepRecentAssets(here('./dist')),
  ],
  resolve: { alias: { '@yishi/core': here('../core/src/index.ts') } },
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: which chunks each page needs (tests/web/bundle-budget.test.ts weighs them).
    manifest: true,
    // Not emptied: see build/keep-recent-assets.ts.
    emptyOutDir: false,
    target: 'es2022',
    // The server's CSP forbids inline scripts; never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      // What the entry imports statically, in one chunk (build/shell-chunk.ts).
      output: {
        manualChunks: shellChunk('index', [here('./src/format/format.ts'), here('./src/controllers/load-controller.ts')]),
        onlyExplicitManualChunks: true,
      },
      treeshake: {
        // Core's modules and its schema/CSV libraries do nothing on import: drop whatever the pages
        // do not use (the web needs core's labels and formatters, not the roster parser).
        moduleSideEffects: (id) => !/[\\/](packages[\\/]core[\\/]src|node_modules[\\/](zod|papaparse|chinese-days))[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8787', changeOrigin: false },
      '/collab': { target: 'ws://localhost:8787', ws: true },
    },
  },
});
