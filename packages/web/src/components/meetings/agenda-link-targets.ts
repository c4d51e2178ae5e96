/**
 * What an agenda item's links point at (core's agenda-doc.ts: "concern:<id>", "proposal:<id>", or
 * anything else written before the picker existed), with the titles to show for them: a concern is an
 * action item (its page /action-items/<id>), a proposal has /proposals/<id>. Titles are read once per
 * page and shared by every item and element that shows the same link; the picker's lists put theirs
 * here too, so a link just picked shows its title without another request.
 *
 * A target that the server says does not exist is `missing` (shown as such, never dropped); one that
 * could not be read now (offline, not allowed) is `unknown` and is asked again when next shown.
 */
import { actionItemEndpoints, proposalEndpoints } from '@yishi/core';
import { ApiError, api } from '../../api/client.js';

export type LinkKind = 'concern' | 'proposal';

/** The most links one item keeps (core's readAgendaSnapshot reads no more). */
export const MAX_LINKS = 50;

export type ParsedLink = { kind: LinkKind; id: string; href: string } | { kind: 'url'; href: string } | { kind: 'text'; text: string };

export function parseAgendaLink(link: string): ParsedLink {
  const typed = /^(concern|proposal):(\S+)$/.exec(link.trim());
  if (typed) {
    const kind = typed[1] as LinkKind;
    const id = typed[2]!;
    return { kind, id, href: kind === 'concern' ? `/action-items/${encodeURIComponent(id)}` : `/proposals/${encodeURIComponent(id)}` };
  }
  if (/^https?:\/\/\S+$/i.test(link.trim())) return { kind: 'url', href: link.trim() };
  return { kind: 'text', text: link };
}

export function linkOf(kind: LinkKind, id: string): string {
  return `${kind}:${id}`;
}

export type TargetTitle = { state: 'found'; title: string } | { state: 'missing' } | { state: 'unknown' };

const titles = new Map<string, Promise<TargetTitle>>();

/** Remembers a title the page already has (from the picker's lists). */
export function knowTitle(link: string, title: string): void {
  titles.set(link, Promise.resolve({ state: 'found', title }));
}

async function readTitle(kind: LinkKind, id: string): Promise<TargetTitle> {
  try {
    const title =
      kind === 'concern'
        ? (await api.call(actionItemEndpoints.get, { params: { itemId: id } })).title
        : (await api.call(proposalEndpoints.get, { params: { proposalId: id } })).proposal.title;
    return { state: 'found', title };
  } catch (error) {
    // 404: no such record; 400: not even an id the server could have handed out.
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return { state: 'missing' };
    return { state: 'unknown' };
  }
}

/** The title of a concern or proposal link, read once per page (asked again after a failure to read). */
export function titleOf(link: string, kind: LinkKind, id: string): Promise<TargetTitle> {
  const known = titles.get(link);
  if (known) return known;
  const reading = readTitle(kind, id).then((found) => {
    if (found.state === 'unknown') titles.delete(link);
    return found;
  });
  titles.set(link, reading);
  return reading;
}

/** One concern or proposal the picker offers. */
export interface LinkOption {
  link: string;
  kind: LinkKind;
  title: string;
}

/** The picker's list: the compound's concerns and proposals, and the words of either that could not be read. */
export interface LinkOptions {
  options: LinkOption[];
  /** Either list had more than was read: the search narrows them. */
  more: boolean;
  /** The lists that could not be read, with the server's (or the network's) words. */
  problems: Array<{ kind: LinkKind; message: string }>;
}

/** How many of each the picker reads: the newest proposals, the concerns by the server's search (most urgent first). */
const PICK_LIMIT = 100;

const proposalsOf = new Map<string, Promise<{ options: LinkOption[]; more: boolean }>>();

function proposals(compoundId: string): Promise<{ options: LinkOption[]; more: boolean }> {
  const known = proposalsOf.get(compoundId);
  if (known) return known;
  const reading = api.call(proposalEndpoints.list, { params: { compoundId }, query: { limit: PICK_LIMIT } }).then((page) => ({
    options: page.items.map((p) => ({ link: linkOf('proposal', p.id), kind: 'proposal' as const, title: p.title })),
    more: page.next !== null,
  }));
  proposalsOf.set(compoundId, reading);
  reading.catch(() => proposalsOf.delete(compoundId));
  return reading;
}

const matches = (title: string, query: string) => title.toLowerCase().includes(query.toLowerCase());

/**
 * The concerns (the server searches their titles) and proposals (searched here, among the newest
 * PICK_LIMIT) of a compound whose title holds `query`; every one of them if it is empty.
 */
export async function linkOptions(compoundId: string, query: string): Promise<LinkOptions> {
  const q = query.trim();
  const [concernList, proposalList] = await Promise.allSettled([
    api.call(actionItemEndpoints.list, { params: { compoundId }, query: { limit: PICK_LIMIT, ...(q ? { q: q.slice(0, 60) } : {}) } }),
    proposals(compoundId),
  ]);
  const options: LinkOption[] = [];
  const problems: LinkOptions['problems'] = [];
  let more = false;
  if (concernList.status === 'fulfilled') {
    for (const item of concernList.value.items) options.push({ link: linkOf('concern', item.id), kind: 'concern', title: item.title });
    more ||= concernList.value.next !== null;
  } else problems.push({ kind: 'concern', message: String((concernList.reason as Error).message) });
  if (proposalList.status === 'fulfilled') {
    for (const option of proposalList.value.options) if (matches(option.title, q)) options.push(option);
    more ||= proposalList.value.more;
  } else problems.push({ kind: 'proposal', message: String((proposalList.reason as Error).message) });
  for (const option of options) knowTitle(option.link, option.title);
  return { options, more, problems };
}
