/**
 * The statutory timeline's endpoints: the compound's vote periods, and the stages an organiser moves
 * a vote through (announce, extend, finalise; opening and closing are votes.contract's) and the
 * notices they publish on the board.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { extendVoteSchema, publicVoteNoticesQuerySchema, publicVoteNoticesSchema, votePeriodsSchema, voteSettingsSchema } from './timeline.schema.js';
import { doneSchema } from './votes.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const voteParams = z.object({ voteId: id });

export const voteTimelineEndpoints = {
  settings: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/vote-settings',
    summary: "The compound's vote periods (notice, roll check, 询异, proxy cap) and the rule profile in words",
    tags: ['votes'],
    params: compoundParams,
    response: voteSettingsSchema,
  }),
  changeSettings: endpoint({
    method: 'put',
    path: '/compounds/:compoundId/vote-settings',
    summary: "Set the compound's vote periods (the notice at least 15 days); applies to votes announced from now on",
    tags: ['votes'],
    params: compoundParams,
    body: votePeriodsSchema,
    response: voteSettingsSchema,
  }),
  announce: endpoint({
    method: 'post',
    path: '/votes/:voteId/announce',
    summary: 'Publish the voting notice (投票通知公告) of an owners-assembly vote: freezes the roll for checking and tells the owners',
    description: 'The vote opens no sooner than the notice period after this (opensAt is set to that if missing, refused if earlier).',
    tags: ['votes'],
    params: voteParams,
    response: doneSchema,
  }),
  extend: endpoint({
    method: 'post',
    path: '/votes/:voteId/extend',
    summary: 'Extend an open vote (延期公示): a later closing time and the reason, published and told to the owners',
    tags: ['votes'],
    params: voteParams,
    body: extendVoteSchema,
    response: doneSchema,
  }),
  finalise: endpoint({
    method: 'post',
    path: '/votes/:voteId/finalise',
    summary: 'Publish the final result of a statutory vote once its 询异 window has ended and no dispute is open',
    tags: ['votes'],
    params: voteParams,
    response: doneSchema,
  }),
  publicNotices: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/vote-notices',
    summary: "Notice board: the compound's vote notices (announcements, extensions, preliminary and final results), newest first, a page at a time",
    tags: ['votes', 'public'],
    params: compoundParams,
    query: publicVoteNoticesQuerySchema,
    response: publicVoteNoticesSchema,
  }),
};
