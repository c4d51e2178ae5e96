import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { t } from '../../i18n.js';

/** Any address the registry does not know: say so in words and offer the way home. */
@customElement('yishi-not-found-page')
export class NotFoundPage extends YishiElement {
  // A long address breaks anywhere rather than run off a phone's screen.
  static override styles = [
    YishiElement.styles,
    css`
      p {
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    return html`<h1>${t('notFound.title')}</h1>
      <p>${t('notFound.body', { path: location.pathname })}</p>
      <p><a class="link-button primary" href="/">${t('notFound.home')}</a></p>`;
  }
}
