/**
 * Finding a unit of the roll by typing its number, then choosing it — the paper-ballot and the
 * in-person proxy forms on the management page share it. The server searches the roll (the roll
 * endpoint's `q`, at most 50 matches): a 10,000-unit roll never travels to the phone. The caller keeps
 * what was typed and chosen.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import { voteEndpoints, type RollEntry, type VoteView } from '@yishi/core';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { api } from '../../api/client.js';
import { t } from '../../i18n.js';

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
  search: string;
  unit: string;
  label: string;
  error: string | undefined;
  onSearch: (typed: string) => void;
  onChoose: (voterKey: string) => void;
}

export function unitFinder(f: UnitFinder) {
  const matches = f.finder.matches.filter(f.eligible);
  return html`<sl-input
      size="large"
      label=${t('paper.search')}
      .value=${f.search}
      @sl-input=${(e: Event) => {
        const typed = (e.target as HTMLInputElement).value;
        f.finder.search(typed);
        f.onSearch(typed);
      }}
    ></sl-input>
    <sl-select
      size="large"
      name="unit"
      label=${f.label}
      value=${f.unit}
      placeholder="—"
      hoist
      required
      help-text=${f.error ?? ''}
      @sl-change=${(e: Event) => f.onChoose((e.target as HTMLSelectElement).value as string)}
    >
      ${matches.map((e) => html`<sl-option value=${e.voterKey}>${e.label}</sl-option>`)}
    </sl-select>`;
}
