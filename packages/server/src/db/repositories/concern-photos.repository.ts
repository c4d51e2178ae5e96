/** Storage of residents' photos of their concerns: uploaded first, attached when the concern is sent. */
import type { Db } from './places.repository.js';
import type { ConcernPhotoTable } from '../tables/concern-photos.table.js';

const META = [
  'id',
  'compound_id',
  'action_item_id',
  'uploaded_by_user_id',
  'position',
  'public',
  'content_type',
  'width',
  'height',
  'byte_size',
  'created_at',
] as const;

export async function insertConcernPhoto(db: Db, row: ConcernPhotoTable): Promise<void> {
  await db.insertInto('concern_photos').values(row).execute();
}

/** One photo with its bytes (to serve it). */
export function findConcernPhoto(db: Db, id: string) {
  return db.selectFrom('concern_photos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The photos of these items, without their bytes, in the order the resident added them. */
export function listConcernPhotos(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('concern_photos').select(META).where('action_item_id', 'in', itemIds).orderBy('action_item_id').orderBy('position').execute();
}

/** The photos a person uploaded and has not sent with a concern yet, uploaded since `since`, without bytes. */
export function listPendingConcernPhotos(db: Db, userId: string, since: string) {
  return db
    .selectFrom('concern_photos')
    .select(META)
    .where('uploaded_by_user_id', '=', userId)
    .where('action_item_id', 'is', null)
    .where('created_at', '>=', since)
    .execute();
}

/** Attaches a pending photo of this person to a concern; false when it is not theirs, not pending or of another compound. */
export async function attachConcernPhoto(
  db: Db,
  photo: { id: string; userId: string; compoundId: string; actionItemId: string; position: number; public: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('concern_photos')
    .set({ action_item_id: photo.actionItemId, position: photo.position, public: photo.public ? 1 : 0 })
    .where('id', '=', photo.id)
    .where('uploaded_by_user_id', '=', photo.userId)
    .where('compound_id', '=', photo.compoundId)
    .where('action_item_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes photos uploaded before `before` and never sent with a concern. */
export async function deleteExpiredPendingPhotos(db: Db, before: string): Promise<void> {
  await db.deleteFrom('concern_photos').where('action_item_id', 'is', null).where('created_at', '<', before).execute();
}
