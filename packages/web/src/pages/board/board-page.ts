/**
 * The compound's public notice board (公示栏): no login, reached from a QR code or a group-chat
 * link. It renders every section registered in board-sections.ts, each fed by its own feature.
 * It also prints, for the physical board: A4, without the app's header or buttons, ending with a
 * QR code to the live board and the time it was printed.
 */
import { boardEndpoints, endpointUrl, type BoardSummary } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { publicUrl } from '../../api/public-url.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderEmpty, renderError, renderLoading } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import type { BoardSection } from './board-sections.js';

type SectionElement = HTMLElement & { compoundId?: string };

/** Resolves in the next task (what runs now finishes first). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const inNextTask = <T>(ask: () => Promise<T>) => nextTask().then(ask);

/**
 * The sections' code (every section of the board, in one chunk) is asked for as soon as this page's
 * code has run, not imported with it: the heading and the introduction paint without waiting for it
 * (they were the board's largest paint, about half a second later), and it arrives while the
 * summary is on its way. Asked again after a failure (a dropped connection), not before. In the task
 * after this module's: asking starts with Vite's preload of the chunk's files, a link element each
 * (22), 40 ms of the page's first task at 4x slowdown.
 */

let sectionsCode = inNextTask(() => import('./board-sections.js'));
sectionsCode.catch(() => undefined); // a failure is met (and the code asked for again) when the sections are made
const loadSectionsCode = () => sectionsCode.catch(() => (sectionsCode = import('./board-sections.js')));

/** At most this long the board waits for its slowest section before showing them all. */
const REVEAL_WAIT_MS = 5000;

/** Resolves in a task after the next frame is drawn (so what changed before it has been laid out and painted). */
const afterNextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())).then(nextTask);

