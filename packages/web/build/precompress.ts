/**
 * Each script and style sheet also written compressed beside itself, once, at build time: `x.js.br`
 * (Brotli at its highest quality) and `x.js.gz` (gzip level 9). The server hands the smallest one the
 * browser accepts (serveStatic's `precompressed`, app.ts) instead of gzipping every download again
 * at level 6 as it goes. A phone on one bar of signal then fetches Brotli, about a sixth less than
 * gzip for these files, and the server spends no CPU on it. Files under 1 KiB stay as they are: the
 * server sends those uncompressed too (the compression middleware's threshold), and a compressed
 * copy would hardly be smaller.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|svg|webmanifest)$/;
const MIN_BYTES = 1024;

export function precompress(outDir: string): Plugin {
  return {
    name: 'yishi-precompress',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const path = join(outDir, fileName);
        const bytes = readFileSync(path);
        if (bytes.length < MIN_BYTES) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}
