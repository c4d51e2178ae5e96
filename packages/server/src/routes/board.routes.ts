/** The public notice board: summary, satisfaction, feeds and QR codes. No login, nothing personal. */
import { boardEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { buildFeed, compoundQrSvg, getBoardSummary, getPublicSatisfaction, renderPosterHtml } from '../services/board.service.js';

/** The origin links in feeds and QR codes point to: the host the reader reached us at. */
function originOf(url: string): string {
  return new URL(url).origin;
}

type Feed = Awaited<ReturnType<typeof buildFeed>>;

function feedRoute(endpoint: typeof boardEndpoints.atom | typeof boardEndpoints.rss, render: (feed: Feed) => string) {
  return defineRoute(endpoint, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => {
      const feed = await buildFeed(deps, params.compoundId, originOf(c.req.url));
      return c.body(render(feed), 200, { 'Content-Type': `${endpoint.produces}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' });
    },
  });
}

export const boardRoutes = [
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
  feedRoute(boardEndpoints.atom, (feed) => feed.atom1()),
  feedRoute(boardEndpoints.rss, (feed) => feed.rss2()),
  defineRoute(boardEndpoints.qr, {
    access: publicAccess,
    handler: async ({ c, deps, params, query }) => {
      const svg = await compoundQrSvg(deps, params.compoundId, query.target, originOf(c.req.url));
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
    },
  }),
  defineRoute(boardEndpoints.poster, {
    access: publicAccess,
    handler: async ({ c, deps, params }) => c.html(await renderPosterHtml(deps, params.compoundId, originOf(c.req.url))),
  }),
];
