/**
 * A small History-API router: route paths like `/compounds/:compoundId` are matched segment by
 * segment, pages are loaded lazily from the registry (routes.ts), and in-app links are plain
 * `<a href="/…">` that the shell intercepts (see `interceptLinks`), so they also work opened in a
 * new tab or shared in a WeChat group.
 */
import type { shellMessages } from '../locales/shell.js';

type NameOf<Key> = Key extends `title.${infer Name}` ? Name : never;
/** A page's custom-element tag, `yishi-<name>-page`: one with a title (`title.<name>` in locales/shell.ts). */
export type PageTag = `yishi-${NameOf<keyof typeof shellMessages>}-page`;

/** The words of a page's title. */
export function titleKey(tag: PageTag): `title.${NameOf<keyof typeof shellMessages>}` {
  return `title.${tag.slice('yishi-'.length, -'-page'.length) as NameOf<keyof typeof shellMessages>}`;
}

export interface RouteDef {
  /** `/compounds/:compoundId/roster`; parameters are `:name` segments. */
  path: string;
  /** The page's custom-element tag, defined by the module `load` imports; its title is the words `title.<name>`. */
  tag: PageTag;
  load: () => Promise<unknown>;
  /** Readable without logging in (public notice board). */
  public?: boolean;
  /** Shown without the app's header, the page given the whole screen (the hall screen on a projector). */
  bare?: boolean;
}

export type RouteParams = Record<string, string>;

export interface RouteMatch {
  route: RouteDef;
  params: RouteParams;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

export function matchRoute(routes: readonly RouteDef[], pathname: string): RouteMatch | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Fills `:name` segments: fillPath('/compounds/:compoundId', { compoundId: 'x' }) → '/compounds/x'. */
export function fillPath(pattern: string, params: RouteParams): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export function pathParams(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
}

export const LOCATION_CHANGED = 'yishi-location-changed';

/** Goes to an in-app address without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.origin);
  const target = url.pathname + url.search + url.hash;
  if (target === location.pathname + location.search + location.hash && !options.replace) return;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.dispatchEvent(new Event(LOCATION_CHANGED));
}

/** A safe `next` target: only same-site paths, never `//evil.example`. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Turns clicks on in-app links (also inside shadow roots) into navigate() calls. */
export function interceptLinks(root: EventTarget = document): () => void {
  const onClick = (event: Event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || !anchor.href || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
    const url = new URL(anchor.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
