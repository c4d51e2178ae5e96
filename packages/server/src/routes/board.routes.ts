/** The public notice board: summary, satisfaction, feeds and QR codes. No login, nothing personal. */
import { z } from 'zod';
import { defineRoute, publicAccess } from '../http/route.js';
import { boardPaths, buildFeed, getBoardSummary, qrSvg, renderPosterHtml } from '../services/board.service.js';
import { getSatisfactionSummary } from '../services/dashboard.service.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { DomainError } from '@yishi/core';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });

/** The origin links in feeds and QR codes point to: the host the reader reached us at. */
function originOf(url: string): string {
  return new URL(url).origin;
}

/** The same notices as Atom and as RSS 2.0, for feed readers and for WeChat-group bots. */
const FEEDS = [
  {
    extension: 'atom',
    type: 'application/atom+xml',
    summary: 'Atom feed of the notices: meeting notices, minutes (every version), vote results, sign-offs',
    render: (feed: Awaited<ReturnType<typeof buildFeed>>) => feed.atom1(),
  },
  {
    extension: 'rss',
    type: 'application/rss+xml',
    summary: 'RSS 2.0 feed of the same notices',
    render: (feed: Awaited<ReturnType<typeof buildFeed>>) => feed.rss2(),
  },
] as const;

export const boardRoutes = [
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/board',
    summary: 'Notice board summary: the compound, the latest notices, the satisfaction summary and the links (feed, poster, raise a concern)',
    tags: ['board', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: async ({ c, deps, params }) => {
      c.header('Cache-Control', 'public, max-age=60');
      return getBoardSummary(deps, params.compoundId);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/satisfaction',
    summary: 'Satisfaction summary of the last 12 months: ratings, rate, sign-offs on time, questions answered',
    tags: ['board', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: async ({ c, deps, params }) => {
      if (!(await findCompoundChain(deps.db, params.compoundId))) throw new DomainError('compound_not_found');
      c.header('Cache-Control', 'public, max-age=60');
      return getSatisfactionSummary(deps, params.compoundId);
    },
  }),
  ...FEEDS.map((feed) =>
    defineRoute({
      method: 'get',
      path: `/public/compounds/:compoundId/feed.${feed.extension}`,
      summary: feed.summary,
      tags: ['board', 'public'],
      access: publicAccess,
      params: compoundParams,
      produces: feed.type,
      handler: async ({ c, deps, params }) => {
        const built = await buildFeed(deps, params.compoundId, originOf(c.req.url));
        return c.body(feed.render(built), 200, { 'Content-Type': `${feed.type}; charset=utf-8`, 'Cache-Control': 'public, max-age=300' });
      },
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/qr.svg',
    summary: 'QR code (SVG) for the printed poster: ?target=board opens the online board, ?target=concern the form to raise a concern or question',
    tags: ['board', 'public'],
    access: publicAccess,
    params: compoundParams,
    query: z.object({ target: z.enum(['board', 'concern']).default('board') }),
    produces: 'image/svg+xml',
    handler: async ({ c, deps, params, query }) => {
      if (!(await findCompoundChain(deps.db, params.compoundId))) throw new DomainError('compound_not_found');
      const paths = boardPaths(params.compoundId);
      const svg = await qrSvg(`${originOf(c.req.url)}${query.target === 'concern' ? paths.concern : paths.board}`);
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/poster',
    summary: 'The printable A4 poster for the physical notice board: a QR code to the online board and one to raise a concern',
    tags: ['board', 'public'],
    access: publicAccess,
    params: compoundParams,
    produces: 'text/html',
    handler: async ({ c, deps, params }) => c.html(await renderPosterHtml(deps, params.compoundId, originOf(c.req.url))),
  }),
];
