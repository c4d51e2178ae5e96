/**
 * What an editor had that the frozen agenda does not: when a meeting starts, the agenda document is
 * frozen from what the server has stored, and an edit still on its way (or made offline) is refused.
 * The editor is sent the frozen document; comparing it with its own copy tells the member, field by
 * field, what did not make it, so it is handed back to them rather than dropped in silence.
 */
import type { AgendaItemSnapshot } from './agenda-doc.js';

/** A field of an agenda item a member may have changed. */
export type AgendaHandBackField = 'title' | 'party' | 'minutes' | 'notes' | 'links';

export type AgendaHandBackEntry =
  /** An item the member added that is not on the frozen agenda. */
  | { kind: 'added'; title: string; notes: string }
  /** An item the member removed that is still on the frozen agenda (at `position`, from 1). */
  | { kind: 'removed'; position: number; title: string }
  /** An item the member moved; the frozen agenda keeps it at `position`. */
  | { kind: 'moved'; position: number; title: string }
  /** A field the member changed: their text, and the frozen one. */
  | { kind: 'changed'; position: number; field: AgendaHandBackField; mine: string; frozen: string };

const FIELDS: readonly AgendaHandBackField[] = ['title', 'party', 'minutes', 'notes', 'links'];

function fieldText(item: AgendaItemSnapshot, field: AgendaHandBackField): string {
  const value = item[field];
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * The differences between the member's copy (`mine`, which already holds everything frozen, merged)
 * and the frozen agenda, in the member's order; removals last. Empty when nothing was lost.
 */
export function agendaHandBack(mine: readonly AgendaItemSnapshot[], frozen: readonly AgendaItemSnapshot[]): AgendaHandBackEntry[] {
  const frozenById = new Map(frozen.map((item, index) => [item.docItemId, { item, position: index + 1 }]));
  const mineIds = new Set(mine.map((item) => item.docItemId));
  const out: AgendaHandBackEntry[] = [];
  for (const item of mine) {
    const kept = frozenById.get(item.docItemId);
    if (!kept) {
      out.push({ kind: 'added', title: item.title, notes: item.notes });
      continue;
    }
    for (const field of FIELDS) {
      const [a, b] = [fieldText(item, field), fieldText(kept.item, field)];
      if (a !== b) out.push({ kind: 'changed', position: kept.position, field, mine: a, frozen: b });
    }
    if (item.order !== kept.item.order) out.push({ kind: 'moved', position: kept.position, title: kept.item.title });
  }
  for (const [id, { item, position }] of frozenById) {
    if (!mineIds.has(id)) out.push({ kind: 'removed', position, title: item.title });
  }
  return out;
}
