/**
 * The parts of the voting page a vote shows beyond the page itself, each a module of the web app
 * loaded with the votes that show it (issue 18): the statutory timeline, the result of a closed vote,
 * the proxy panel of an owners' vote, and the panel's actions for an owner who has given or holds a
 * proxy. One rule for the web page, which loads them
 * (packages/web/src/pages/votes/vote-page.ts), and the server, which names their files in the page's
 * HTML when it writes the vote there (packages/server/src/http/page-answers.ts). A part is named as
 * its module: `vote-timeline` is components/votes/vote-timeline.ts.
 *
 * The first screen waits for the parts `voteFirstScreenParts` names, fetched with the page; the
 * proxy panel, at the foot of the page, comes once the vote is on screen and the browser is idle
 * (and its actions with it for an owner who has given or holds a proxy).
 */
import type { VoteView } from './votes.schema.js';

export type VotePagePart = 'vote-timeline' | 'vote-result' | 'proxy-panel' | 'proxy-actions';

export function votePageParts(view: Pick<VoteView, 'vote' | 'timeline'>): VotePagePart[] {
  const parts: VotePagePart[] = [];
  if (view.timeline.statutory) parts.push('vote-timeline');
  if (view.vote.status === 'closed') parts.push('vote-result');
  if (view.vote.electorateKind === 'owners' && view.vote.status !== 'draft') parts.push('proxy-panel');
  return parts;
}

/** The parts the voting page's first screen waits for, named in its HTML: all but the proxy panel. */
export function voteFirstScreenParts(view: Pick<VoteView, 'vote' | 'timeline'>): VotePagePart[] {
  return votePageParts(view).filter((part) => part !== 'proxy-panel');
}
