/**
 * The public notice board: summary, satisfaction, feeds and QR codes. No login, nothing personal.
 * Every absolute link is on the configured public URL, never on the request's Host header.
 */
import { boardEndpoints } from '@yishi/core';
import { conditionalBody } from '../http/conditional.js';
import { defineRoute, publicAccess } from '../http/route.js';
import { feedUpdated, renderAtom, renderRss, type BoardFeed } from '../services/board-feeds.js';
import { buildFeed, compoundQrSvg, getBoardSummary, getPublicSatisfaction, getSite, renderPosterHtml } from '../services/board.service.js';

/** A feed with an ETag and Last-Modified: readers that poll get 304 while nothing changed. */
function feedRoute(endpoint: typeof boardEndpoints.atom | typeof boardEndpoints.rss, render: (feed: BoardFeed) => string) {
  return defineRoute(endpoint, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => {
      const feed = await buildFeed(deps, params.compoundId);
      return conditionalBody(c, render(feed), {
        contentType: `${endpoint.produces}; charset=utf-8`,
        cacheControl: 'public, max-age=300',
        lastModified: feedUpdated(feed),
      });
    },
  });
}

export const boardRoutes = [
  defineRoute(boardEndpoints.site, {
    access: publicAccess,
    handler: ({ c, deps }) => {
      c.header('Cache-Control', 'public, max-age=300');
      return getSite(deps);
    },
  }),
  defineRoute(boardEndpoints.summary, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => {
      const summary = await getBoardSummary(deps, params.compoundId);
      c.header('Cache-Control', 'public, max-age=60');
      return summary;
    },
  }),
  defineRoute(boardEndpoints.satisfaction, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => {
      const summary = await getPublicSatisfaction(deps, params.compoundId);
      c.header('Cache-Control', 'public, max-age=60');
      return summary;
    },
  }),
  // The same notices as Atom and as RSS 2.0, for feed readers and for WeChat-group bots.
  feedRoute(boardEndpoints.atom, renderAtom),
  feedRoute(boardEndpoints.rss, renderRss),
  defineRoute(boardEndpoints.qr, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) => {
      const svg = await compoundQrSvg(deps, params.compoundId, query.target);
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
    },
  }),
  defineRoute(boardEndpoints.poster, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => c.html(await renderPosterHtml(deps, params.compoundId)),
  }),
];
