/**
 * Residents' photos of their concerns. The page uploads each photo as soon as it is chosen (so a
 * photo that is not a picture is refused at once, in words, beside the photo field); the server
 * checks and re-encodes it without metadata (clean-photo.ts) and keeps it pending; sending the
 * concern attaches the pending photos to it in the same transaction. Photos never sent are deleted
 * after a day. Anyone sees a photo the resident agreed to show on the board; other photos only the
 * compound's staff and the resident who took them.
 */
import { ACTION_ITEM_VIEWERS, CONCERN_PHOTO_MAX_PENDING, DomainError, concernPhotoUrl, type ConcernPhoto } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import {
  attachConcernPhoto,
  deleteExpiredPendingPhotos,
  findConcernPhoto,
  insertConcernPhoto,
  listPendingConcernPhotos,
} from '../db/repositories/concern-photos.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { ConcernPhotoMeta } from '../db/tables/concern-photos.table.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';
import type { ImageBody } from '../http/image-body.js';
import { cleanPhoto } from './clean-photo.js';

const PENDING_FOR_MS = 86_400_000;

export function concernPhotoView(photo: Pick<ConcernPhotoMeta, 'id' | 'width' | 'height'>): ConcernPhoto {
  return { id: photo.id, url: concernPhotoUrl(photo.id), width: photo.width, height: photo.height };
}

/** Checks, cleans and keeps one photo for a concern the resident is about to send. */
export async function uploadConcernPhoto(deps: Deps, actor: Actor, compoundId: string, body: ImageBody): Promise<ConcernPhoto> {
  const now = deps.clock();
  const dayAgo = new Date(now.getTime() - PENDING_FOR_MS).toISOString();
  // Uploading is a cheap moment to forget the photos nobody sent.
  await deleteExpiredPendingPhotos(deps.db, dayAgo);
  if ((await listPendingConcernPhotos(deps.db, actor.userId, dayAgo)).length >= CONCERN_PHOTO_MAX_PENDING) throw new DomainError('photo_too_many_pending');
  const clean = await cleanPhoto(body.bytes);
  const id = newId();
  await insertConcernPhoto(deps.db, {
    id,
    compound_id: compoundId,
    action_item_id: null,
    uploaded_by_user_id: actor.userId,
    position: 0,
    public: 0,
    content_type: 'image/jpeg',
    width: clean.width,
    height: clean.height,
    byte_size: clean.bytes.length,
    bytes: clean.bytes,
    created_at: now.toISOString(),
  });
  return concernPhotoView({ id, width: clean.width, height: clean.height });
}

/**
 * Attaches the resident's pending photos to their new concern, in its transaction, in the order
 * given. A photo that is not theirs, already used, of another compound or expired is refused.
 */
export async function attachConcernPhotos(
  trx: Db,
  input: { userId: string; compoundId: string; actionItemId: string; photoIds: readonly string[]; public: boolean },
): Promise<void> {
  const ids = [...new Set(input.photoIds)];
  for (const [position, id] of ids.entries()) {
    const attached = await attachConcernPhoto(trx, {
      id,
      userId: input.userId,
      compoundId: input.compoundId,
      actionItemId: input.actionItemId,
      position,
      public: input.public,
    });
    if (!attached) throw new DomainError('photo_not_found', {}, [{ path: 'photoIds', message: 'photo_not_found' }]);
  }
}

/**
 * One photo as an HTTP answer: JPEG bytes with their length. A photo on the board never changes, so
 * it is cached for a year; any other is someone's personal data and never kept by a cache. A photo the
 * caller may not see is answered as not found.
 */
export async function serveConcernPhoto(deps: Deps, actor: Actor | null, photoId: string): Promise<Response> {
  const photo = await findConcernPhoto(deps.db, photoId);
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

async function mayView(db: Db, actor: Actor, photo: Pick<ConcernPhotoMeta, 'uploaded_by_user_id' | 'compound_id'>): Promise<boolean> {
  if (photo.uploaded_by_user_id === actor.userId) return true;
  const chain = await findCompoundChain(db, photo.compound_id);
  return chain !== undefined && mayAct(actor, ACTION_ITEM_VIEWERS, chain);
}
