/**
 * The notice board as Atom (RFC 4287) and RSS 2.0, written with xmlbuilder2, which escapes every text
 * node (and drops characters XML cannot hold): a title a resident wrote, `<img src=x onerror=…>`,
 * reaches a feed reader as those characters, never as markup. Atom says so explicitly (type="text");
 * RSS has no such attribute and many readers take its titles and descriptions as HTML, so those are
 * HTML-escaped before the XML escaping.
 * Links are absolute, on the configured public URL.
 */
import { escapeHtml, type BoardLinks, type Notice, type PublicCompound } from '@yishi/core';
import { create } from 'xmlbuilder2';

export interface BoardFeed {
  compound: PublicCompound;
  /** Newest first. */
  notices: Notice[];
  /** The public URL (no trailing slash) and the board's paths under it. */
  base: string;
  paths: BoardLinks;
}

const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * Text as xmlbuilder2 should write it. Its writer leaves an `&` that starts a known entity (`&lt;`)
 * as it is, so "&lt;img&gt;" typed by a resident would reach the reader as "<img>". With every `&`
 * written as `&amp;` first, the writer keeps those, and the reader gets back exactly what was typed.
 */
function text(value: string): string {
  return value.replace(/&/g, '&amp;');
}

function title(feed: BoardFeed): string {
  return `${feed.compound.name}公示栏`;
}

function subtitle(feed: BoardFeed): string {
  const c = feed.compound;
  return `${c.subdistrictName}${c.communityName}${c.name}：会议通知、会议纪要、表决结果和整改销号公示`;
}

/** Who publishes the board: the community (社区), which runs the compound's notice board. */
function publisher(feed: BoardFeed): string {
  return `${feed.compound.subdistrictName}${feed.compound.communityName}`;
}

/** The newest notice's date: when the feed last changed (null for a board without notices). */
export function feedUpdated(feed: BoardFeed): Date | null {
  return feed.notices[0] ? new Date(feed.notices[0].date) : null;
}

export function renderAtom(feed: BoardFeed): string {
  const board = `${feed.base}${feed.paths.board}`;
  const root = create({ version: '1.0', encoding: 'utf-8' }).ele(ATOM, 'feed').att('xml:lang', 'zh-CN');
  root.ele('id').txt(text(board));
  root.ele('title', { type: 'text' }).txt(text(title(feed)));
  root.ele('subtitle', { type: 'text' }).txt(text(subtitle(feed)));
  root.ele('updated').txt((feedUpdated(feed) ?? new Date(0)).toISOString());
  root.ele('link', { rel: 'alternate', type: 'text/html', href: text(board) });
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: text(`${feed.base}${feed.paths.atom}`) });
  root
    .ele('author')
    .ele('name')
    .txt(text(publisher(feed)))
    .up()
    .ele('uri')
    .txt(text(board));
  root.ele('rights', { type: 'text' }).txt(text(publisher(feed)));
  for (const n of feed.notices) {
    const entry = root.ele('entry');
    entry.ele('id').txt(text(`${board}#${n.id}`));
    entry.ele('title', { type: 'text' }).txt(text(n.title));
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: text(`${feed.base}${n.path}`) });
    entry.ele('updated').txt(new Date(n.date).toISOString());
    entry.ele('category', { term: n.kind });
    if (n.summary) entry.ele('summary', { type: 'text' }).txt(text(n.summary));
  }
  return root.end({ prettyPrint: true });
}

export function renderRss(feed: BoardFeed): string {
  const board = `${feed.base}${feed.paths.board}`;
  const channel = create({ version: '1.0', encoding: 'utf-8' }).ele('rss', { version: '2.0', 'xmlns:atom': ATOM }).ele('channel');
  channel.ele('title').txt(text(title(feed)));
  channel.ele('link').txt(text(board));
  channel.ele('description').txt(text(subtitle(feed)));
  channel.ele('language').txt('zh-CN');
  channel.ele('copyright').txt(text(publisher(feed)));
  const updated = feedUpdated(feed);
  if (updated) channel.ele('lastBuildDate').txt(updated.toUTCString());
  channel.ele('atom:link', { href: text(`${feed.base}${feed.paths.rss}`), rel: 'self', type: 'application/rss+xml' });
  for (const n of feed.notices) {
    const item = channel.ele('item');
    item.ele('title').txt(text(escapeHtml(n.title)));
    item.ele('link').txt(text(`${feed.base}${n.path}`));
    item.ele('guid', { isPermaLink: 'false' }).txt(text(`${board}#${n.id}`));
    item.ele('pubDate').txt(new Date(n.date).toUTCString());
    item.ele('category').txt(n.kind);
    if (n.summary) item.ele('description').txt(text(escapeHtml(n.summary)));
  }
  return channel.end({ prettyPrint: true });
}
