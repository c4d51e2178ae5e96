/**
 * Action items: staff lists and work steps, the numbered sign-off, residents' concerns and ratings,
 * the public board's view and the reconciliation of a meeting.
 */
import {
  COMPOUND_STAFF,
  DomainError,
  actionItemListQuerySchema,
  createActionItemSchema,
  progressUpdateSchema,
  rateActionItemSchema,
  resolveActionItemSchema,
  returnActionItemSchema,
  signOffSchema,
  submitConcernSchema,
  triageChangeSchema,
  updateActionItemSchema,
  type Role,
} from '@yishi/core';
import { z } from 'zod';
import { rolesAt as rolesOfActorAt } from '../auth/authorize.js';
import { findActionItem, listActionItems } from '../db/repositories/action-items.repository.js';
import { newId } from '../db/ids.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import {
  addProgress,
  changeActionItemTriage,
  createActionItem,
  editActionItem,
  rateActionItem,
  resolveActionItem,
  returnActionItem,
  signOffActionItem,
} from '../services/action-items.service.js';
import { getPublicItem, getStaffItem, listPublicItems, listStaffItems, reconcileMeeting } from '../services/action-items.view.js';

/** Who sees the staff list; who works items; who signs them off (named officials of the station and above). */
export const ACTION_ITEM_VIEWERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep', 'building_head'];
export const ACTION_ITEM_WORKERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep'];
export const SIGN_OFF_ROLES: readonly Role[] = COMPOUND_STAFF;
const RESIDENTS: readonly Role[] = ['owner', 'resident'];
const EVERYONE_AT_COMPOUND: readonly Role[] = [...ACTION_ITEM_VIEWERS, ...RESIDENTS];

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const itemParams = z.object({ itemId: z.string().min(1).max(40) });
const meetingParams = z.object({ meetingId: z.string().min(1).max(40) });

/** The compound of the action item named by :itemId. */
export const actionItemFromParams: PlaceLookup<{ itemId: string }> = async ({ db, params }) => {
  const item = await findActionItem(db, params.itemId);
  return item ? findCompoundChain(db, item.compound_id) : undefined;
};

/** The compound of the meeting named by :meetingId (or of its action items). */
const meetingFromParams: PlaceLookup<{ meetingId: string }> = async ({ db, params }) => {
  const meeting = await db.selectFrom('meetings').select('compound_id').where('id', '=', params.meetingId).executeTakeFirst();
  const compoundId = meeting?.compound_id ?? (await listActionItems(db, { meetingId: params.meetingId }))[0]?.compound_id;
  return compoundId ? findCompoundChain(db, compoundId) : undefined;
};

async function loadItem(db: Parameters<typeof findActionItem>[0], itemId: string) {
  const item = await findActionItem(db, itemId);
  if (!item) throw new DomainError('action_item_not_found');
  return item;
}

