import type { Locale } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';

/** Hono's context variables, set by the middleware in ../app.ts. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    locale: Locale;
    actor: Actor | null;
    sessionToken: string | null;
  };
}
