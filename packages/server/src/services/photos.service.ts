/**
 * Photos: residents' of their concerns and staff's evidence of the work on an action item (progress
 * and resolution). One way in for both. The page makes the photo small on the phone and uploads it as
 * soon as it is chosen (so a file that is not a picture is refused at once, in words, beside the
 * photo field); the server checks and re-encodes it without metadata (clean-photo.ts) and keeps it
 * pending; sending the concern, the progress update or the resolution attaches the pending photos in
 * the same transaction. Photos never sent are deleted after a day. Links to other sites are never
 * taken: a photo is always one of ours, checked.
 *
 * Who sees a photo: anyone, one shown on the board (a resident's who agreed; evidence, which is part of
 * the public progress); otherwise the compound's staff and the person who took it.
 */
import { ACTION_ITEM_VIEWERS, CONCERN_PHOTO_MAX_PENDING, DomainError, concernPhotoUrl, type ConcernPhoto } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { findActionItem } from '../db/repositories/action-items.repository.js';
import { attachPhoto, countPhotosOfItem, deleteExpiredPendingPhotos, findPhoto, insertPhoto, listPendingPhotos } from '../db/repositories/photos.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { PhotoMeta, PhotoPurpose } from '../db/tables/photos.table.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';
import type { ImageBody } from '../http/image-body.js';
import { cleanPhoto, type CleanPhoto } from './clean-photo.js';

const PENDING_FOR_MS = 86_400_000;

export function photoView(photo: Pick<PhotoMeta, 'id' | 'width' | 'height'>): ConcernPhoto {
  return { id: photo.id, url: concernPhotoUrl(photo.id), width: photo.width, height: photo.height };
}

/** Checks, cleans and keeps one photo, pending until what it belongs to is sent. */
async function uploadPhoto(
  deps: Deps,
  actor: Actor,
  target: { compoundId: string; purpose: PhotoPurpose },
  body: ImageBody,
  cleaned?: CleanPhoto,
): Promise<ConcernPhoto> {
  const now = deps.clock();
  const dayAgo = new Date(now.getTime() - PENDING_FOR_MS).toISOString();
  // Uploading is a cheap moment to forget the photos nobody sent.
  await deleteExpiredPendingPhotos(deps.db, dayAgo);
  if ((await listPendingPhotos(deps.db, actor.userId, dayAgo)).length >= CONCERN_PHOTO_MAX_PENDING) throw new DomainError('photo_too_many_pending');
  const clean = cleaned ?? (await cleanPhoto(body.bytes));
  const id = newId();
  await insertPhoto(deps.db, {
    id,
    compound_id: target.compoundId,
    action_item_id: null,
    uploaded_by_user_id: actor.userId,
    position: 0,
    public: 0,
    purpose: target.purpose,
    vote_id: null,
    content_type: 'image/jpeg',
    width: clean.width,
    height: clean.height,
    byte_size: clean.bytes.length,
    bytes: clean.bytes,
    created_at: now.toISOString(),
  });
  return photoView({ id, width: clean.width, height: clean.height });
}

/** A resident's photo for a concern they are about to send. */
export function uploadConcernPhoto(deps: Deps, actor: Actor, compoundId: string, body: ImageBody): Promise<ConcernPhoto> {
  return uploadPhoto(deps, actor, { compoundId, purpose: 'concern' }, body);
}

/** Staff's photo of the work on an item, for a progress update or the resolution they are about to send. */
export async function uploadEvidencePhoto(deps: Deps, actor: Actor, itemId: string, body: ImageBody): Promise<ConcernPhoto> {
  const item = await findActionItem(deps.db, itemId);
  if (!item) throw new DomainError('action_item_not_found');
  return uploadPhoto(deps, actor, { compoundId: item.compound_id, purpose: 'evidence' }, body);
}

/**
 * A photo for a vote, about to be sent with an authorisation form (委托书) or a paper slip entry.
 * `cleaned`: the same picture already cleaned once (the demo seed's slips: one drawing for hundreds).
 */
export function uploadVotePhoto(deps: Deps, actor: Actor, compoundId: string, body: ImageBody, cleaned?: CleanPhoto): Promise<ConcernPhoto> {
  return uploadPhoto(deps, actor, { compoundId, purpose: 'vote' }, body, cleaned);
}

/**
 * Attaches the person's pending photos to an item, in its transaction, in the order given, after any
 * it has. A photo that is not theirs, already used, of another compound, uploaded for another purpose
 * or expired is refused (`field` names the input it came in).
 */
export async function attachPhotos(
  trx: Db,
  input: { userId: string; compoundId: string; actionItemId: string; purpose: PhotoPurpose; photoIds: readonly string[]; public: boolean; field: string },
): Promise<string[]> {
  const ids = [...new Set(input.photoIds)];
  const first = ids.length > 0 ? await countPhotosOfItem(trx, input.actionItemId, input.purpose) : 0;
  for (const [i, id] of ids.entries()) {
    const attached = await attachPhoto(trx, { ...input, id, position: first + i });
    if (!attached) throw new DomainError('photo_not_found', {}, [{ path: input.field, message: 'photo_not_found' }]);
  }
  return ids;
}

/** Attaches a resident's pending photos to their new concern. */
export async function attachConcernPhotos(
  trx: Db,
  input: { userId: string; compoundId: string; actionItemId: string; photoIds: readonly string[]; public: boolean },
): Promise<void> {
  await attachPhotos(trx, { ...input, purpose: 'concern', field: 'photoIds' });
}

/** Attaches staff's pending evidence photos to an item; answers the URLs the update records. Evidence is public, like the progress it shows. */
export async function attachEvidencePhotos(
  trx: Db,
  input: { userId: string; compoundId: string; actionItemId: string; photoIds: readonly string[] },
): Promise<string[]> {
  const ids = await attachPhotos(trx, { ...input, purpose: 'evidence', public: true, field: 'photos' });
  return ids.map(concernPhotoUrl);
}

/**
 * One photo as an HTTP answer: JPEG bytes with their length. A photo on the board never changes, so
 * it is cached for a year; any other is someone's personal data and never kept by a cache. A photo the
 * caller may not see is answered as not found.
 */
export async function servePhoto(deps: Deps, actor: Actor | null, photoId: string): Promise<Response> {
  const photo = await findPhoto(deps.db, photoId);
  if (!photo) throw new DomainError('not_found');
  const onBoard = photo.public === 1 && photo.action_item_id !== null;
  if (!onBoard && !(actor && (await mayView(deps.db, actor, photo)))) throw new DomainError('not_found');
  return new Response(new Uint8Array(photo.bytes), {
    status: 200,
    headers: {
      'Content-Type': photo.content_type,
      'Content-Length': String(photo.bytes.length),
      'Cache-Control': onBoard ? 'public, max-age=31536000, immutable' : 'no-store',
      'Content-Disposition': 'inline',
    },
  });
}

async function mayView(db: Db, actor: Actor, photo: Pick<PhotoMeta, 'uploaded_by_user_id' | 'compound_id'>): Promise<boolean> {
  if (photo.uploaded_by_user_id === actor.userId) return true;
  const chain = await findCompoundChain(db, photo.compound_id);
  return chain !== undefined && mayAct(actor, ACTION_ITEM_VIEWERS, chain);
}
