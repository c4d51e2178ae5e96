/** The demo accounts as the services see them: each seed acts as a person who logged in would. */
import type { Actor } from '../auth/actor.js';
import { findUserByLogin } from '../db/repositories/users.repository.js';
import type { Deps } from '../deps.js';
import { loadActor } from '../services/auth.service.js';

/** The actor of a demo login; a seed step missing one is a broken seed, said by name. */
export async function demoActor(deps: Deps, login: string): Promise<Actor> {
  const user = await findUserByLogin(deps.db, login);
  const actor = user && (await loadActor(deps, user.id));
  if (!actor) throw new Error(`seed: no demo account ${login}`);
  return actor;
}

/** Several, read once: a lookup by login for a seed that acts as each of them many times. */
export async function demoActors<L extends string>(deps: Deps, logins: readonly L[]): Promise<(login: L) => Actor> {
  const actors = new Map<L, Actor>();
  for (const login of logins) actors.set(login, await demoActor(deps, login));
  return (login) => actors.get(login)!;
}
