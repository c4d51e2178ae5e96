/**
 * The shape of a live agenda document (a Yjs doc named `agenda-<meetingId>`), described without
 * depending on Yjs so the server and the web app read it the same way:
 *
 *   doc.getArray('items')  Y.Array<Y.Map>, one map per agenda item, in insertion order
 *     id       string   stable id chosen by the client that created the item
 *     title    Y.Text   (toJSON: string)
 *     party    string   presenting party (one of PARTIES) or ''
 *     minutes  number   time box in minutes
 *     order    number   position; a reorder sets it between the neighbours' orders, so two people
 *                       moving items at once never duplicate or lose an item (unlike delete+insert)
 *     notes    Y.Text   collaborative notes
 *     links    Y.Array<string>  links to concerns and proposals ("concern:<id>", "proposal:<id>", URLs)
 */
import { PARTIES, type Party } from '../roles/roles.js';

export const AGENDA_ITEMS_KEY = 'items';

export function agendaDocumentName(meetingId: string): string {
  return `agenda-${meetingId}`;
}

export interface AgendaItemSnapshot {
  docItemId: string;
  title: string;
  /** One of PARTIES, or '' when no party presents the item. */
  party: Party | '';
  minutes: number;
  notes: string;
  links: string[];
  order: number;
}

/**
 * An item's fields when it is an object with an id of 1–64 characters; null otherwise. Checked by
 * hand, not with a zod schema: the meeting page reads agendas too, and would otherwise carry zod.
 */
function itemFields(raw: unknown): (Record<string, unknown> & { id: string }) | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const fields = raw as Record<string, unknown>;
  return typeof fields.id === 'string' && fields.id.length >= 1 && fields.id.length <= 64 ? (fields as Record<string, unknown> & { id: string }) : null;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * The agenda items of a document's JSON (`doc.getArray('items').toJSON()`), sorted by position.
 * Items written by a misbehaving client (no id, duplicate id) are skipped rather than trusted.
 */
export function readAgendaSnapshot(itemsJson: unknown): AgendaItemSnapshot[] {
  if (!Array.isArray(itemsJson)) return [];
  const seen = new Set<string>();
  const out: Array<AgendaItemSnapshot & { index: number }> = [];
  itemsJson.forEach((raw, index) => {
    const d = itemFields(raw);
    if (!d || seen.has(d.id)) return;
    seen.add(d.id);
    const minutes = typeof d.minutes === 'number' && Number.isFinite(d.minutes) ? Math.max(0, Math.min(600, Math.round(d.minutes))) : 0;
    const party = PARTIES.find((p) => p === d.party) ?? '';
    out.push({
      docItemId: d.id,
      title: text(d.title, 200).trim(),
      party,
      minutes,
      notes: text(d.notes, 20_000),
      links: Array.isArray(d.links) ? d.links.filter((l): l is string => typeof l === 'string').slice(0, 50) : [],
      order: typeof d.order === 'number' && Number.isFinite(d.order) ? d.order : index,
      index,
    });
  });
  out.sort((a, b) => a.order - b.order || a.index - b.index);
  return out.map(({ index: _index, ...item }) => item);
}

/** A position between two neighbours (either may be missing: first or last place). */
export function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}
