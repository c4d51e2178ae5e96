/**
 * The compound's public notice board (公示栏): no login, reached from a QR code or a group-chat
 * link. It renders every section registered in board-sections.ts, each fed by its own feature.
 */
import { boardEndpoints, type BoardSummary } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderEmpty, renderError, renderLoading } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';
import { boardSections } from './board-sections.js';

type SectionElement = HTMLElement & { compoundId?: string };

@customElement('yishi-board-page')
export class BoardPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
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

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  /** The compound's name and place (so a visitor from a QR code knows whose board this is), once every section's code is here. */
  private readonly summary = new LoadController(
    this,
    async (signal) => {
      const [summary] = await Promise.all([
        api.call(boardEndpoints.summary, { params: { compoundId: this.compoundId }, signal }),
        ...boardSections.map((s) => s.load()),
      ]);
      return { summary, sections: this.createSections(this.compoundId) };
    },
    () => [this.compoundId],
  );

  /** One element per registered section, made once per compound (the sections fetch their own data). */
  private createSections(compoundId: string): SectionElement[] {
    return boardSections.map((s) => {
      const el = document.createElement(s.tag) as SectionElement;
      el.compoundId = compoundId;
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
      ${compound ? html`<p class="place">${compound.subdistrictName} ${compound.communityName} · ${compound.address}</p>` : ''}
      <p class="lead">${t('board.intro')}</p>
      ${
        status === 'error'
          ? renderError(t('state.pageLoadFailed'), () => void this.summary.reload())
          : status !== 'ready' || !value
            ? renderLoading()
            : value.sections.length === 0
              ? renderEmpty(t('board.empty'))
              : html`<div class="sections">${value.sections}</div>`
      }`;
  }
}
