import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { keepRecentAssets } from './build/keep-recent-assets.js';
import { lightContracts } from './build/light-contracts.js';
import { minifyCssLiterals } from './build/minify-css-literals.js';
import { precompress } from './build/precompress.js';
import { precacheCurrentBuild } from './build/precache-current.js';
import { routePreloads } from './build/route-preloads.js';
import { shellChunk } from './build/shell-chunk.js';
import { sharedDecorate } from './build/shared-decorate.js';
import { splitStrings } from './build/split-strings.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const precache = precacheCurrentBuild();
/** index.html's theme colour: the browser's bar and the installed app's splash screen. */
const THEME_COLOUR = '#1d4ed8';

// The web app bundles core from its TypeScript source: only what the pages import ends up shipped.
export default defineConfig({
  plugins: [
    lightContracts(here('../core/src/index.ts')),
    minifyCssLiterals(),
    sharedDecorate(),
    splitStrings(here('./src/locales'), here('./src/i18n.ts'), here('./src/main.ts'), [
      'vote-timeline',
      'vote-result',
      'proxy-panel',
      'proxy-actions',
      'vote-flow',
      'receipt-position',
      'agenda-editor',
    ]),
    keepRecentAssets(here('./dist')),
    precompress(here('./dist')),
    // Each page's files named in the HTML the server sends for its path (build/route-preloads.ts).
    routePreloads(here('./src/routes.ts')),
    precache.plugin,
    // The installable app (issue 19): manifest, icons, and a Workbox service worker holding the app shell, every page's
    // chunk and every words file, so a page opens offline even if never visited. API answers are never cached (the
    // no-store rule: pages keep their own last answer, src/offline/snapshots.ts), /collab websockets never touched.
    // Typed against the workspace root's newer Vite (a type-only mismatch; the plugin's hooks are the same).
    VitePWA({
      // A new version waits until the visitor taps the shell's prompt (app/update-prompt.ts), never mid-edit.
      registerType: 'prompt',
      // The shell registers it after the page has loaded (app/connection-bar.ts), through workbox-window.
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png'],
      manifest: {
        name: '议事',
        short_name: '议事',
        description: '议事：小区四方议事、居民夜谈、业主表决与公示',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOUR,
        background_color: '#ffffff',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['index.html', 'assets/*.{js,css}'],
        // The desk-only dashboard (echarts, 183 KiB gzipped: more than a quarter of the rest together) is not
        // downloaded by every phone: it is kept once visited (the assets rule below).
        globIgnores: ['assets/dashboard-page-*.js'],
        manifestTransforms: [precache.transform],
        // Hashed names are their own revision.
        dontCacheBustURLsMatching: /^assets\//,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/collab(\/|$)/, /^\/assets\//],
        // Without a second file to fetch (workbox-*.js): one script with the Cache-Control the server gives sw.js.
        inlineWorkboxRuntime: true,
        // The first visit's page is controlled at once, so its later chunks come from the precache; an update still waits.
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        // The no-store rule: whatever an /api request answers, the network answers it, and nothing is stored.
        runtimeCaching: [
          { urlPattern: ({ url }) => url.pathname.startsWith('/api/'), handler: 'NetworkOnly' },
          // A build's files not precached (above) are kept when first loaded: hashed names never change content.
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'yishi-assets', expiration: { maxEntries: 40 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }) as unknown as PluginOption,
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
