import type { IncomingMessage } from 'node:http';
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
    /** Node's request whose body a body reader reads directly (set by apiBodyLimit when served by node). */
    nodeBody: IncomingMessage | undefined;
  };
}
