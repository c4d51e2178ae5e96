/**
 * An agenda item's linked concerns and proposals (关联的诉求/提案): each a chip with its kind and title,
 * a link to its page, and — where the agenda can be edited — a remove button; and a picker that lists
 * the compound's concerns and proposals to search by title. Nobody types or knows an id.
 *
 * The element edits nothing itself: it fires `agenda-link-add` and `agenda-link-remove` (detail: the
 * link) for the live editor to write into the shared document. What was written before the picker
 * existed is shown as it is (free text as its text, an address as a link), and a link whose concern
 * or proposal cannot be found says so: nothing written is dropped from view.
 *
 * Used by the live editor and, read-only, by the frozen agenda (agenda-outcomes.ts).
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { MAX_LINKS, linkOptions, parseAgendaLink, titleOf, type LinkKind, type LinkOptions, type TargetTitle } from './agenda-link-targets.js';

/** At most this many choices are drawn at once: the search narrows the rest. */
const SHOWN = 30;

let nextId = 0;

@customElement('yishi-agenda-links')
export class AgendaLinks extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .heading {
        font-weight: 600;
        margin: 0.75rem 0 0.25rem;
      }
      .link-chips {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        padding: 0;
        margin: 0.25rem 0 0.5rem;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        max-width: 100%;
        min-height: var(--yishi-tap);
        border: 1px solid var(--yishi-border);
        /* Round at one line, not an oval when a long title wraps. */
        border-radius: 1.4rem;
        background: var(--yishi-background);
        padding-left: 0.85rem;
      }
      .chip:not(:has(button)) {
        padding-right: 0.85rem;
      }
      .chip-text {
        overflow-wrap: anywhere;
        padding: 0.25rem 0;
      }
      .gone {
        color: var(--yishi-muted);
      }
      .chip button {
        flex: none;
        min-width: var(--yishi-tap);
        min-height: var(--yishi-tap);
        border: 0;
        border-radius: 999px;
        background: none;
        font: inherit;
        font-size: 1.25rem;
        color: var(--yishi-danger-text);
        cursor: pointer;
      }
      .panel {
        margin-top: 0.5rem;
        padding: 0.75rem;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
      }
      .options {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0;
        max-height: 20rem;
        overflow-y: auto;
        border-top: 1px solid var(--yishi-border);
      }
      .option {
        display: block;
        width: 100%;
        min-height: var(--yishi-tap);
        padding: 0.4rem 0.25rem;
        border: 0;
        border-bottom: 1px solid var(--yishi-border);
        background: none;
        font: inherit;
        color: inherit;
        text-align: left;
        cursor: pointer;
      }
      .option:hover:not(:disabled) {
        background: var(--sl-color-primary-50);
      }
      .option:disabled {
        color: var(--yishi-muted);
        cursor: default;
      }
      .kind {
        font-weight: 700;
        margin-right: 0.35rem;
      }
      .problem {
        color: var(--yishi-danger-text);
      }
    `,
  ];

  @property({ attribute: false }) links: readonly string[] = [];
  @property() compoundId = '';
  /** Chips get a remove button, and the picker is offered. */
  @property({ type: Boolean }) editable = false;
  /** Whose links these are, for the list's and buttons' names ("议题 1"). */
  @property() label = '';

  @state() private titles = new Map<string, TargetTitle>();
  @state() private open = false;
  @state() private query = '';
  @state() private found: LinkOptions | null = null;
  /** Words for a screen reader after a pick or a removal. */
  @state() private said = '';
  private readonly ids = `agenda-links-${++nextId}`;
  private searchSeq = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** After a removal, the place in the list whose remove button takes the keyboard. */
  private focusAfterRemoval: number | null = null;

  /** The links once each, in their order (two members picking the same one at once write it twice). */
  private unique(): string[] {
    return [...new Set(this.links)];
  }

  /** The links whose titles were last asked for (the editor hands a new array on every change of the agenda). */
  private asked = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const asking = this.unique().join('\n');
    if (!changed.has('links') || asking === this.asked) return;
    this.asked = asking;
    for (const link of this.unique()) {
      const parsed = parseAgendaLink(link);
      if (parsed.kind !== 'concern' && parsed.kind !== 'proposal') continue;
      const shown = this.titles.get(link);
      if (shown && shown.state !== 'unknown') continue;
      void titleOf(link, parsed.kind, parsed.id).then((title) => {
        this.titles = new Map(this.titles).set(link, title);
      });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('links') && this.focusAfterRemoval !== null) {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.chip button')];
      const next = buttons[Math.min(this.focusAfterRemoval, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLButtonElement>('.pick');
      this.focusAfterRemoval = null;
      next?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private kindLabel(kind: LinkKind): string {
    return t(`agenda.linkKind.${kind}`);
  }

  /** What a chip says, as text: its kind and title, or that it is gone. */
  private chipName(link: string): string {
    const parsed = parseAgendaLink(link);
    if (parsed.kind === 'text') return parsed.text;
    if (parsed.kind === 'url') return parsed.href;
    const title = this.titles.get(link);
    if (title?.state === 'found') return t('agenda.linkTitled', { kind: this.kindLabel(parsed.kind), title: title.title });
    if (title?.state === 'missing') return `${this.kindLabel(parsed.kind)} ${parsed.id}${t('agenda.linkMissing')}`;
    return `${this.kindLabel(parsed.kind)} ${parsed.id}${title ? t('agenda.linkUnknown') : ''}`;
  }

  /** The remove button's name: what it takes away. */
  private removeLabel(link: string, name: string): string {
    const parsed = parseAgendaLink(link);
    const title = this.titles.get(link);
    return (parsed.kind === 'concern' || parsed.kind === 'proposal') && title?.state === 'found'
      ? t('agenda.linkRemoveTitled', { kind: this.kindLabel(parsed.kind), title: title.title })
      : t('agenda.linkRemove', { name });
  }

  private removeLink(link: string, index: number): void {
    this.focusAfterRemoval = index;
    this.said = t('agenda.linkRemoved', { name: this.chipName(link) });
    this.dispatchEvent(new CustomEvent<string>('agenda-link-remove', { detail: link, bubbles: true, composed: true }));
  }

  private async pick(link: string, kind: LinkKind, title: string): Promise<void> {
    this.dispatchEvent(new CustomEvent<string>('agenda-link-add', { detail: link, bubbles: true, composed: true }));
    this.titles = new Map(this.titles).set(link, { state: 'found', title });
    this.said = t('agenda.linkAdded', { kind: this.kindLabel(kind), title });
    await this.close();
  }

  private async toggle(): Promise<void> {
    if (this.open) return this.close();
    this.open = true;
    this.search(this.query, 0);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  private async close(): Promise<void> {
    this.open = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.pick')?.focus();
  }

  /** Reads the choices for `query` after `delay` ms (typing waits for a pause); only the latest answer is shown. */
  private search(query: string, delay = 250): void {
    this.query = query;
    clearTimeout(this.searchTimer);
    const seq = ++this.searchSeq;
    this.searchTimer = setTimeout(() => {
      void linkOptions(this.compoundId, query).then((found) => {
        if (seq === this.searchSeq) this.found = found;
      });
    }, delay);
  }

  override render() {
    const links = this.unique();
    return html`
      <p class="heading">${t('agenda.links')}</p>
      ${
        links.length > 0
          ? html`<ul class="link-chips" aria-label=${`${this.label} ${t('agenda.links')}`}>
              ${links.map((link, index) => this.renderChip(link, index))}
            </ul>`
          : html`<p class="muted link-chips">${t('agenda.linkNone')}</p>`
      }
      ${this.editable ? this.renderPicker(links) : nothing}
      <p class="visually-hidden" role="status">${this.said}</p>
    `;
  }

  private renderChip(link: string, index: number) {
    const parsed = parseAgendaLink(link);
    const name = this.chipName(link);
    let text;
    if (parsed.kind === 'text') text = html`<span class="chip-text">${parsed.text}</span>`;
    else if (parsed.kind === 'url') text = html`<a class="chip-text" href=${parsed.href} target="_blank" rel="noopener noreferrer">${parsed.href}</a>`;
    else if (this.titles.get(link)?.state === 'missing') text = html`<span class="chip-text gone">${name}</span>`;
    else text = html`<a class="chip-text" href=${parsed.href}>${name}</a>`;
    return html`<li class="chip">
      ${text}
      ${
        this.editable
          ? html`<button type="button" aria-label=${this.removeLabel(link, name)} @click=${() => this.removeLink(link, index)}>
              <span aria-hidden="true">×</span>
            </button>`
          : nothing
      }
    </li>`;
  }

  private renderPicker(links: string[]) {
    const panel = `${this.ids}-panel`;
    return html`<button
        type="button"
        class="button pick"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${panel}
        @click=${() => void this.toggle()}
      >
        ${t('agenda.linkPick')}
      </button>
      ${
        this.open
          ? html`<div class="panel" id=${panel} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && void this.close()}>
              <div class="field">
                <label class="label" for=${`${this.ids}-search`}>${t('agenda.linkSearch')}</label>
                <input
                  class="input"
                  id=${`${this.ids}-search`}
                  type="search"
                  maxlength="60"
                  autocomplete="off"
                  .value=${this.query}
                  @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)}
                />
              </div>
              ${links.length >= MAX_LINKS ? html`<p class="problem" role="alert">${t('agenda.linkFull', { max: MAX_LINKS })}</p>` : nothing}
              ${this.renderChoices(new Set(links), links.length >= MAX_LINKS)}
              <button type="button" class="button" @click=${() => void this.close()}>${t('agenda.linkClose')}</button>
            </div>`
          : nothing
      }`;
  }

  private renderChoices(linked: ReadonlySet<string>, full: boolean) {
    const found = this.found;
    if (!found) return html`<p class="muted" role="status">${t('agenda.linkLoading')}</p>`;
    const query = this.query.trim();
    return html`${found.problems.map((p) => html`<p class="problem" role="alert">${t('agenda.linkListFailed', { kind: this.kindLabel(p.kind), message: p.message })}</p>`)}
    ${
      found.options.length === 0 && found.problems.length === 0
        ? html`<p class="muted" role="status">${query ? t('agenda.linkNoMatch', { query }) : t('agenda.linkNoneInCompound')}</p>`
        : html`<ul class="options">
            ${found.options.slice(0, SHOWN).map(
              (o) =>
                html`<li>
                  <button type="button" class="option" ?disabled=${linked.has(o.link) || full} @click=${() => void this.pick(o.link, o.kind, o.title)}>
                    <span class="kind">${this.kindLabel(o.kind)}</span> ${o.title}${linked.has(o.link) ? t('agenda.linkLinked') : ''}
                  </button>
                </li>`,
            )}
          </ul>`
    }
    ${found.options.length > SHOWN || found.more ? html`<p class="muted">${t('agenda.linkMore')}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-agenda-links': AgendaLinks;
  }
}
