/**
 * Action items: staff lists and work steps, the numbered sign-off, residents' concerns and ratings,
 * the public board's view and the reconciliation of a meeting.
 */
import { ACTION_ITEM_VIEWERS, ACTION_ITEM_WORKERS, CONCERN_ROLES, SIGN_OFF_ROLES, actionItemEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import {
  addProgress,
  changeActionItemTriage,
  editActionItem,
  listActionItemByHand,
  reportConcern,
  resolveActionItem,
  returnActionItem,
} from '../services/action-items.service.js';
import { rateActionItem, signOffActionItem } from '../services/action-item-sign-off.service.js';
import {
  getActionItemFor,
  getPublicBoardItems,
  listMyConcerns,
  listStaffItems,
  placeOfActionItem,
  placeOfMeeting,
  reconcileMeeting,
} from '../services/action-items.view.js';
import { servePhoto, uploadConcernPhoto, uploadEvidencePhoto } from '../services/photos.service.js';

/** The compound of the action item named by :itemId. */
const itemFromParams: PlaceLookup<{ itemId: string }> = ({ db, params }) => placeOfActionItem(db, params.itemId);
/** The compound of the meeting named by :meetingId (or of its action items). */
const meetingFromParams: PlaceLookup<{ meetingId: string }> = ({ db, params }) => placeOfMeeting(db, params.meetingId);

const workers = rolesAt(ACTION_ITEM_WORKERS, itemFromParams);
const signers = rolesAt(SIGN_OFF_ROLES, itemFromParams);

export const actionItemRoutes = [
  defineRoute(actionItemEndpoints.list, {
    access: rolesAt(ACTION_ITEM_VIEWERS, compoundFromParams),
    handler: ({ deps, params, query }) =>
      listStaffItems(
        deps,
        {
          compoundId: params.compoundId,
          ...(query.status ? { status: query.status } : {}),
          ...(query.triage ? { triage: query.triage } : {}),
          ...(query.meetingId ? { meetingId: query.meetingId } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.overdue ? { overdue: query.overdue === '1' || query.overdue === 'true' } : {}),
        },
        query,
      ),
  }),
  defineRoute(actionItemEndpoints.create, {
    access: rolesAt(ACTION_ITEM_WORKERS, compoundFromParams),
    handler: ({ deps, actor, params, body }) => listActionItemByHand(deps, actor, params.compoundId, body),
  }),
  defineRoute(actionItemEndpoints.reportConcern, {
    access: rolesAt(CONCERN_ROLES, compoundFromParams),
    handler: ({ deps, actor, params, body }) => reportConcern(deps, actor, params.compoundId, body),
  }),
  defineRoute(actionItemEndpoints.uploadConcernPhoto, {
    access: rolesAt(CONCERN_ROLES, compoundFromParams),
    handler: ({ deps, actor, params, body }) => uploadConcernPhoto(deps, actor, params.compoundId, body),
  }),
  defineRoute(actionItemEndpoints.photo, {
    access: publicAccess,
    finerAccess:
      'A photo the resident agreed to show on the board, and evidence sent with an item’s progress, are public; any other only for the staff of its compound and the person who took it (404 otherwise).',
    handler: ({ deps, actor, params }) => servePhoto(deps, actor, params.photoId),
  }),
  defineRoute(actionItemEndpoints.myConcerns, {
    access: rolesAt(CONCERN_ROLES, compoundFromParams),
    handler: ({ deps, actor, params, query }) => listMyConcerns(deps, actor, params.compoundId, query),
  }),
  defineRoute(actionItemEndpoints.get, {
    access: rolesAt([...ACTION_ITEM_VIEWERS, ...CONCERN_ROLES], itemFromParams),
    handler: ({ deps, actor, place, params }) => getActionItemFor(deps, actor, place!, params.itemId),
  }),
  defineRoute(actionItemEndpoints.edit, { access: workers, handler: ({ deps, actor, params, body }) => editActionItem(deps, params.itemId, actor, body) }),
  defineRoute(actionItemEndpoints.progress, { access: workers, handler: ({ deps, actor, params, body }) => addProgress(deps, params.itemId, actor, body) }),
  defineRoute(actionItemEndpoints.uploadEvidencePhoto, {
    access: workers,
    handler: ({ deps, actor, params, body }) => uploadEvidencePhoto(deps, actor, params.itemId, body),
  }),
  defineRoute(actionItemEndpoints.resolve, {
    access: workers,
    handler: ({ deps, actor, params, body }) => resolveActionItem(deps, params.itemId, actor, body),
  }),
  defineRoute(actionItemEndpoints.return, {
    access: signers,
    handler: ({ deps, actor, params, body }) => returnActionItem(deps, params.itemId, actor, body.reason),
  }),
  defineRoute(actionItemEndpoints.triage, {
    access: workers,
    finerAccess:
      'Only the subdistrict or the station chief moves an item into or out of red; grid workers escalate but do not de-escalate (core changeTriage).',
    handler: ({ deps, actor, params, body }) => changeActionItemTriage(deps, params.itemId, actor, body),
  }),
  defineRoute(actionItemEndpoints.signOff, {
    access: signers,
    handler: ({ deps, actor, params, body }) => signOffActionItem(deps, params.itemId, actor, body),
  }),
  defineRoute(actionItemEndpoints.rate, {
    access: rolesAt(CONCERN_ROLES, itemFromParams),
    finerAccess: 'A concern is rated only by the resident who raised it; an item from a meeting by any owner or resident of the compound, once per sign-off.',
    handler: ({ deps, actor, params, body }) => rateActionItem(deps, params.itemId, actor, body),
  }),
  defineRoute(actionItemEndpoints.board, { access: publicAccess, handler: ({ deps, params, query }) => getPublicBoardItems(deps, params.compoundId, query) }),
  defineRoute(actionItemEndpoints.reconciliation, {
    access: rolesAt(ACTION_ITEM_VIEWERS, meetingFromParams),
    handler: ({ deps, params }) => reconcileMeeting(deps, params.meetingId),
  }),
];
