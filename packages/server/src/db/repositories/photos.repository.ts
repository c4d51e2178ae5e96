/** Storage of photos (residents' of their concerns, staff's evidence on items): uploaded first, attached when sent. */
import type { Db } from './places.repository.js';
import type { PhotoPurpose, PhotoTable } from '../tables/photos.table.js';

const META = [
  'id',
  'compound_id',
  'action_item_id',
  'uploaded_by_user_id',
  'position',
  'public',
  'purpose',
  'vote_id',
  'content_type',
  'width',
  'height',
  'byte_size',
  'created_at',
] as const;

export async function insertPhoto(db: Db, row: PhotoTable): Promise<void> {
  await db.insertInto('photos').values(row).execute();
}

/** One photo with its bytes (to serve it). */
export function findPhoto(db: Db, id: string) {
  return db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The photos of these items for one purpose, without their bytes, in the order they were added. */
export function listPhotosOfItems(db: Db, itemIds: readonly string[], purpose: PhotoPurpose) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('photos')
    .select(META)
    .where('action_item_id', 'in', itemIds)
    .where('purpose', '=', purpose)
    .orderBy('action_item_id')
    .orderBy('position')
    .execute();
}

/** The photos a person uploaded and has not sent yet, uploaded since `since`, without bytes. */
export function listPendingPhotos(db: Db, userId: string, since: string) {
  return db
    .selectFrom('photos')
    .select(META)
    .where('uploaded_by_user_id', '=', userId)
    .where('action_item_id', 'is', null)
    .where('vote_id', 'is', null)
    .where('created_at', '>=', since)
    .execute();
}

/**
 * Attaches a pending photo of this person to an item; false when it is not theirs, not pending, of
 * another compound or uploaded for another purpose.
 */
export async function attachPhoto(
  db: Db,
  photo: { id: string; userId: string; compoundId: string; actionItemId: string; purpose: PhotoPurpose; position: number; public: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('photos')
    .set({ action_item_id: photo.actionItemId, position: photo.position, public: photo.public ? 1 : 0 })
    .where('id', '=', photo.id)
    .where('uploaded_by_user_id', '=', photo.userId)
    .where('compound_id', '=', photo.compoundId)
    .where('purpose', '=', photo.purpose)
    .where('action_item_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Makes a pending vote photo of this person part of the vote; false when it is not theirs, not pending or of another compound. */
export async function claimVotePhoto(db: Db, photo: { id: string; userId: string; compoundId: string; voteId: string }): Promise<boolean> {
  const result = await db
    .updateTable('photos')
    .set({ vote_id: photo.voteId })
    .where('id', '=', photo.id)
    .where('uploaded_by_user_id', '=', photo.userId)
    .where('compound_id', '=', photo.compoundId)
    .where('purpose', '=', 'vote')
    .where('action_item_id', 'is', null)
    .where('vote_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Photos by id, without bytes. */
export function listPhotoMeta(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('photos').select(META).where('id', 'in', ids).execute();
}

/** The next position for an item's photos of a purpose (evidence photos arrive over several updates). */
export async function countPhotosOfItem(db: Db, itemId: string, purpose: PhotoPurpose): Promise<number> {
  const row = await db
    .selectFrom('photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action_item_id', '=', itemId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Deletes photos uploaded before `before` and never sent. */
export async function deleteExpiredPendingPhotos(db: Db, before: string): Promise<void> {
  await db.deleteFrom('photos').where('action_item_id', 'is', null).where('vote_id', 'is', null).where('created_at', '<', before).execute();
}
