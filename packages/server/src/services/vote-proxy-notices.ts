/** Who hears of a proxy (委托投票): the proxy when it is confirmed, the principal when the proxy votes; and the words' params. */
import { maskName } from '@yishi/core';
import { findUserByPerson } from '../db/repositories/accounts.repository.js';
import { recipientsOfUsers } from '../db/repositories/notification-recipients.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { findPersonNames, findProxyById, listProxyUnits } from '../db/repositories/vote-proxies.repository.js';
import { findVote } from '../db/repositories/votes.repository.js';
import type { Resolved } from './notification-recipients.js';

export async function resolveProxyEvent(db: Db, event: { kind: 'vote_proxy_confirmed' | 'vote_proxy_voted'; proxyId: string }): Promise<Resolved | null> {
  const proxy = await findProxyById(db, event.proxyId);
  const vote = proxy && (await findVote(db, proxy.vote_id));
  if (!proxy || !vote) return null;
  const names = new Map((await findPersonNames(db, [proxy.principal_person_id, proxy.proxy_person_id])).map((p) => [p.id, p.name]));
  const units = (await listProxyUnits(db, [proxy.id])).map((u) => u.label).join('、');
  const principalUser = await findUserByPerson(db, proxy.principal_person_id);
  const to = event.kind === 'vote_proxy_confirmed' ? [proxy.proxy_user_id] : principalUser ? [principalUser.id] : [];
  return {
    compoundId: vote.compound_id,
    subjectKind: 'vote',
    subjectId: vote.id,
    params: {
      voteId: vote.id,
      title: vote.title,
      closesAt: vote.closes_at,
      units,
      principal: maskName(names.get(proxy.principal_person_id) ?? ''),
      proxy: maskName(names.get(proxy.proxy_person_id) ?? ''),
    },
    recipients: await recipientsOfUsers(db, to),
  };
}
