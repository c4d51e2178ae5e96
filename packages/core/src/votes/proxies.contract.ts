/**
 * Proxy (委托投票) and paper-ballot review endpoints. The paper slip itself is entered through
 * voteEndpoints.enterPaperBallot (now a pending entry); here a second staff member confirms or rejects it.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import { concernPhotoSchema, concernPhotoUploadSchema } from '../action-items/action-items.schema.js';
import { ballotReceiptSchema, doneSchema, paperBallotReceiptSchema } from './votes.schema.js';
import {
  confirmProxySchema,
  createProxyInPersonSchema,
  createProxySchema,
  myProxiesSchema,
  paperEntriesQuerySchema,
  paperEntriesSchema,
  proxyBallotSchema,
  proxySmsSentSchema,
  proxyViewSchema,
  rejectPaperEntrySchema,
  voteProxiesQuerySchema,
  voteProxiesSchema,
} from './proxies.schema.js';

const id = z.string().min(1).max(40);
const voteParams = z.object({ voteId: id });
const proxyParams = z.object({ voteId: id, proxyId: id });
const entryParams = z.object({ voteId: id, entryId: id });
const tags = ['votes'];

export const proxyEndpoints = {
  uploadPhoto: endpoint({
    method: 'post',
    path: '/votes/:voteId/photos',
    summary: 'Upload a photo for a vote: a signed authorisation form (授权委托书) or a signed paper slip; send its id with the authorisation or the entry',
    description:
      'The body is the image itself (image/jpeg, image/png or image/webp, at most 1.5 MB); re-encoded as JPEG without metadata. Photos not used within a day are deleted.',
    tags,
    params: voteParams,
    body: concernPhotoUploadSchema,
    bodyKind: 'image',
    status: 201,
    response: concernPhotoSchema,
  }),
  mine: endpoint({
    method: 'get',
    path: '/votes/:voteId/proxies/mine',
    summary: 'My authorisations in a vote: those I gave (as principal) and those I hold (as proxy)',
    tags,
    params: voteParams,
    response: myProxiesSchema,
  }),
  list: endpoint({
    method: 'get',
    path: '/votes/:voteId/proxies',
    summary: 'Staff: the authorisations of a vote, a page at a time oldest first, with their form photos and how each was confirmed',
    tags,
    params: voteParams,
    query: voteProxiesQuerySchema,
    response: voteProxiesSchema,
  }),
  create: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxies',
    summary: 'An owner authorises a person (by phone, who has an account) for some of their units; pending until confirmed by the SMS code sent to the owner',
    tags,
    params: voteParams,
    body: createProxySchema,
    status: 201,
    response: proxySmsSentSchema,
  }),
  createInPerson: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxies/in-person',
    summary: 'Staff record an authorisation the owner brought in person: confirmed at once, recorded with the staff member',
    tags,
    params: voteParams,
    body: createProxyInPersonSchema,
    status: 201,
    response: proxyViewSchema,
  }),
  confirm: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxies/:proxyId/confirm',
    summary: 'The principal confirms a pending authorisation with the SMS code; the proxy may then vote',
    tags,
    params: proxyParams,
    body: confirmProxySchema,
    response: proxyViewSchema,
  }),
  resendCode: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxies/:proxyId/code',
    summary: 'Send the principal a new confirmation code for a pending authorisation',
    tags,
    params: proxyParams,
    response: proxySmsSentSchema,
  }),
  revoke: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxies/:proxyId/revoke',
    summary: 'Until closing, the principal (or staff) revokes an authorisation; a proxy ballot already cast is withdrawn and the unit counts as not voted',
    tags,
    params: proxyParams,
    response: proxyViewSchema,
  }),
  cast: endpoint({
    method: 'post',
    path: '/votes/:voteId/proxy-ballots',
    summary: 'A proxy casts (or changes) the ballot of a unit they act for; refused once the principal voted in person',
    tags,
    params: voteParams,
    body: proxyBallotSchema,
    status: 201,
    response: ballotReceiptSchema,
  }),
  paperEntries: endpoint({
    method: 'get',
    path: '/votes/:voteId/paper-ballots',
    summary:
      'Staff: paper ballot entries with their slip photos, a page at a time newest first; pending ones wait for a second staff member (counted over the whole vote)',
    tags,
    params: voteParams,
    query: paperEntriesQuerySchema,
    response: paperEntriesSchema,
  }),
  confirmPaper: endpoint({
    method: 'post',
    path: '/votes/:voteId/paper-ballots/:entryId/confirm',
    summary: 'A second staff member (not the one who entered it) confirms a paper ballot after comparing it with the photo: it then counts',
    tags,
    params: entryParams,
    status: 201,
    response: paperBallotReceiptSchema,
  }),
  rejectPaper: endpoint({
    method: 'post',
    path: '/votes/:voteId/paper-ballots/:entryId/reject',
    summary: 'A second staff member rejects a paper ballot entry with a reason; it never counts',
    tags,
    params: entryParams,
    body: rejectPaperEntrySchema,
    response: doneSchema,
  }),
};
