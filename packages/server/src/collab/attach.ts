/**
 * Attaches the collaboration server to the node HTTP server: `ws` in noServer mode on the `upgrade`
 * event for `/collab/<documentName>`. Before upgrading, the Origin must be our own host or a trusted
 * origin (a foreign page must not ride a resident's cookie) and the session cookie must name a live
 * session; these refusals are plain HTTP 403/401. Everything after that — unknown document, no right
 * to open it — is a websocket close code, so the y-websocket client stops retrying.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Deps } from '../deps.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { actorForToken } from '../services/auth.service.js';
import { CollabHub, DEFAULT_COLLAB_OPTIONS, type CollabOptions } from './hub.js';
import type { CollabRelay } from './relay.js';

export const COLLAB_PATH = '/collab/';

/** The hub serving a database, so services can freeze or re-authorize a live document. */
const hubs = new WeakMap<object, CollabHub>();
export function collabHubFor(deps: Pick<Deps, 'db'>): CollabHub | undefined {
  return hubs.get(deps.db);
}

/**
 * A person's sessions or roles changed (logout, password change or reset, a session ended, a role
 * revoked): their open live-document sockets are checked again, here at once and on every other
 * instance through the relay (socket-guard.ts). Called after the change is committed; never fails it.
 */
export async function recheckLiveAccess(deps: Pick<Deps, 'db'>, userId: string): Promise<void> {
  await collabHubFor(deps)
    ?.guard.userChanged(userId)
    .catch((error: unknown) => console.error('[yishi collab] re-checking sockets failed', error));
}

export interface AttachedCollab {
  hub: CollabHub;
  close: () => Promise<void>;
}

/**
 * A module-level listener rather than an arrow function inside the upgrade handler: the socket keeps
 * its listeners for its whole life, and an arrow function would keep the handler's scope with them —
 * the upgrade request with all its headers and the head buffer, about 1 KiB per open socket.
 */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

function refuse(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function originAllowed(req: IncomingMessage, trusted: readonly string[]): boolean {
  const origin = req.headers.origin;
  // Browsers always send Origin on a websocket handshake; a client without one is not a browser
  // page and cannot borrow a resident's cookie.
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.host || trusted.includes(origin);
}

/** `relay` connects this instance's hub to the other instances' (several instances; see relay.ts). */
export function attachCollab(server: Server, deps: Deps, options: Partial<CollabOptions> = {}, relay: CollabRelay | null = null): AttachedCollab {
  const opts = { ...DEFAULT_COLLAB_OPTIONS, ...options };
  const hub = new CollabHub(deps, opts, relay);
  hubs.set(deps.db, hub);
  // ws refuses larger frames itself (close 1009); our own, lower cap answers with 4413.
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes + 64 * 1024 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(COLLAB_PATH)) {
      // Another feature may serve other upgrade paths; when nobody does, answer rather than hang.
      if (server.listenerCount('upgrade') <= 1) refuse(socket, 404, 'Not Found');
      return;
    }
    socket.on('error', destroyOnError);
    if (!originAllowed(req, deps.config.trustedOrigins)) return refuse(socket, 403, 'Forbidden');
    let name: string;
    try {
      name = decodeURIComponent(path.slice(COLLAB_PATH.length));
    } catch {
      return refuse(socket, 404, 'Not Found');
    }
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    // A logout checked while we look the session up must not miss this socket (hub.connect).
    const mark = hub.guard.mark();
    const lookup = token && /^[\w-]{20,100}$/.test(token) ? actorForToken(deps, token) : Promise.resolve(null);
    lookup.then(
      (actor) => {
        if (!actor) return refuse(socket, 401, 'Unauthorized');
        wss.handleUpgrade(req, socket, head, (ws) => {
          hub.connect(ws, actor, name, mark).catch((error: unknown) => {
            console.error('[yishi collab] connection failed', error);
            ws.terminate();
          });
        });
      },
      (error: unknown) => {
        console.error('[yishi collab] session lookup failed', error);
        socket.destroy();
      },
    );
  };
  server.on('upgrade', onUpgrade);

  return {
    hub,
    close: async () => {
      server.off('upgrade', onUpgrade);
      await hub.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (hubs.get(deps.db) === hub) hubs.delete(deps.db);
    },
  };
}
