/**
 * A published minutes version, public (reached from the notice board, a feed or a shared link):
 * header, the text, a note when a later correction exists, every version, and print/PDF links.
 */
import { minutesEndpoints } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/minutes/minutes-body.js';
import '../../components/minutes/minutes-signatures.js';
import { minutesHeader, minutesHeaderStyles } from '../../components/minutes/minutes-header.js';
import { minutesVersionLinks } from '../../components/minutes/minutes-links.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

@customElement('yishi-minutes-public-page')
export class MinutesPublicPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    minutesHeaderStyles,
    css`
      .notice {
        border-left: 4px solid var(--yishi-warning-text);
        padding: 0.5rem 0.75rem;
        background: var(--sl-color-warning-50);
        margin-bottom: 1rem;
      }
      ol.versions li {
        margin-bottom: 0.5rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  /** `?version=N` of the address; the server refuses one that is not a version number. */
  private version(): string | undefined {
    return new URLSearchParams(location.search).get('version') ?? undefined;
  }

  private readonly data = new LoadController(
    this,
    (signal) => api.call(minutesEndpoints.publicVersion, { params: { meetingId: this.params.meetingId ?? '' }, query: { version: this.version() }, signal }),
    () => [this.params.meetingId, this.version()],
  );

  override render() {
    return renderLoad(
      this.data,
      (m) => html`
        <p><a class="tap-link" href=${`/board/${m.compoundId}#minutes`}>${t('minutes.backToBoard')}</a></p>
        <article lang="zh-CN">
          <h1>${m.title}</h1>
          ${minutesHeader(m.header)}
          ${
            m.version < m.latestVersion
              ? html`<p class="notice" role="note">
                  ${t('minutes.superseded', { version: m.version, latest: m.latestVersion })}
                  <a href=${`/minutes/${m.meetingId}`}>${t('minutes.readLatest')}</a>
                </p>`
              : nothing
          }
          ${m.reason ? html`<p class="notice" role="note">${t('minutes.versionReason', { reason: m.reason })}</p>` : nothing}
          <yishi-minutes-body .body=${m.body}></yishi-minutes-body>
          ${
            m.header.signatories.some((x) => x.signedAt !== null)
              ? html`<h2>${t('committee.signatures')}</h2>
                  <yishi-minutes-signatures .signers=${m.header.signatories}></yishi-minutes-signatures>`
              : nothing
          }
          <p class="muted">
            ${t('minutes.versionLabel', { version: m.version })} · ${t('minutes.publishedAt', { date: formatDateTime(m.publishedAt), name: m.publishedBy })}
          </p>
        </article>
        ${t('minutes.chineseOnly') ? html`<p class="muted">${t('minutes.chineseOnly')}</p>` : nothing} ${minutesVersionLinks(m.meetingId, m.version)}
        <h2>${t('minutes.versions')}</h2>
        <ol class="versions">
          ${m.versions.map(
            (v) =>
              html`<li>
                ${v.version === m.version ? html`<strong>${t('minutes.versionLabel', { version: v.version })}</strong>` : html`<a href=${`/minutes/${m.meetingId}?version=${v.version}`}>${t('minutes.versionLabel', { version: v.version })}</a>`}
                · ${formatDateTime(v.publishedAt)} · ${v.reason ? t('minutes.versionReason', { reason: v.reason }) : t('minutes.versionOriginal')}
              </li>`,
          )}
        </ol>
      `,
    );
  }
}
