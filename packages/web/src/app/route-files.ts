/**
 * Each page's files, named by the shell as the app goes to the page, so that they download side by
 * side: the page's chunk, the chunks it imports and its words, which the browser would otherwise find
 * one after the other as each file runs (a round trip each on a phone). The build writes the lists
 * (build/route-preloads.ts) to a file index.html names; the shell fetches it once the first page has
 * loaded, when someone logged in (who goes from page to page) or on the first move to another page.
 * A visitor in English gets the English words named instead of the Chinese.
 * The first page's files are in its HTML already, and a page the service worker has kept comes from
 * there whatever is named. Without the lists (not yet fetched, or offline) a page loads as before.
 */
import { currentLocale } from '../state/preferences.js';

interface RouteFilesMap {
  files: string[];
  routes: Record<string, number[]>;
  /** Each file of words in Chinese the lists name, and its English counterpart. */
  en?: Record<string, string>;
}

let map: Promise<RouteFilesMap | null> | undefined;

/** Fetches the lists once, at low priority; a failure is tried again on the next move. */
export function fetchRouteFiles(): Promise<RouteFilesMap | null> {
  const url = document.querySelector<HTMLMetaElement>('meta[name="yishi-route-files"]')?.content;
  if (!url) return Promise.resolve(null);
  return (map ??= fetch(url, { priority: 'low', credentials: 'same-origin' })
    .then((response) => (response.ok ? (response.json() as Promise<RouteFilesMap>) : null))
    .catch(() => null)
    .then((lists) => {
      if (!lists) map = undefined;
      return lists;
    }));
}

/** Names the route's files in the document's head (each once), as soon as the lists are here. */
export async function preloadRoute(path: string): Promise<void> {
  const lists = await fetchRouteFiles();
  const wanted = lists?.routes[path];
  if (!lists || !wanted) return;
  const named = new Set(Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]'), (link) => link.getAttribute('href')));
  const english = currentLocale() === 'en' ? (lists.en ?? {}) : {};
  for (const place of wanted) {
    const file = lists.files[place];
    const href = file && (english[file] ?? file);
    if (!href || named.has(href)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}
