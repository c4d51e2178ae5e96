/**
 * The turnout navigator (走访动员) for a vote's organisers and building heads: how far the vote is
 * from its participation threshold ("还差 37 人 / 2,150.00 ㎡"), then building by building the units
 * not yet voted — opened one building at a time, so a compound of 10,000 units loads what is looked
 * at — and the visiting list to download or print. Refreshed every 15 s while the page is visible,
 * and at once when it becomes visible again; never a choice, nor when or how anyone voted. Its
 * buttons and the order's select are native: a building head opens it on a phone, in the stairwell.
 */
import {
  endpointUrl,
  formatAreaGrouped,
  groupMissingPages,
  navigatorEndpoints,
  type Navigator,
  type NavigatorBuildingView,
  type NavigatorMissing,
  type NavigatorMissingPage,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type ApiError } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderError, renderLoad, renderLoading } from '../../components/common/load-state.js';
import { buildingBar, navigatorStyles, renderGauge, renderPrintList, renderUnit } from '../../components/votes/navigator-parts.js';
import { voteStyles } from '../../components/votes/vote-styles.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

const REFRESH_MS = 15_000;
type Group = NavigatorMissing['buildings'][number];
/** A building's key in the page's maps: its id, or '' for persons whose home building is unknown. */
const keyOf = (b: { id: string | null }): string => b.id ?? '';

