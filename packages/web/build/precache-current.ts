/**
 * The service worker precaches this build only. dist is not emptied between builds (keep-recent-assets.ts keeps the
 * previous builds' chunks for an hour), and Workbox globs the whole directory: without this filter every phone would
 * download the old builds' chunks too. The plugin notes the files this build wrote; the transform drops every other
 * file under assets/.
 */
import type { ManifestTransform } from 'workbox-build';
import type { Plugin } from 'vite';

export function precacheCurrentBuild(): { plugin: Plugin; transform: ManifestTransform } {
  const written = new Set<string>();
  return {
    plugin: {
      name: 'yishi-precache-current-build',
      apply: 'build',
      generateBundle(_options, bundle) {
        for (const fileName of Object.keys(bundle)) written.add(fileName);
      },
    },
    transform: (entries) => {
      const manifest = entries.filter((entry) => !entry.url.startsWith('assets/') || written.has(entry.url));
      return { manifest };
    },
  };
}
