/**
 * Which documents exist and who may open them. A document name is `<kind>-<id>`; each kind says how
 * to authorize an actor for an id. A later feature (minutes) adds its kind with one entry here.
 */
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { agendaDocumentKind } from './agenda-document.js';
import { minutesDocumentKind } from './minutes-document.js';

/**
 * `read`: this person may only read; `frozen`: nobody may write any more (a started meeting's agenda).
 * A socket that may not write is told so, and with `frozen` it is sent the frozen document, so an
 * editor can hand back what it had that the frozen one lacks (core's collab/read-only.ts).
 */
export type DocumentAccess = 'write' | 'read' | 'frozen' | 'none' | 'not_found';

export interface CollabDocumentKind {
  /** The part of the name before the first '-': `agenda` for `agenda-<meetingId>`. */
  kind: string;
  authorize: (deps: Deps, actor: Actor, id: string) => Promise<DocumentAccess>;
}

export const COLLAB_DOCUMENT_KINDS: readonly CollabDocumentKind[] = [agendaDocumentKind, minutesDocumentKind];

const NAME = /^([a-z]+)-([0-9a-z]{1,40})$/;

export function findDocumentKind(name: string): { kind: CollabDocumentKind; id: string } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const kind = COLLAB_DOCUMENT_KINDS.find((k) => k.kind === match[1]);
  return kind ? { kind, id: match[2]! } : null;
}

export async function authorizeDocument(deps: Deps, actor: Actor, name: string): Promise<DocumentAccess> {
  const found = findDocumentKind(name);
  if (!found) return 'not_found';
  return found.kind.authorize(deps, actor, found.id);
}
