/**
 * The roll as organisers page through it (the management page's table, the unit finder of the paper
 * and proxy forms): who may vote and whether and how their ballot reached the box — what they chose
 * only for a named ballot after closing, never for a secret one.
 */
import type { Page, PageRequest, RollEntry } from '@yishi/core';
import { readRollPage } from '../db/repositories/vote-roll.repository.js';
import type { Deps } from '../deps.js';
import { channelOf, loadVoteSettled } from './votes.service.js';

/** One page of the roll in label order, narrowed to the labels containing `q` when given. */
export async function getRollPage(deps: Deps, voteId: string, query: PageRequest & { q?: string | undefined }): Promise<Page<RollEntry>> {
  const vote = await loadVoteSettled(deps, voteId);
  const named = vote.secret === 0 && vote.status === 'closed';
  const { rows, next } = await readRollPage(deps.db, voteId, { q: query.q, choices: named }, query);
  return {
    items: rows.map((r) => ({
      voterKey: r.voter_key,
      label: r.label,
      areaCenti: r.area_centi,
      developerHeld: r.developer_held === 1,
      voted: r.channel !== null,
      channel: r.channel === null ? null : channelOf({ channel: r.channel, proxy_id: r.proxy_id }),
      castAt: r.cast_at,
      ...(named ? { choices: r.choices_json === null ? null : (JSON.parse(r.choices_json) as string[]) } : {}),
    })),
    next,
  };
}