@customElement('yishi-vote-navigator-page')
export class VoteNavigatorPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    voteStyles,
    navigatorStyles,
    buttonStyles,
    nativeFieldStyles,
    css`
      details.building {
        margin-bottom: 0.5rem;
      }
      details.building > summary {
        display: block;
        min-height: var(--yishi-tap);
        padding: 0.25rem 0;
        cursor: pointer;
        list-style: none;
      }
      details.building > summary::-webkit-details-marker {
        display: none;
      }
      details.building > summary::before {
        content: '▸ ';
        color: var(--yishi-brand);
      }
      details.building[open] > summary::before {
        content: '▾ ';
      }
      .building-name {
        font-weight: 700;
        font-size: 1.1rem;
      }
      .sort {
        max-width: 20rem;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** The latest figures from a refresh (the first come from `load`). */
  @state() private live: Navigator | null = null;
  @state() private sort: 'name' | 'area' = 'name';
  @state() private open = new Set<string>();
  @state() private groups = new Map<string, Group | ApiError | 'loading'>();
  @state() private printList: NavigatorMissing | null = null;
  @state() private printing = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly load = new LoadController(
    this,
    (signal) => api.call(navigatorEndpoints.summary, { params: { voteId: this.voteId }, signal }),
    () => [this.params.voteId, currentLocale()],
  );
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  private get voteId(): string {
    return this.params.voteId ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
  }

  /** Reads the figures again without a spinner, and the unit lists that are open; a failure keeps what is shown. */
  private async refresh(): Promise<void> {
    const shown = this.live ?? this.load.value;
    if (!shown || shown.vote.status !== 'open') return;
    try {
      this.live = await api.call(navigatorEndpoints.summary, { params: { voteId: this.voteId } });
      await Promise.all([...this.open].map((key) => this.loadGroup(key)));
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }

  private async loadGroup(key: string): Promise<void> {
    if (!this.groups.has(key)) this.groups = new Map(this.groups).set(key, 'loading');
    let value: Group | ApiError;
    try {
      const list = await this.readMissing(key || undefined);
      value = list.buildings.find((b) => keyOf(b) === key) ?? { id: key || null, name: '', units: [] };
    } catch (error) {
      value = error as ApiError;
    }
    this.groups = new Map(this.groups).set(key, value);
  }

  /**
   * The units not yet voted of one building (or, to print, all the reader may see), page after page:
   * each answer stays small, and an open building holds only its own units.
   */
  private async readMissing(buildingId: string | undefined): Promise<NavigatorMissing> {
    const pages: NavigatorMissingPage[] = [];
    let after: string | undefined;
    do {
      const page = await api.call(navigatorEndpoints.missing, { params: { voteId: this.voteId }, query: { buildingId, after, limit: 200 } });
      pages.push(page);
      after = page.next ?? undefined;
    } while (after);
    return groupMissingPages(pages);
  }

  private toggle(key: string, event: Event): void {
    const isOpen = (event.currentTarget as HTMLDetailsElement).open;
    const open = new Set(this.open);
    if (isOpen) open.add(key);
    else open.delete(key);
    this.open = open;
    if (isOpen && !(this.groups.get(key) && this.groups.get(key) !== 'loading')) void this.loadGroup(key);
  }

  private async print(): Promise<void> {
    this.printing = true;
    try {
      this.printList = await this.readMissing(undefined);
      await this.updateComplete;
      window.print();
    } finally {
      this.printing = false;
    }
  }

  override render() {
    // A refresh shows newer figures than the first load; a reload (another language) newer than the last refresh.
    return renderLoad(this.load, (first) =>
      this.renderNavigator(this.live && this.live.vote.id === first.vote.id && this.live.asOf > first.asOf ? this.live : first),
    );
  }

  private renderNavigator(nav: Navigator) {
    const buildings = [...nav.buildings];
    if (this.sort === 'area') buildings.sort((a, b) => b.missingAreaCenti - a.missingAreaCenti || b.missingHeads - a.missingHeads);
    const fileUrl = (endpoint: typeof navigatorEndpoints.visitingListCsv | typeof navigatorEndpoints.visitingListXlsx, buildingId?: string) =>
      endpointUrl(endpoint, { params: { voteId: nav.vote.id }, query: { buildingId } });
    return html`<div class="screen-only">
        <h1>${t('nav.heading', { title: nav.vote.title })}</h1>
        <p class="lead">${t('nav.intro')}</p>
        ${nav.scope === 'own' ? html`<p><strong>${t('nav.scopeOwn')}</strong></p>` : nothing}
        <section class="card" aria-labelledby="nav-gauge">
          <h2 id="nav-gauge" class="visually-hidden">${t('nav.gauge')}</h2>
          ${renderGauge(nav.gauge)}
          <p class="muted">${nav.vote.status === 'open' ? t('nav.asOf', { time: formatDateTime(nav.asOf) }) : t('nav.asOfClosed')}</p>
          <div class="actions">
            ${nav.vote.status === 'open' ? html`<button type="button" class="button" @click=${() => void this.refresh()}>${t('nav.refresh')}</button>` : nothing}
            <a class="link-button" href=${`/votes/${nav.vote.id}`}>${t('nav.backToVote')}</a>
            ${nav.scope === 'all' ? html`<a class="link-button" href=${`/votes/${nav.vote.id}/manage`}>${t('nav.manage')}</a>` : nothing}
          </div>
        </section>

        <h2>${t('nav.exportHeading')}</h2>
        <p class="muted">${t('nav.exportHelp')}</p>
        <div class="actions">
          <a class="link-button primary" href=${fileUrl(navigatorEndpoints.visitingListXlsx)} download>${t('nav.exportXlsx')}</a>
          <a class="link-button" href=${fileUrl(navigatorEndpoints.visitingListCsv)} download>${t('nav.exportCsv')}</a>
          <button type="button" class="button" ?disabled=${this.printing} aria-busy=${this.printing ? 'true' : 'false'} @click=${() => void this.print()}>
            ${t('nav.print')}
          </button>
        </div>

        <h2>${t('nav.buildings')}</h2>
        ${nav.vote.electorateKind === 'owners' ? html`<p class="muted">${t('nav.buildingsHelp')}</p>` : nothing}
        <div class="field sort">
          <label class="label" for="sort">${t('nav.sort')}</label>
          <select class="input" id="sort" name="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as 'name' | 'area')}>
            <option value="name" ?selected=${this.sort === 'name'}>${t('nav.sortName')}</option>
            <option value="area" ?selected=${this.sort === 'area'}>${t('nav.sortArea')}</option>
          </select>
        </div>
        ${buildings.map((b) => this.renderBuilding(nav, b, fileUrl(navigatorEndpoints.visitingListXlsx, b.id ?? undefined)))}
      </div>
      ${this.printList ? renderPrintList(nav.vote.title, this.printList, nav.asOf) : nothing}`;
  }

  private renderBuilding(nav: Navigator, b: NavigatorBuildingView, xlsxUrl: string) {
    const key = keyOf(b);
    const line =
      nav.vote.electorateKind === 'residents'
        ? t('nav.pollLine', { voted: b.voted, voters: b.voters })
        : b.voted === b.voters
          ? t('nav.buildingDone', { voted: b.voted, voters: b.voters })
          : t('nav.buildingLine', { voted: b.voted, voters: b.voters, heads: b.missingHeads, area: formatAreaGrouped(b.missingAreaCenti) });
    return html`<details class="card building" ?open=${this.open.has(key)} @toggle=${(e: Event) => this.toggle(key, e)}>
      <summary><span class="building-name">${b.name}</span> · ${line} ${buildingBar(b.voted, b.voters)}</summary>
      ${this.open.has(key) ? this.renderUnits(b, xlsxUrl) : nothing}
    </details>`;
  }

  private renderUnits(b: NavigatorBuildingView, xlsxUrl: string) {
    const group = this.groups.get(keyOf(b));
    if (!group || group === 'loading') return renderLoading();
    if (group instanceof Error) return renderError(group.message, () => void this.loadGroup(keyOf(b)));
    return html`<h3>${t('nav.units', { building: b.name })}</h3>
      ${
        group.units.length === 0
          ? html`<p>${t('nav.noneMissing')}</p>`
          : html`<ul class="units">
              ${group.units.map((u) => renderUnit(u))}
            </ul>`
      }
      ${
        b.id && group.units.length > 0
          ? html`<div class="actions"><a class="link-button" href=${xlsxUrl} download>${t('nav.exportBuilding', { building: b.name })}</a></div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-navigator-page': VoteNavigatorPage;
  }
}
