/**
 * One-time codes: made with the operating system's randomness, stored only as a sha256 hash, used
 * once (a conditional update decides which of two racing requests wins), voided when a newer code
 * for the same person is issued, and expiring after ACCESS_CODE_TTL_MS of their kind.
 */
import { createHash, randomInt } from 'node:crypto';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_LENGTH, ACCESS_CODE_TTL_MS, type AccessCodeKind, normaliseAccessCode } from '@yishi/core';
import { newId } from '../db/ids.js';
import { insertAccessCodes, voidOpenCodes } from '../db/repositories/accounts.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { AccessCodeTable } from '../db/tables/accounts.table.js';
import type { Insertable } from 'kysely';

export function hashAccessCode(code: string): string {
  return createHash('sha256').update(normaliseAccessCode(code)).digest('hex');
}

export function newAccessCode(kind: AccessCodeKind): string {
  if (kind === 'sms') return String(randomInt(0, 1_000_000)).padStart(6, '0');
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += ACCESS_CODE_ALPHABET[randomInt(0, ACCESS_CODE_ALPHABET.length)];
  return code;
}

export interface CodeTarget {
  personId?: string | null;
  userId?: string | null;
  phone?: string | null;
}

export interface IssuedCode {
  code: string;
  id: string;
  expiresAt: string;
}

/** A code row ready to insert, and the code itself (which is shown or printed once, never stored). */
export function prepareAccessCode(
  kind: AccessCodeKind,
  target: CodeTarget,
  meta: { now: Date; createdBy: string | null; batchId?: string | null },
): { code: string; row: Insertable<AccessCodeTable> } {
  const code = newAccessCode(kind);
  const row: Insertable<AccessCodeTable> = {
    id: newId(),
    code_hash: hashAccessCode(code),
    kind,
    person_id: target.personId ?? null,
    user_id: target.userId ?? null,
    phone: target.phone ?? null,
    batch_id: meta.batchId ?? null,
    created_by_user_id: meta.createdBy,
    created_at: meta.now.toISOString(),
    expires_at: new Date(meta.now.getTime() + ACCESS_CODE_TTL_MS[kind]).toISOString(),
    used_at: null,
    voided_at: null,
  };
  return { code, row };
}

/**
 * Issues one code and voids the target's earlier open codes of the same kind (a reprinted letter or
 * a re-sent invitation replaces the old one). Run it inside the caller's transaction.
 */
export async function issueAccessCode(db: Db, kind: AccessCodeKind, target: CodeTarget, meta: { now: Date; createdBy: string | null }): Promise<IssuedCode> {
  if (kind !== 'sms') await voidOpenCodes(db, target, [kind], meta.now.toISOString());
  const { code, row } = prepareAccessCode(kind, target, meta);
  await insertAccessCodes(db, [row]);
  return { code, id: row.id, expiresAt: row.expires_at };
}