export const actionItemRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/action-items',
    summary: 'Action items of a compound, with filters; overdue items carry overdue: true',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_VIEWERS, compoundFromParams),
    params: compoundParams,
    query: actionItemListQuerySchema,
    handler: async ({ deps, params, query }) => ({
      items: await listStaffItems(deps, {
        compoundId: params.compoundId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.triage ? { triage: query.triage } : {}),
        ...(query.meetingId ? { meetingId: query.meetingId } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.overdue ? { overdue: query.overdue === '1' || query.overdue === 'true' } : {}),
      }),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/action-items',
    summary: 'List an action item by hand (a council outcome, a passed proposal …); due in working days',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_WORKERS, compoundFromParams),
    params: compoundParams,
    body: createActionItemSchema,
    status: 201,
    handler: async ({ deps, actor, params, body }) => {
      const created = await deps.db.transaction().execute((trx) =>
        createActionItem(trx, deps, {
          compoundId: params.compoundId,
          title: body.title,
          description: body.description,
          source: { kind: body.source.kind, id: body.source.id, meetingId: body.source.meetingId ?? null },
          responsibleUnit: body.responsibleUnit ?? null,
          ...(body.deadlineWorkdays ? { deadlineWorkdays: body.deadlineWorkdays } : {}),
          createdByUserId: actor.userId,
          handlerName: body.handlerName ?? null,
          measures: body.measures,
          ...(body.triage ? { triage: body.triage } : {}),
        }),
      );
      return getStaffItem(deps, await loadItem(deps.db, created.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/concerns',
    summary: 'A resident reports a concern online (码上反映); it becomes an action item',
    tags: ['action-items'],
    access: rolesAt(RESIDENTS, compoundFromParams),
    params: compoundParams,
    body: submitConcernSchema,
    status: 201,
    handler: async ({ deps, actor, params, body }) => {
      const id = await deps.db.transaction().execute(async (trx) => {
        const created = await createActionItem(trx, deps, {
          compoundId: params.compoundId,
          title: body.title,
          description: body.description,
          // The source id is shown publicly: a fresh id, never the user's.
          source: { kind: 'concern', id: newId() },
          createdByUserId: actor.userId,
          raisedByUserId: actor.userId,
          urgency: body.urgency ?? null,
          location: body.location,
        });
        return created.id;
      });
      const item = await loadItem(deps.db, id);
      return { ...(await getPublicItem(deps, item)), mine: true };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/concerns/mine',
    summary: 'The concerns I reported, with their progress and whether I may rate them',
    tags: ['action-items'],
    access: rolesAt(RESIDENTS, compoundFromParams),
    params: compoundParams,
    handler: async ({ deps, actor, params }) => {
      const items = (await listActionItems(deps.db, { compoundId: params.compoundId })).filter((i) => i.raised_by_user_id === actor.userId);
      return { items: await Promise.all(items.map(async (i) => ({ ...(await getPublicItem(deps, i)), mine: true }))) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/action-items/:itemId',
    summary: 'One action item: staff see the full record; owners and residents see the public view',
    tags: ['action-items'],
    access: rolesAt(EVERYONE_AT_COMPOUND, actionItemFromParams),
    params: itemParams,
    handler: async ({ deps, actor, place, params }) => {
      const item = await loadItem(deps.db, params.itemId);
      const roles = rolesOfActorAt(actor, place);
      if (ACTION_ITEM_VIEWERS.some((r) => roles.has(r))) return { ...(await getStaffItem(deps, item)), view: 'staff' as const };
      const myRating = item.sign_off_number
        ? await deps.db.selectFrom('action_item_ratings').select(['rating', 'comment']).where('action_item_id', '=', item.id).where('user_id', '=', actor.userId).where('sign_off_number', '=', item.sign_off_number).executeTakeFirst()
        : undefined;
      return { ...(await getPublicItem(deps, item)), view: 'resident' as const, mine: item.raised_by_user_id === actor.userId, myRating: myRating ?? null };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/action-items/:itemId',
    summary: 'Set the responsible unit, the named handler or the measures (整改措施)',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_WORKERS, actionItemFromParams),
    params: itemParams,
    body: updateActionItemSchema,
    handler: async ({ deps, actor, params, body }) => {
      await editActionItem(deps, params.itemId, actor, {
        ...(body.responsibleUnit !== undefined ? { responsibleUnit: body.responsibleUnit } : {}),
        ...(body.handlerName !== undefined ? { handlerName: body.handlerName } : {}),
        ...(body.measures !== undefined ? { measures: body.measures } : {}),
      });
      return getStaffItem(deps, await loadItem(deps.db, params.itemId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/progress',
    summary: 'A dated progress update (public); onSite marks arrival for the 1341 clock',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_WORKERS, actionItemFromParams),
    params: itemParams,
    body: progressUpdateSchema,
    status: 201,
    handler: async ({ deps, actor, params, body }) => {
      await addProgress(deps, params.itemId, actor, { text: body.text, photos: body.photos, ...(body.onSite !== undefined ? { onSite: body.onSite } : {}) });
      return getStaffItem(deps, await loadItem(deps.db, params.itemId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/resolve',
    summary: 'Mark resolved with evidence (text and photos); awaits sign-off',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_WORKERS, actionItemFromParams),
    params: itemParams,
    body: resolveActionItemSchema,
    handler: async ({ deps, actor, params, body }) => {
      await resolveActionItem(deps, params.itemId, actor, { evidence: body.evidence, photos: body.photos });
      return getStaffItem(deps, await loadItem(deps.db, params.itemId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/return',
    summary: 'Send a resolved item back to work (evidence insufficient), with the reason',
    tags: ['action-items'],
    access: rolesAt(SIGN_OFF_ROLES, actionItemFromParams),
    params: itemParams,
    body: returnActionItemSchema,
    handler: async ({ deps, actor, params, body }) => {
      await returnActionItem(deps, params.itemId, actor, body.reason);
      return getStaffItem(deps, await loadItem(deps.db, params.itemId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/triage',
    summary: 'Escalate or de-escalate the triage colour (one level, with a reason)',
    tags: ['action-items'],
    access: rolesAt(ACTION_ITEM_WORKERS, actionItemFromParams),
    params: itemParams,
    body: triageChangeSchema,
    handler: async ({ deps, actor, params, body }) => {
      await changeActionItemTriage(deps, params.itemId, actor, body);
      return getStaffItem(deps, await loadItem(deps.db, params.itemId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/sign-off',
    summary: 'Sign off a resolved item: assigns the next gapless sign-off number and writes the ledger',
    tags: ['action-items'],
    access: rolesAt(SIGN_OFF_ROLES, actionItemFromParams),
    params: itemParams,
    body: signOffSchema,
    handler: async ({ deps, actor, params, body }) => {
      const signed = await signOffActionItem(deps, params.itemId, actor, body);
      return { ...signed, item: await getStaffItem(deps, await loadItem(deps.db, params.itemId)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/action-items/:itemId/rating',
    summary: 'Rate a signed-off item (satisfied / basically satisfied / dissatisfied); dissatisfied in time reopens it',
    tags: ['action-items'],
    access: rolesAt(RESIDENTS, actionItemFromParams),
    params: itemParams,
    body: rateActionItemSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => rateActionItem(deps, params.itemId, actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/action-items',
    summary: "The compound's action items for the public board: status, deadline, progress, sign-off number; no personal data",
    tags: ['action-items', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: async ({ deps, params }) => {
      const compound = await deps.db.selectFrom('compounds').select(['id', 'name', 'code']).where('id', '=', params.compoundId).executeTakeFirst();
      if (!compound) throw new DomainError('compound_not_found');
      const items = await listPublicItems(deps, params.compoundId);
      return {
        compound,
        counts: {
          total: items.length,
          signedOff: items.filter((i) => i.status === 'signed_off').length,
          open: items.filter((i) => i.status !== 'signed_off').length,
          overdue: items.filter((i) => i.overdue).length,
        },
        items,
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/meetings/:meetingId/reconciliation',
    summary: "Reconciliation (对账) of a meeting: each listed question and outcome with its item, status and number",
    tags: ['action-items', 'meetings'],
    access: rolesAt(ACTION_ITEM_VIEWERS, meetingFromParams),
    params: meetingParams,
    handler: ({ deps, params }) => reconcileMeeting(deps, params.meetingId),
  }),
];
