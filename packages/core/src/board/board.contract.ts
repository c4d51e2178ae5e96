/**
 * The public notice board's endpoints (公示栏): its summary, the satisfaction summary, the feeds of
 * notices, the poster's QR codes and the printable poster. No login; nothing personal. Declared
 * once; the server implements them, the web app calls them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { satisfactionSummarySchema } from '../dashboard/dashboard.schema.js';
import { boardSummarySchema, qrQuerySchema, siteSchema } from './board.schema.js';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const tags = ['board', 'public'];

export const boardEndpoints = {
  site: endpoint({
    method: 'get',
    path: '/public/site',
    summary: 'The public address of this installation (YISHI_PUBLIC_URL), for links and QR codes the web app prints',
    tags,
    response: siteSchema,
  }),
  summary: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/board',
    summary: 'Notice board summary: the compound, the latest notices, the satisfaction summary and the links (feed, poster, raise a concern)',
    tags,
    params: compoundParams,
    response: boardSummarySchema,
  }),
  satisfaction: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/satisfaction',
    summary: 'Satisfaction summary of the last 12 months: ratings, rate, sign-offs on time, questions answered',
    tags,
    params: compoundParams,
    response: satisfactionSummarySchema,
  }),
  atom: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/feed.atom',
    summary: 'Atom feed of the notices: meeting notices, minutes (every version), vote results, sign-offs',
    tags,
    params: compoundParams,
    produces: 'application/atom+xml',
  }),
  rss: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/feed.rss',
    summary: 'RSS 2.0 feed of the same notices',
    tags,
    params: compoundParams,
    produces: 'application/rss+xml',
  }),
  qr: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/qr.svg',
    summary:
      "QR code (SVG) for the printed poster: ?target=board opens the online board, ?target=concern the form to raise a concern or question, ?target=anchors the board's 存证 section",
    tags,
    params: compoundParams,
    query: qrQuerySchema,
    produces: 'image/svg+xml',
  }),
  poster: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/poster',
    summary: 'The printable A4 poster for the physical notice board: a QR code to the online board and one to raise a concern',
    tags,
    params: compoundParams,
    produces: 'text/html',
  }),
};
