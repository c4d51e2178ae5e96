/**
 * The QR-code poster for the service station's physical notice board: one code opens the online
 * board, the other the form to raise a concern or an evening-talk question. "Print" opens the
 * server's A4 poster page (no app chrome, vector QR codes) for the browser to print.
 */
import { boardEndpoints, endpointUrl, type BoardSummary } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { publicUrl } from '../../api/public-url.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';

@customElement('yishi-poster-page')
export class PosterPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .codes {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
        text-align: center;
      }
      .codes img {
        width: min(100%, 14rem);
        height: auto;
        aspect-ratio: 1;
      }
      .url {
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  /** The printed addresses are the public ones the QR codes hold, not this page's own origin. */
  private readonly data = new LoadController(
    this,
    async (signal) => ({
      ...(await api.call(boardEndpoints.summary, { params: { compoundId: this.params.compoundId ?? '' }, signal })),
      base: await publicUrl(),
    }),
    () => [this.params.compoundId],
  );

  override render() {
    return renderLoad(this.data, (d) => this.renderPoster(d));
  }

  private renderPoster(d: BoardSummary & { base: string }) {
    const params = { compoundId: d.compound.id };
    return html`
      <h1>${t('poster.title', { name: d.compound.name })}</h1>
      <div class="codes">
        <section class="card">
          <img src=${endpointUrl(boardEndpoints.qr, { params, query: { target: 'board' } })} alt=${t('poster.qrBoardAlt')} />
          <h2>${t('poster.scanBoard')}</h2>
          <p>${t('poster.scanBoardHelp')}</p>
          <p class="url muted">${d.base}${d.links.board}</p>
        </section>
        <section class="card">
          <img src=${endpointUrl(boardEndpoints.qr, { params, query: { target: 'concern' } })} alt=${t('poster.qrConcernAlt')} />
          <h2>${t('poster.scanConcern')}</h2>
          <p>${t('poster.scanConcernHelp')}</p>
          <p class="url muted">${d.base}${d.links.concern}</p>
        </section>
      </div>
      <p class="muted">${t('poster.footer', { community: d.compound.communityName, subdistrict: d.compound.subdistrictName })}</p>
      <p class="actions">
        <a class="link-button primary" href=${endpointUrl(boardEndpoints.poster, { params })} target="_blank" rel="noopener">${t('poster.print')}</a>
      </p>
    `;
  }
}
