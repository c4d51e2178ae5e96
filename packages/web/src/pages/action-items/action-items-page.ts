/**
 * The staff list of a compound's action items (整改事项): filter by status, colour and overdue;
 * overdue rows are red AND say 已逾期. Most urgent first, a page at a time (加载更多, or on scrolling
 * to the end); the summary counts the whole filtered list. Links to each item, the ledger and the
 * public board. Its filters and the form to list an item are native (no Shoelace).
 */
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_WORKERS,
  STATUS_LABELS,
  TRIAGE_LABELS,
  TRIAGE_LEVELS,
  actionItemEndpoints,
  type ActionItemList,
  type ActionItemStaffView,
  type ActionItemStatus,
  type Triage,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import '../../components/action-items/action-item-form.js';
import { navigate } from '../../app/router.js';
import { rolesAt } from '../../state/session.js';
import { badgeStyles, dueText, overdueBadge, statusBadge, triageBadge } from '../../components/action-items/action-item-badges.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { nativeField } from '../../components/forms/native-field.js';
import { cardTableStyles } from '../../styles/card-table-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

@customElement('yishi-action-items-page')
export class ActionItemsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    nativeFieldStyles,
    badgeStyles,
    cardTableStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
        margin-bottom: 1rem;
      }
      .filters .field {
        min-width: 10rem;
      }
      td a {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private status: ActionItemStatus | null = null;
  @state() private triage: Triage | null = null;
  @state() private overdueOnly = false;
  private readonly items = new PagedController<ActionItemStaffView, ActionItemList>(
    this,
    (after, signal) =>
      api.call(actionItemEndpoints.list, {
        params: { compoundId: this.compoundId },
        query: { status: this.status ?? undefined, triage: this.triage ?? undefined, overdue: this.overdueOnly ? '1' : undefined, after },
        signal,
      }),
    () => [this.compoundId, this.status, this.triage, this.overdueOnly],
  );

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override render() {
    const compoundId = this.compoundId;
    return html`<h1>${t('ai.listHeading')}</h1>
      <p class="lead">${t('ai.listIntro')}</p>
      <div class="actions">
        <a class="link-button" href=${`/compounds/${compoundId}/ledger`}>${t('ai.ledgerLink')}</a>
        <a class="link-button" href=${`/board/${compoundId}`}>${t('ai.boardLink')}</a>
      </div>
      ${
        rolesAt(compoundId).some((r) => ACTION_ITEM_WORKERS.includes(r))
          ? html`<yishi-action-item-form
              .compoundId=${compoundId}
              @yishi-action-item-created=${(e: CustomEvent<{ id: string }>) => this.isConnected && navigate(`/action-items/${e.detail.id}`)}
            ></yishi-action-item-form>`
          : nothing
      }
      <h2 class="visually-hidden">${t('ai.filters')}</h2>
      <div class="filters" role="group" aria-label=${t('ai.filters')}>
        ${nativeField(
          'filter-status',
          t('ai.filterStatus'),
          html`<select class="input" id="filter-status" @change=${(e: Event) => (this.status = this.chosen(e, ACTION_ITEM_STATUSES))}>
            <option value="all" ?selected=${this.status === null}>${t('ai.filterAll')}</option>
            ${ACTION_ITEM_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${pick(STATUS_LABELS[s])}</option>`)}
          </select>`,
        )}
        ${nativeField(
          'filter-triage',
          t('ai.filterTriage'),
          html`<select class="input" id="filter-triage" @change=${(e: Event) => (this.triage = this.chosen(e, TRIAGE_LEVELS))}>
            <option value="all" ?selected=${this.triage === null}>${t('ai.filterAll')}</option>
            ${TRIAGE_LEVELS.map((l) => html`<option value=${l} ?selected=${this.triage === l}>${pick(TRIAGE_LABELS[l])}</option>`)}
          </select>`,
        )}
        <label class="check"
          ><input type="checkbox" .checked=${this.overdueOnly} @change=${(e: Event) => (this.overdueOnly = (e.target as HTMLInputElement).checked)} />${t(
            'ai.filterOverdue',
          )}</label
        >
      </div>
      ${renderLoad(this.items, (v) => this.renderTable(this.items.items, v.counts))} ${renderMore(this.items)}`;
  }

  /** The option chosen in a filter, or null for "all". */
  private chosen<V extends string>(e: Event, values: readonly V[]): V | null {
    const value = String((e.target as HTMLSelectElement).value);
    return values.find((v) => v === value) ?? null;
  }

  private renderTable(items: ActionItemStaffView[], counts: ActionItemList['counts']) {
    if (items.length === 0) return renderEmpty(t('ai.empty'));
    return html`<p class="muted" role="status">${t('ai.summary', { total: counts.total, signed: counts.signedOff, overdue: counts.overdue })}</p>
      <div class="table-wrap as-cards" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
        <table role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">${t('ai.colTitle')}</th>
              <th scope="col" role="columnheader">${t('ai.colTriage')}</th>
              <th scope="col" role="columnheader">${t('ai.colStatus')}</th>
              <th scope="col" role="columnheader">${t('ai.colDue')}</th>
              <th scope="col" role="columnheader">${t('ai.colUnit')}</th>
              <th scope="col" role="columnheader">${t('ai.colNumber')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${items.map(
              (i) =>
                html`<tr role="row" class=${i.overdue ? 'is-overdue' : ''} data-item=${i.id}>
                  <td role="cell" class="lead"><a href=${`/action-items/${i.id}`}>${i.title}</a></td>
                  <td role="cell" data-label=${t('ai.colTriage')}>${triageBadge(i.triage)}</td>
                  <td role="cell" data-label=${t('ai.colStatus')}><span>${statusBadge(i.status)} ${overdueBadge(i.overdue)}</span></td>
                  <td role="cell" data-label=${t('ai.colDue')}>${dueText(i)}</td>
                  <td role="cell" data-label=${t('ai.colUnit')}>${pick(i.responsibleUnitLabel)}</td>
                  <td role="cell" data-label=${t('ai.colNumber')}>${i.signOffNumber ? html`<span class="number">${i.signOffNumber}</span>` : nothing}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}
