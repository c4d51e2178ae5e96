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
import { z } from 'zod';
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

const itemSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.unknown().optional(),
  party: z.unknown().optional(),
  minutes: z.unknown().optional(),
  order: z.unknown().optional(),
  notes: z.unknown().optional(),
  links: z.unknown().optional(),
});

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
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success || seen.has(parsed.data.id)) return;
    seen.add(parsed.data.id);
    const d = parsed.data;
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
