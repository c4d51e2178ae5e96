/** Under a closed vote's result and on its receipts page: the published files to recount it, JSON and CSV, and how. */
import { endpointUrl, openBallotEndpoints } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-open-ballot-files')
export class OpenBallotFiles extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        padding: 0;
        margin: 0.25rem 0;
        list-style: none;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.25rem;
      }
      p {
        margin: 0.25rem 0;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];
  @property({ attribute: 'vote-id' }) voteId = '';

  override render() {
    const params = { voteId: this.voteId };
    const link = (endpoint: Parameters<typeof endpointUrl>[0], label: string) =>
      html`<li><a href=${endpointUrl(endpoint, { params })} download>${label}</a></li>`;
    return html`<h3>${t('openBallot.filesHeading')}</h3>
      <p class="muted">${t('openBallot.filesIntro')}</p>
      <ul>
        ${link(openBallotEndpoints.roll, t('openBallot.rollJson'))} ${link(openBallotEndpoints.ballots, t('openBallot.ballotsJson'))}
        ${link(openBallotEndpoints.rollCsv, t('openBallot.rollCsv'))} ${link(openBallotEndpoints.ballotsCsv, t('openBallot.ballotsCsv'))}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-open-ballot-files': OpenBallotFiles;
  }
}
