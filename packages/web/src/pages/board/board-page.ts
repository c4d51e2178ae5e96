/**
 * The compound's public notice board (公示栏): no login, reached from a QR code or a group-chat
 * link. It renders every section registered in board-sections.ts, each fed by its own feature.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { renderEmpty, renderError, renderLoading } from '../../components/common/load-state.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
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
        gap: 1.25rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private sections: SectionElement[] | null = null;
  @state() private failed = false;
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
    this.sections = null;
    try {
      await Promise.all(boardSections.map((s) => s.load()));
    } catch {
      this.failed = true;
      return;
    }
    this.sections = boardSections.map((s) => {
      const el = document.createElement(s.tag) as SectionElement;
      el.compoundId = compoundId;
      return el;
    });
  }

  override render() {
    return html`<h1>${t('board.heading')}</h1>
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
