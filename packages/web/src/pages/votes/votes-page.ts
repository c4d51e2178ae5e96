/** A compound's votes: open ones first with a big "去投票", then closed ones with pass/fail in words. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import type { VoteSummary } from '../../components/votes/vote-types.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

type ListedVote = VoteSummary & { passed: boolean | null; summaryText: { 'zh-CN': string; en: string } | null };

const ORDER = { open: 0, draft: 1, closed: 2 } as const;

@customElement('yishi-votes-page')
export class VotesPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .vote h2 {
        margin: 0 0 0.35rem;
        font-size: 1.2rem;
      }
      .tag {
        font-weight: 700;
      }
      .ok {
        color: var(--yishi-ok-text);
      }
      .fail {
        color: var(--yishi-danger-text);
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly prefs = new PreferencesController(this);
  private readonly load = new LoadController<{ votes: ListedVote[]; canManage: boolean }>(
    this,
    (signal) => api.get(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/votes`, signal),
    () => [this.params.compoundId],
  );

  override render() {
    const compoundId = this.params.compoundId ?? '';
    return html`<h1>${t('votes.listHeading')}</h1>
      <p class="lead">${t('votes.listIntro')}</p>
      ${renderLoad(this.load, ({ votes, canManage }) => {
        const sorted = [...votes].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
        return html`<div class="actions">
            ${canManage ? html`<a class="link-button primary" href=${`/compounds/${compoundId}/votes/new`}>${t('votes.create')}</a>` : nothing}
            <a class="link-button" href=${`/compounds/${compoundId}/proposals`}>${t('votes.proposals')}</a>
          </div>
          <h2 class="visually-hidden">${t('votes.listHeading')}</h2>
          ${sorted.length === 0 ? renderEmpty(t('votes.empty')) : sorted.map((v) => this.renderVote(v))}`;
      })}`;
  }

  private renderVote(v: ListedVote) {
    return html`<article class="card vote">
      <h2><a href=${`/votes/${v.id}`}>${v.title}</a></h2>
      <p>
        <span class="tag">${t(`votes.status.${v.status}`)}</span>
        ${v.buildingName ? html` · ${t('votes.building', { name: v.buildingName })}` : nothing} ·
        ${v.status === 'closed' ? t('votes.closedAt', { time: formatDateTime(v.closedAt ?? v.closesAt) }) : t('votes.closesAt', { time: formatDateTime(v.closesAt) })}
      </p>
      ${v.status === 'closed' && v.summaryText
        ? html`<p class=${v.passed ? 'ok' : 'fail'}><strong>${v.passed ? `✓ ${t('votes.passed')}` : `✗ ${t('votes.failed')}`}</strong>：${pick(v.summaryText)}</p>`
        : nothing}
      <div class="actions">
        <a class="link-button ${v.status === 'open' ? 'primary' : ''}" href=${`/votes/${v.id}`}>${v.status === 'open' ? t('votes.goVote') : t('votes.view')}</a>
      </div>
    </article>`;
  }
}
