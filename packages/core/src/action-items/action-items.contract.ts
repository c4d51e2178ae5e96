/**
 * The action-item endpoints: staff lists and work steps, the numbered sign-off, residents' concerns
 * and ratings, the public board's list, the reconciliation of a meeting, and the ledger with its
 * verification and exports. Declared once; the server implements them, the web app calls them, the
 * OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import {
  actionItemDetailSchema,
  actionItemListQuerySchema,
  actionItemListSchema,
  actionItemStaffViewSchema,
  concernListSchema,
  concernPhotoSchema,
  concernPhotoUploadSchema,
  concernViewSchema,
  createActionItemSchema,
  ledgerSchema,
  ledgerVerificationSchema,
  progressUpdateSchema,
  publicActionItemsSchema,
  rateActionItemSchema,
  ratingResultSchema,
  reconciliationSchema,
  resolveActionItemSchema,
  returnActionItemSchema,
  signOffResultSchema,
  signOffSchema,
  submitConcernSchema,
  triageChangeSchema,
  updateActionItemSchema,
} from './action-items.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const itemParams = z.object({ itemId: id });
const tags = ['action-items'];

export const actionItemEndpoints = {
  list: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/action-items',
    summary: 'Action items of a compound, with filters; overdue items carry overdue: true',
    tags,
    params: compoundParams,
    query: actionItemListQuerySchema,
    response: actionItemListSchema,
  }),
  create: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/action-items',
    summary: 'List an action item by hand (a council outcome, a passed proposal …); due in working days',
    tags,
    params: compoundParams,
    body: createActionItemSchema,
    status: 201,
    response: actionItemStaffViewSchema,
  }),
  reportConcern: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/concerns',
    summary: 'A resident reports a concern online (码上反映); it becomes an action item',
    tags,
    params: compoundParams,
    body: submitConcernSchema,
    status: 201,
    response: concernViewSchema,
  }),
  uploadConcernPhoto: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/concern-photos',
    summary: 'Upload one photo for a concern about to be reported (the page resizes it first); send its id with the concern',
    description:
      'The body is the image itself (image/jpeg, image/png or image/webp, at most 1.5 MB). The server checks that the bytes are a picture, turns it upright and re-encodes it as JPEG without metadata (no GPS position, no phone model). Photos not sent with a concern within a day are deleted.',
    tags,
    params: compoundParams,
    body: concernPhotoUploadSchema,
    bodyKind: 'image',
    status: 201,
    response: concernPhotoSchema,
  }),
  photo: endpoint({
    method: 'get',
    path: '/action-item-photos/:photoId',
    summary: "A resident's photo of a concern (JPEG without metadata)",
    description:
      'Anyone may see a photo the resident agreed to show on the notice board; other photos only the staff of the compound and the resident who took them. Photos never change, so they may be cached.',
    tags: ['action-items', 'public'],
    params: z.object({ photoId: id }),
    produces: 'image/jpeg',
  }),
  myConcerns: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/concerns/mine',
    summary: 'The concerns I reported, with their progress and whether I may rate them',
    tags,
    params: compoundParams,
    response: concernListSchema,
  }),
  get: endpoint({
    method: 'get',
    path: '/action-items/:itemId',
    summary: 'One action item: staff see the full record; owners and residents see the public view',
    tags,
    params: itemParams,
    response: actionItemDetailSchema,
  }),
  edit: endpoint({
    method: 'patch',
    path: '/action-items/:itemId',
    summary: 'Set the responsible unit, the named handler or the measures (整改措施)',
    tags,
    params: itemParams,
    body: updateActionItemSchema,
    response: actionItemStaffViewSchema,
  }),
  progress: endpoint({
    method: 'post',
    path: '/action-items/:itemId/progress',
    summary: 'A dated progress update (public); onSite marks arrival for the 1341 clock',
    tags,
    params: itemParams,
    body: progressUpdateSchema,
    status: 201,
    response: actionItemStaffViewSchema,
  }),
  resolve: endpoint({
    method: 'post',
    path: '/action-items/:itemId/resolve',
    summary: 'Mark resolved with evidence (text and photos); awaits sign-off',
    tags,
    params: itemParams,
    body: resolveActionItemSchema,
    response: actionItemStaffViewSchema,
  }),
  return: endpoint({
    method: 'post',
    path: '/action-items/:itemId/return',
    summary: 'Send a resolved item back to work (evidence insufficient), with the reason',
    tags,
    params: itemParams,
    body: returnActionItemSchema,
    response: actionItemStaffViewSchema,
  }),
  triage: endpoint({
    method: 'post',
    path: '/action-items/:itemId/triage',
    summary: 'Escalate or de-escalate the triage colour (one level, with a reason)',
    tags,
    params: itemParams,
    body: triageChangeSchema,
    response: actionItemStaffViewSchema,
  }),
  signOff: endpoint({
    method: 'post',
    path: '/action-items/:itemId/sign-off',
    summary: 'Sign off a resolved item: assigns the next gapless sign-off number and writes the ledger',
    tags,
    params: itemParams,
    body: signOffSchema,
    response: signOffResultSchema,
  }),
  rate: endpoint({
    method: 'post',
    path: '/action-items/:itemId/rating',
    summary: 'Rate a signed-off item (satisfied / basically satisfied / dissatisfied); dissatisfied in time reopens it',
    tags,
    params: itemParams,
    body: rateActionItemSchema,
    status: 201,
    response: ratingResultSchema,
  }),
  board: endpoint({
    method: 'get',
    path: '/public/compounds/:compoundId/action-items',
    summary: "The compound's action items for the public board: status, deadline, progress, sign-off number; no personal data",
    tags: ['action-items', 'public'],
    params: compoundParams,
    response: publicActionItemsSchema,
  }),
  reconciliation: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/reconciliation',
    summary: 'Reconciliation (对账) of a meeting: each listed question and outcome with its item, status and number',
    tags: ['action-items', 'meetings'],
    params: z.object({ meetingId: id }),
    response: reconciliationSchema,
  }),
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ledgerEndpoints = {
  entries: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/ledger',
    summary: 'The append-only ledger of a compound, oldest first',
    tags: ['ledger'],
    params: compoundParams,
    response: ledgerSchema,
  }),
  verify: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/ledger/verify',
    summary: 'Recompute the hash chain; names the first broken entry if any row was altered or removed',
    tags: ['ledger'],
    params: compoundParams,
    response: ledgerVerificationSchema,
  }),
  csv: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/ledger.csv',
    summary: 'Export the ledger as CSV (UTF-8 with BOM, Chinese column names)',
    tags: ['ledger'],
    params: compoundParams,
    produces: 'text/csv',
  }),
  xlsx: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/ledger.xlsx',
    summary: 'Export the ledger as an Excel workbook (Chinese column names)',
    tags: ['ledger'],
    params: compoundParams,
    produces: XLSX,
  }),
};
