/**
 * The QR-code poster for the service station's physical notice board: one code opens the online
 * board, the other the form to raise a concern or an evening-talk question. "Print" opens the
 * server's A4 poster page (no app chrome, vector QR codes) for the browser to print.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

interface BoardSummary {
  compound: { id: string; name: string; communityName: string; subdistrictName: string };
  links: { board: string; concern: string };
}

@customElement('yishi-poster-page')
export class PosterPage extends LitElement {
  static override styles = [
    pageStyles,
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
  private readonly prefs = new PreferencesController(this);
  private readonly data = new LoadController<BoardSummary>(
    this,
    (signal) => api.get(`/api/public/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/board`, signal),
    () => [this.params.compoundId],
  );

  override render() {
    const id = encodeURIComponent(this.params.compoundId ?? '');
    return renderLoad(this.data, (d) => html`
      <h1>${t('poster.title', { name: d.compound.name })}</h1>
      <div class="codes">
        <section class="card">
          <img src=${`/api/public/compounds/${id}/qr.svg?target=board`} alt=${t('poster.qrBoardAlt')} />
          <h2>${t('poster.scanBoard')}</h2>
          <p>${t('poster.scanBoardHelp')}</p>
          <p class="url muted">${location.origin}${d.links.board}</p>
        </section>
        <section class="card">
          <img src=${`/api/public/compounds/${id}/qr.svg?target=concern`} alt=${t('poster.qrConcernAlt')} />
          <h2>${t('poster.scanConcern')}</h2>
          <p>${t('poster.scanConcernHelp')}</p>
          <p class="url muted">${location.origin}${d.links.concern}</p>
        </section>
      </div>
      <p class="muted">${t('poster.footer', { community: d.compound.communityName, subdistrict: d.compound.subdistrictName })}</p>
      <p class="actions"><a class="link-button primary" href=${`/api/public/compounds/${id}/poster`} target="_blank" rel="noopener">${t('poster.print')}</a></p>
    `);
  }
}
