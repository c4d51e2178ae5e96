/**
 * The compound's public notice board (公示栏): no login, reached from a QR code or a group-chat
 * link. It renders every section registered in board-sections.ts, each fed by its own feature.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { renderEmpty, renderError, renderLoading } from '../../components/common/load-state.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { ApiError, api } from '../../api/client.js';
import { t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';
import { boardSections } from './board-sections.js';

type SectionElement = HTMLElement & { compoundId?: string };

@customElement('yishi-board-page')
export class BoardPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .sections {
        display: grid;
        /* minmax(0, …): a wide table inside a section scrolls within it instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: 1.25rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private sections: SectionElement[] | null = null;
  @state() private failed = false;
  /** The compound's name and place, so a visitor from a QR code knows whose board this is. */
  @state() private compound: { name: string; address: string; communityName: string; subdistrictName: string } | null = null;
  @state() private notFound = false;
  private readonly prefs = new PreferencesController(this);
  private builtFor: string | null = null;

  protected override willUpdate(): void {
    const compoundId = this.params.compoundId ?? '';
    if (compoundId !== this.builtFor) {
      this.builtFor = compoundId;
      void this.build(compoundId);
    }
  }

  private async build(compoundId: string): Promise<void> {
    this.failed = false;
    this.notFound = false;
    this.sections = null;
    this.compound = null;
    try {
      const [summary] = await Promise.all([
        api.get<{ compound: NonNullable<BoardPage['compound']> }>(`/api/public/compounds/${encodeURIComponent(compoundId)}/board`),
        ...boardSections.map((s) => s.load()),
      ]);
      this.compound = summary.compound;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.notFound = true;
      else this.failed = true;
      return;
    }
    this.sections = boardSections.map((s) => {
      const el = document.createElement(s.tag) as SectionElement;
      el.compoundId = compoundId;
      return el;
    });
  }

  override render() {
    if (this.notFound) return html`<h1>${t('board.heading')}</h1>${renderError(t('board.notFound'))}`;
    return html`<h1>${this.compound ? html`${this.compound.name} · ` : ''}${t('board.heading')}</h1>
      ${this.compound
        ? html`<p class="place">${this.compound.subdistrictName} ${this.compound.communityName} · ${this.compound.address}</p>`
        : ''}
      <p class="lead">${t('board.intro')}</p>
      ${this.failed
        ? renderError(t('state.pageLoadFailed'), () => void this.build(this.builtFor ?? ''))
        : this.sections === null
          ? renderLoading()
          : this.sections.length === 0
            ? renderEmpty(t('board.empty'))
            : html`<div class="sections">${this.sections}</div>`}`;
  }
}
