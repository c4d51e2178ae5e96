/**
 * An activated account of someone who holds no role at the demo compound — a relative living in another
 * compound of the city — for the tests of what such a person may see (a proxy holder's vote).
 */
import { hashPassword } from '../auth/password.js';
import { insertUser } from '../db/repositories/accounts.repository.js';
import type { Db } from '../db/repositories/places.repository.js';

export async function insertOutsideAccount(
  db: Db,
  who: { personId: string; userId: string; name: string; phone: string; username?: string; password: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db.insertInto('persons').values({ id: who.personId, name: who.name, phone: who.phone, created_at: now }).execute();
  await insertUser(db, {
    id: who.userId,
    person_id: who.personId,
    username: who.username ?? null,
    phone: who.phone,
    display_name: who.name,
    password_hash: await hashPassword(who.password),
    locale: 'zh-CN',
    disabled: 0,
    created_at: now,
    activated_at: now,
    privacy_consent_at: now,
    privacy_notice_version: null,
    email: null,
  });
}
