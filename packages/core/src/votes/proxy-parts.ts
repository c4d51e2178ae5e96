/**
 * What the proxy panel of the voting page shows (web: components/votes/proxy-panel.ts), apart from
 * page-parts.ts so that the page's own module does not carry it: it is the panel's.
 */
import type { VotePagePart } from './page-parts.js';
import type { MyProxies } from './proxies.schema.js';
import type { VoteView } from './votes.schema.js';

/**
 * The proxy panel's actions (components/votes/proxy-actions.ts: the authorisations given and held,
 * the forms and dialogs) for an owner who has given or holds a proxy. Most owners only vote: their
 * panel is its invitation alone, and the actions are fetched when they open the form.
 */
export function proxyPanelParts(mine: Pick<MyProxies, 'allowed' | 'given' | 'held'>): VotePagePart[] {
  return mine.allowed && (mine.given.length > 0 || mine.held.length > 0) ? ['proxy-actions'] : [];
}

/** The units an owner may still put under a proxy: their own on this vote, not voted and under no authorisation still standing. */
export function unitsFreeForProxy(view: Pick<VoteView, 'mine'>, mine: Pick<MyProxies, 'given'>): VoteView['mine'] {
  const delegated = new Set(mine.given.filter((g) => g.status !== 'revoked').flatMap((g) => g.units.map((u) => u.unitId)));
  return view.mine.filter((u) => !delegated.has(u.voterKey) && !u.voted);
}