@customElement('yishi-board-page')
export class BoardPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      /* The place line keeps its height while the board loads, so the words below do not jump. */
      .place {
        min-height: calc(var(--yishi-line) * 1em);
      }
      .sections[hidden],
      .sections > [hidden] {
        display: none !important;
      }
      .sections {
        display: grid;
        /* minmax(0, …): a wide table inside a section scrolls within it instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 1.25rem;
      }
      /*
       * A section below the first screen is not laid out or painted until it is scrolled near: on a
       * phone the reveal of all sections at once was one long task, most of it laying out text nobody
       * saw yet. A section keeps the height it last had once seen (the auto of its intrinsic size).
       */
      @media screen {
        .sections > * {
          content-visibility: auto;
          contain-intrinsic-size: auto 28rem;
        }
      }
      .printed {
        display: none;
        align-items: center;
        gap: 0.75rem;
        border-top: 1px solid #000;
        padding-top: 0.4rem;
        margin-top: 0.8rem;
        font-size: 0.875rem;
        break-inside: avoid;
      }
      .printed img {
        width: 22mm;
        height: 22mm;
      }
      /* The board printed for the physical 公示栏 (A4, see app.css): no buttons, compact, a QR code to the live board. */
      @media print {
        .no-print {
          display: none !important;
        }
        .printed {
          display: flex;
        }
        h1 {
          font-size: 1.4rem;
          margin-bottom: 0.2rem;
        }
        .lead {
          margin-bottom: 0.4rem;
        }
        /* Two columns on A4 (cards never break across them): the board fits on a few sheets. */
        .sections {
          display: block;
          columns: 2;
          column-gap: 7mm;
        }
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  /** The compound's name and place (so a visitor from a QR code knows whose board this is), drawn as soon as they come. */
  private readonly summary = new LoadController(
    this,
    async (signal) => {
      const [summary, base] = await Promise.all([api.call(boardEndpoints.summary, { params: { compoundId: this.compoundId }, signal }), publicUrl()]);
      return { summary, base };
    },
    () => [this.compoundId],
  );

  /** The sections, made once the summary is there and their code too (makeSections); null until then. */
  @state() private sections: SectionElement[] | null = null;
  @state() private sectionsFailed = false;
  /** How many of the sections are on the page (made one a task, see makeSections). */
  @state() private placed = 0;
  private sectionsFor: string | null = null;
  /** The sections on screen, once none is loading (revealWhenLoaded). */
  @state() private revealed: SectionElement[] | null = null;
  private watched: SectionElement[] | null = null;

  protected override updated(): void {
    if (this.summary.status === 'ready' && this.sectionsFor !== this.compoundId) {
      this.sectionsFor = this.compoundId;
      void this.makeSections(this.compoundId);
    }
    const sections = this.sections;
    if (sections && sections !== this.watched) {
      this.watched = sections;
      void this.revealWhenLoaded(sections);
    }
  }

  private async makeSections(compoundId: string): Promise<void> {
    this.sections = null;
    this.placed = 0;
    this.sectionsFailed = false;
    try {
      const { boardSections } = await loadSectionsCode();
      // A task of its own for each section's first drawing (which starts its request): all in one
      // task, at 4x slowdown, 60-100 ms of a phone's main thread in a trace, and not the tail of the
      // one that ran their code. They are shown together anyway, once all have loaded.
      await nextTask();
      if (compoundId !== this.compoundId) return;
      const sections = this.createSections(compoundId, boardSections);
      this.sections = sections;
      for (let placed = 1; placed <= sections.length; placed++) {
        if (placed > 1) await nextTask();
        if (this.sections !== sections) return;
        this.placed = placed;
      }
    } catch {
      if (compoundId === this.compoundId) this.sectionsFailed = true;
    }
  }

  /**
   * Shows the sections once none of them is still loading (or after a few seconds), so a section
   * filling in never pushes the ones below it down the screen (layout shift on a phone).
   */
  private async revealWhenLoaded(sections: SectionElement[]): Promise<void> {
    await Promise.all(sections.map((s) => (s as SectionElement & { updateComplete?: Promise<unknown> }).updateComplete));
    const loading = () => sections.some((s) => s.shadowRoot?.querySelector('.state-loading'));
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!loading()) finish();
      });
      const timer = setTimeout(() => finish(), REVEAL_WAIT_MS);
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      };
      for (const s of sections) if (s.shadowRoot) observer.observe(s.shadowRoot, { childList: true, subtree: true });
      if (!loading()) finish();
    });
    if (this.watched !== sections) return;
    // Top to bottom, one section a frame: all at once, laying them out was the page's longest task
    // on a phone (150-210 ms at 4x slowdown). A section appears below the ones already shown, whose
    // heights are final, so nothing moves.
    for (const [i, section] of sections.entries()) {
      if (i > 0) await afterNextFrame();
      if (this.watched !== sections) return;
      section.hidden = false;
      if (i === 0) this.revealed = sections;
    }
  }

  /** One element per registered section, made once per compound (the sections fetch their own data). */
  private createSections(compoundId: string, sections: readonly BoardSection[]): SectionElement[] {
    return sections.map((s) => {
      const el = document.createElement(s.tag) as SectionElement;
      el.compoundId = compoundId;
      el.hidden = true;
      return el;
    });
  }

  override render() {
    const { status, error, value } = this.summary;
    if (status === 'error' && error?.status === 404)
      return html`<h1>${t('board.heading')}</h1>
        ${renderError(t('board.notFound'))}`;
    const compound: BoardSummary['compound'] | undefined = status === 'ready' ? value?.summary.compound : undefined;
    return html`<h1>${compound ? html`${compound.name} · ` : ''}${t('board.heading')}</h1>
      <p class="place">${compound ? `${compound.subdistrictName} ${compound.communityName} · ${compound.address}` : ''}</p>
      <p class="lead">${t('board.intro')}</p>
      <p class="no-print"><button type="button" class="link-button" @click=${() => window.print()}>${t('board.print')}</button></p>
      ${
        status === 'error'
          ? renderError(t('state.pageLoadFailed'), () => void this.summary.reload())
          : this.sectionsFailed
            ? renderError(t('state.pageLoadFailed'), () => void this.makeSections(this.compoundId))
            : status !== 'ready' || !this.sections
              ? renderLoading()
              : this.sections.length === 0
                ? renderEmpty(t('board.empty'))
                : html`${this.revealed === this.sections ? nothing : renderLoading()}
                    <div class="sections" ?hidden=${this.revealed !== this.sections}>${this.sections.slice(0, this.placed)}</div>`
      }
      ${compound && value ? this.renderPrintedFooter(compound.id, value.base) : nothing}`;
  }

  /** On paper only: when it was printed, and a QR code and address of the live board (the paper goes stale, the page does not). */
  private renderPrintedFooter(compoundId: string, base: string) {
    const url = `${base}/board/${compoundId}`;
    return html`<footer class="printed">
      <img src=${endpointUrl(boardEndpoints.qr, { params: { compoundId }, query: { target: 'board' } })} alt=${t('board.printQrAlt')} />
      <div>
        <p>${t('board.printScan')}${url}</p>
        <p>${t('board.printedAt', { time: formatDateTime(new Date()) })}</p>
      </div>
    </footer>`;
  }
}
