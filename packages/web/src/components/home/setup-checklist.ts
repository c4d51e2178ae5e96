/**
 * "开始使用": the four steps that take a fresh installation to residents using it — add communities
 * and compounds, import each compound's roster, grant its station team, print its activation letters
 * — each ticked when done, read from what the API already says (the places tree, each compound's
 * overview and activation status). A compound found complete is remembered on this device, so once
 * everything is set up the home page asks for the places tree only, and the card disappears.
 */
import { activationEndpoints, compoundEndpoints, placeEndpoints, type PlacesTree } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { YishiElement } from '../base/yishi-element.js';

interface Progress {
  id: string;
  name: string;
  /** Units on the roster. */
  units: number;
  /** People on the station team (chief and deputies). */
  station: number;
  /** Buildings whose letters are printed (or everyone there is activated), of all buildings. */
  buildingsPrinted: number;
  buildings: number;
}

const READY_KEY = 'yishi.setup.ready';

function remembered(): Set<string> {
  try {
    const ids = JSON.parse(localStorage.getItem(READY_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function remember(ids: Set<string>): void {
  try {
    localStorage.setItem(READY_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage off: the checklist asks the server again next time.
  }
}

const rosterDone = (p: Progress) => p.units > 0;
const staffDone = (p: Progress) => p.station > 0;
const lettersDone = (p: Progress) => p.buildings > 0 && p.buildingsPrinted === p.buildings;
const ready = (p: Progress) => rosterDone(p) && staffDone(p) && lettersDone(p);

async function progressOf(compound: { id: string; name: string }, signal: AbortSignal): Promise<Progress> {
  const params = { compoundId: compound.id };
  const overview = await api.call(compoundEndpoints.overview, { params, signal });
  const progress: Progress = {
    id: compound.id,
    name: compound.name,
    units: overview.stats.units,
    station: overview.station.length,
    buildingsPrinted: 0,
    buildings: 0,
  };
  if (progress.units === 0) return progress;
  const activation = await api.call(activationEndpoints.status, { params, signal });
  progress.buildings = activation.buildings.length;
  progress.buildingsPrinted = activation.buildings.filter((b) => b.lastPrintedAt !== null || b.activated >= b.households).length;
  return progress;
}

@customElement('yishi-setup-checklist')
export class SetupChecklist extends YishiElement {
  static override styles = [
    YishiElement.styles,
    tagStyles,
    css`
      :host {
        margin-bottom: var(--yishi-gap);
      }
      .checklist {
        border: 2px solid var(--yishi-brand);
      }
      h2 {
        margin-top: 0;
      }
      ol.steps {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .step {
        display: grid;
        grid-template-columns: 2.25rem 1fr;
        gap: 0 0.75rem;
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .mark {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 2.25rem;
        height: 2.25rem;
        border-radius: 50%;
        border: 2px solid var(--yishi-brand);
        color: var(--yishi-brand);
        font-weight: 700;
      }
      .step.done .mark {
        background: var(--yishi-ok-text);
        border-color: var(--yishi-ok-text);
        color: var(--yishi-surface);
      }
      .step-title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
        margin: 0.2rem 0 0.25rem;
        font-size: 1.05rem;
        font-weight: 600;
      }
      .step p {
        margin: 0;
      }
      ul.compounds {
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
      }
      ul.compounds li {
        display: grid;
        grid-template-columns: 1.25em 1fr;
        align-items: center;
        gap: 0 0.4rem;
        min-height: var(--yishi-tap);
      }
    `,
  ];

  /** The places tree and the progress of the compounds not yet remembered as ready. */
  private readonly data = new LoadController(this, (signal) => this.load(signal));

  private async load(signal: AbortSignal): Promise<{ places: PlacesTree; progress: Map<string, Progress> }> {
    const places = await api.call(placeEndpoints.tree, { signal });
    const compounds = places.subdistricts.flatMap((s) => s.communities.flatMap((c) => c.compounds));
    const known = remembered();
    const pending = compounds.filter((c) => !known.has(c.id));
    const found = await Promise.all(pending.map((c) => progressOf(c, signal)));
    for (const p of found) if (ready(p)) known.add(p.id);
    remember(known);
    return { places, progress: new Map(found.map((p) => [p.id, p])) };
  }

  override render() {
    // The checklist is a convenience: while it loads, or if it cannot, the home page works without it.
    const loaded = this.data.status === 'ready' ? this.data.value : undefined;
    if (!loaded) return nothing;
    const { places, progress } = loaded;
    const compounds = places.subdistricts.flatMap((s) => s.communities.flatMap((c) => c.compounds));
    // Compounds remembered as ready are not asked about again.
    const open = compounds.map((c) => progress.get(c.id)).filter((p): p is Progress => p !== undefined);
    if (compounds.length > 0 && open.length === 0) return nothing;
    const communities = places.subdistricts.reduce((n, s) => n + s.communities.length, 0);
    const placesDone = compounds.length > 0;
    return html`<section class="card checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">${t('admin.checklist.heading')}</h2>
      <p class="muted">${t('admin.checklist.intro')}</p>
      <ol class="steps">
        ${this.step(
          1,
          placesDone,
          html`<a class="tap-link" href="/admin/places">${t('admin.checklist.places')}</a>`,
          html`<p class="muted">
            ${placesDone ? t('admin.checklist.placesDone', { communities, compounds: compounds.length }) : t('admin.checklist.placesTodo')}
          </p>`,
        )}
        ${this.step(
          2,
          placesDone && open.every(rosterDone),
          t('admin.checklist.roster'),
          this.perCompound(open, rosterDone, (p) => [
            `/compounds/${encodeURIComponent(p.id)}/roster`,
            rosterDone(p) ? t('admin.checklist.rosterDone', { units: p.units }) : t('admin.checklist.rosterTodo'),
          ]),
        )}
        ${this.step(
          3,
          placesDone && open.every(staffDone),
          html`<a class="tap-link" href="/staff">${t('admin.checklist.staff')}</a>`,
          this.perCompound(open, staffDone, (p) => [
            `/staff?place=${encodeURIComponent(`compound:${p.id}`)}`,
            staffDone(p) ? t('admin.checklist.staffDone', { count: p.station }) : t('admin.checklist.staffTodo'),
          ]),
        )}
        ${this.step(
          4,
          placesDone && open.every(lettersDone),
          t('admin.checklist.letters'),
          this.perCompound(open, lettersDone, (p) => [
            `/compounds/${encodeURIComponent(p.id)}/activation`,
            p.buildings === 0
              ? t('admin.checklist.lettersAfterRoster')
              : lettersDone(p)
                ? t('admin.checklist.lettersDone')
                : t('admin.checklist.lettersTodo', { printed: p.buildingsPrinted, buildings: p.buildings }),
          ]),
        )}
      </ol>
    </section>`;
  }

  private step(n: number, done: boolean, title: unknown, detail: unknown) {
    return html`<li class=${done ? 'step done' : 'step'} data-step=${n}>
      <span class="mark" aria-hidden="true">${done ? '✓' : n}</span>
      <div>
        <p class="step-title">
          <span class="visually-hidden">${t('admin.checklist.stepNumber', { n })}</span>${title}
          <span class=${done ? 'tag ok' : 'tag waiting'}>${done ? t('admin.checklist.done') : t('admin.checklist.todo')}</span>
        </p>
        ${detail}
      </div>
    </li>`;
  }

  private perCompound(open: Progress[], done: (p: Progress) => boolean, link: (p: Progress) => [string, string]) {
    if (open.length === 0) return html`<p class="muted">${t('admin.checklist.afterPlaces')}</p>`;
    return html`<ul class="compounds">
      ${open.map((p) => {
        const [href, words] = link(p);
        return html`<li>
          <span aria-hidden="true">${done(p) ? '✓' : '○'}</span>
          <a class="tap-link" href=${href}>${t('admin.checklist.compoundLine', { name: p.name, words })}</a>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-setup-checklist': SetupChecklist;
  }
}
