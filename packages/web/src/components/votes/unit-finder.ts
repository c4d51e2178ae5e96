/**
 * Finding a unit of the roll by typing its number, then choosing it — the paper-ballot and the
 * in-person proxy forms on the management page share it. The server searches the roll (the roll
 * endpoint's `q`, at most 50 matches): a 10,000-unit roll never travels to the phone. The caller keeps
 * what was typed and chosen. Native fields (native-field.ts): the host adds nativeFieldStyles.
 */
import { voteEndpoints, type RollEntry, type VoteView } from '@yishi/core';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { api } from '../../api/client.js';
import { t } from '../../i18n.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

/** Matches listed at most: typing more of the number narrows them. */
const MATCHES = 50;

/**
 * The roll entries matching what was typed, read again when the vote's view is (the page's live
 * refresh: a unit that just voted drops out of the paper form's list) and shortly after typing stops.
 */
export class RollFinder implements ReactiveController {
  matches: RollEntry[] = [];
  private typed = '';
  private lastView: VoteView | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly view: () => VoteView | null,
    /** Whether the form that needs the finder is shown for this vote (nothing is read otherwise). */
    private readonly shown: (view: VoteView) => boolean,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const view = this.view();
    if (view === this.lastView) return;
    this.lastView = view;
    if (view && this.shown(view)) void this.read(view.vote.id);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.generation++;
    this.lastView = null;
  }

  search(typed: string): void {
    this.typed = typed.trim();
    clearTimeout(this.timer);
    const voteId = this.lastView?.vote.id;
    if (voteId) this.timer = setTimeout(() => void this.read(voteId), 250);
  }

  find(voterKey: string): RollEntry | undefined {
    return this.matches.find((e) => e.voterKey === voterKey);
  }

  private async read(voteId: string): Promise<void> {
    const generation = ++this.generation;
    try {
      const page = await api.call(voteEndpoints.roll, { params: { voteId }, query: { q: this.typed || undefined, limit: MATCHES } });
      if (generation !== this.generation) return;
      this.matches = page.items;
      this.host.requestUpdate();
    } catch {
      // The last matches stay; the next keystroke or refresh asks again.
    }
  }
}

export interface UnitFinder {
  finder: RollFinder;
  /** Which entries may be chosen (units not voted yet, units of owners …). */
  eligible: (entry: RollEntry) => boolean;
  /** The select's id and name: the field a refusal names (focusControl finds it by it); the search box is `${name}-search`. */
  name: string;
  search: string;
  unit: string;
  label: string;
  error: string | undefined;
  onSearch: (typed: string) => void;
  onChoose: (voterKey: string) => void;
}

/**
 * The search box and the select of the matching units. The select shows "—" until a unit is chosen,
 * and again when the chosen one is no longer among the matches (typed away, or it just voted): what
 * the form sends is what the select shows, so read it from the select (`chosenUnit`).
 */
export function unitFinder(f: UnitFinder) {
  const matches = f.finder.matches.filter(f.eligible);
  const search = `${f.name}-search`;
  return html`${nativeField(
    search,
    t('paper.search'),
    html`<input
      class="input"
      id=${search}
      type="text"
      autocomplete="off"
      spellcheck="false"
      enterkeyhint="search"
      .value=${live(f.search)}
      @input=${(e: Event) => {
        const typed = (e.target as HTMLInputElement).value;
        f.finder.search(typed);
        f.onSearch(typed);
      }}
    />`,
  )}
  ${nativeField(
    f.name,
    f.label,
    html`<select
      class="input"
      id=${f.name}
      name=${f.name}
      required
      @change=${(e: Event) => f.onChoose((e.target as HTMLSelectElement).value)}
      ${fieldProblem(f.name, f.error)}
    >
      <option value="" .selected=${!matches.some((e) => e.voterKey === f.unit)}>—</option>
      ${matches.map((e) => html`<option value=${e.voterKey} .selected=${e.voterKey === f.unit}>${e.label}</option>`)}
    </select>`,
    f.error,
  )}`;
}

/** The unit the finder's select shows ('' when none), in `root` (the form). */
export function chosenUnit(root: ParentNode, name: string): string {
  return root.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value ?? '';
}
