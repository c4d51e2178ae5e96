/**
 * First-run setup. A database without any account cannot be used, so on an empty database the
 * server writes a one-time setup link to its log (`announceSetupLink`); whoever can read the
 * server's log is the installer. The link's page creates the subdistrict and its first
 * administrator, who then builds everything else through the product. `yishi setup` does the same
 * for scripted installs. Either way it happens once: the `installation` row's primary key refuses a
 * second setup even when two race.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type SetupInput } from '@yishi/core';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { hashPassword } from '../auth/password.js';
import { publicUrlOf } from '../config.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import {
  anyUserExists,
  deleteSetupTokens,
  findSetupToken,
  findUserByPhone,
  insertInstallation,
  insertSetupToken,
  insertUser,
} from '../db/repositories/accounts.repository.js';
import { insertGrant, insertGrantEvent } from '../db/repositories/grants.repository.js';
import { insertSubdistrict } from '../db/repositories/place-tree.repository.js';
import type { Deps } from '../deps.js';

/** The title the first administrator's grant carries: the system's word for the account, not an office to print. */
export const ADMIN_TITLE = '街道管理员';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True while nobody can log in: no account exists yet. */
export async function setupNeeded(deps: Deps): Promise<boolean> {
  return !(await anyUserExists(deps.db));
}

/**
 * On an empty database: a fresh setup token, and the link that carries it (for the log). Each start
 * makes a new one; any unused one works until setup is done, after which all are deleted. Returns
 * null when the installation already has accounts.
 */
export async function createSetupLink(deps: Deps): Promise<string | null> {
  if (!(await setupNeeded(deps))) return null;
  const token = randomBytes(24).toString('base64url');
  await insertSetupToken(deps.db, { id: tokenHash(token), created_at: deps.clock().toISOString() });
  return `${publicUrlOf(deps.config)}/setup?token=${token}`;
}

/** Writes the setup link to the log when the database is empty (server start-up). */
export async function announceSetupLink(deps: Deps, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const link = await createSetupLink(deps);
  if (!link) return;
  log(
    `[yishi] This database has no accounts yet. Open this one-time link to set up the subdistrict and its first administrator:\n[yishi setup] ${link}\n[yishi] (or run: node packages/server/dist/cli.js setup --subdistrict <name> --name <person> --phone <phone>, password on standard input)`,
  );
}

export interface SetupResult {
  userId: string;
  subdistrictId: string;
}

/**
 * Creates the subdistrict and its first administrator (a subdistrict-committee grant titled
 * 街道管理员). `token` is the link's token; the command line passes null (it runs on the server,
 * with the database in hand). Refused with `setup_done` once anything is set up.
 */
export async function completeSetup(deps: Deps, input: Omit<SetupInput, 'token'> & { token: string | null }): Promise<SetupResult> {
  if (!(await setupNeeded(deps))) throw new DomainError('setup_done');
  if (input.token !== null && !(await findSetupToken(deps.db, tokenHash(input.token)))) throw new DomainError('setup_token_invalid');
  assertPasswordAllowed(input.password, { phone: input.phone });
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findUserByPhone(trx, input.phone)) throw new DomainError('setup_done');
      const subdistrictId = newId();
      await insertSubdistrict(trx, { id: subdistrictId, name: input.subdistrict, code: `S-${subdistrictId.slice(0, 8).toUpperCase()}`, created_at: now });
      // The installation row first: of two setups racing, the second fails here, before anything else.
      await insertInstallation(trx, { set_up_at: now, subdistrict_id: subdistrictId });
      const userId = newId();
      await insertUser(trx, {
        id: userId,
        person_id: null,
        username: null,
        phone: input.phone,
        display_name: input.name,
        password_hash: passwordHash,
        locale: 'zh-CN',
        disabled: 0,
        created_at: now,
        activated_at: now,
        privacy_consent_at: null,
        privacy_notice_version: null,
      });
      const grant = {
        id: newId(),
        user_id: userId,
        role: 'subdistrict_committee' as const,
        scope_kind: 'subdistrict',
        scope_id: subdistrictId,
        party: null,
        organisation: null,
        title: ADMIN_TITLE,
      };
      await insertGrant(trx, { ...grant, granted_at: now, granted_by_user_id: null });
      await insertGrantEvent(trx, {
        id: newId(),
        at: now,
        action: 'grant',
        by_user_id: null,
        user_id: userId,
        role: grant.role,
        scope_kind: grant.scope_kind,
        scope_id: grant.scope_id,
        subdistrict_id: subdistrictId,
        party: null,
        organisation: null,
        title: ADMIN_TITLE,
      });
      await deleteSetupTokens(trx);
      return { userId, subdistrictId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('setup_done');
    throw error;
  }
}
