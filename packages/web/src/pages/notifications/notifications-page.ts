/**
 * My notifications (the bell's list): newest first, unread ones marked in words and with a bar,
 * each with a link to its page (opening it marks it read) and a "mark read" button; "mark all read"
 * at the top; older ones on request. Works on a 360 px phone and in elder mode (48 px targets), with
 * native buttons: an owner opens it from the bell, and it loads no Shoelace.
 */
import { notificationEndpoints, type Answer } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { notificationsChanged } from '../../components/notifications/notification-events.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';

type Item = Answer<typeof notificationEndpoints.list>['items'][number];

@customElement('yishi-notifications-page')
export class NotificationsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      .top p {
        margin: 0;
        font-weight: 600;
      }
      ul.list {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li.card {
        position: relative;
        margin: 0;
        display: grid;
        gap: 0.25rem;
      }
      li.unread {
        border-color: var(--yishi-brand);
        box-shadow: inset 4px 0 0 var(--yishi-brand);
      }
      .title {
        margin: 0;
        font-size: 1.05rem;
        overflow-wrap: anywhere;
      }
      /* The whole card opens the notice (a target far larger than a tap), the title stays plain text height. */
      .title a::after {
        content: '';
        position: absolute;
        inset: 0;
      }
      .meta .button {
        position: relative;
        z-index: 1;
        min-height: var(--yishi-tap);
        font-size: 1rem;
      }
      .body {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        color: var(--yishi-muted);
        font-size: 0.9375rem;
      }
      .tag {
        display: inline-block;
        padding: 0 0.5em;
        border: 1px solid var(--yishi-brand);
        border-radius: 999px;
        color: var(--yishi-brand);
        font-weight: 600;
        font-size: 0.875rem;
      }
    `,
  ];

  @state() private older: Item[] = [];
  /** The cursor of the next, older page; null after the last. */
  @state() private next: string | null = null;
  private readonly write = new WriteController(this);
  private readonly load = new LoadController(this, async (signal) => {
    const answer = await api.call(notificationEndpoints.list, { query: { limit: 30 }, signal });
    this.older = [];
    this.next = answer.next;
    return answer;
  });

  private items(): Item[] {
    return [...(this.load.value?.items ?? []), ...this.older];
  }

  private async loadMore(): Promise<void> {
    const after = this.next;
    if (!after) return;
    const answer = await this.write.run(() => api.call(notificationEndpoints.list, { query: { after, limit: 30 } }));
    if (!answer) return;
    this.older = [...this.older, ...answer.items];
    this.next = answer.next;
  }

  private markLocally(ids: Set<string> | 'all'): void {
    const now = new Date().toISOString();
    const mark = (item: Item) => ((ids === 'all' || ids.has(item.id)) && !item.readAt ? { ...item, readAt: now } : item);
    if (this.load.value) {
      const items = this.load.value.items.map(mark);
      const unread =
        ids === 'all' ? 0 : Math.max(0, this.load.value.unread - [...ids].filter((id) => this.items().some((i) => i.id === id && !i.readAt)).length);
      this.load.value = { ...this.load.value, items, unread };
    }
    this.older = this.older.map(mark);
    notificationsChanged();
    this.requestUpdate();
  }

  private async markOne(item: Item): Promise<void> {
    const done = await this.write.run(() => api.call(notificationEndpoints.markRead, { params: { notificationId: item.id } }));
    if (done) this.markLocally(new Set([item.id]));
  }

  private async markAll(): Promise<void> {
    const done = await this.write.run(() => api.call(notificationEndpoints.markAllRead, {}), { success: t('notify.markedAll') });
    if (done) this.markLocally('all');
  }

  /**
   * Opening a notice goes to its page at once and marks it read on the way: waiting for the mark first
   * left a tap on one bar of signal without an answer for seconds (a second tap went twice).
   */
  private open(event: Event, item: Item): void {
    event.preventDefault();
    if (!item.readAt) {
      void api.call(notificationEndpoints.markRead, { params: { notificationId: item.id } }).then(notificationsChanged, () => undefined);
    }
    navigate(item.path);
  }

  override render() {
    return html`<h1>${t('notify.heading')}</h1>
      <p class="lead">${t('notify.intro')} <a class="tap-link" href="/account/notifications">${t('notify.settingsLink')}</a></p>
      ${renderLoad(this.load, (value) => this.renderList(value.unread))}`;
  }

  private renderList(unread: number) {
    const items = this.items();
    if (items.length === 0) return html`<p class="state state-empty">${t('notify.empty')}</p>`;
    return html`<div class="top">
        <p role="status">${unread > 0 ? t('notify.unreadCount', { count: unread }) : t('notify.allRead')}</p>
        ${unread > 0 ? html`<button type="button" class="button mark-all" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'} @click=${() => void this.markAll()}>${t('notify.markAll')}</button>` : nothing}
      </div>
      <ul class="list" aria-label=${t('notify.heading')}>
        ${items.map(
          (item) =>
            html`<li class="card notice ${item.readAt ? 'read' : 'unread'}">
              <h2 class="title"><a href=${item.path} @click=${(e: Event) => void this.open(e, item)}>${pick(item.title)}</a></h2>
              <p class="body">${pick(item.body)}</p>
              <div class="meta">
                ${item.readAt ? nothing : html`<span class="tag">${t('notify.unread')}</span>`}
                <span>${formatDateTime(item.createdAt)}</span>
                ${
                  item.readAt
                    ? nothing
                    : html`<button type="button" class="button mark-one" ?disabled=${this.write.busy} @click=${() => void this.markOne(item)}>
                        ${t('notify.markOne')}<span class="visually-hidden"> ${t('notify.markOneLabel', { title: pick(item.title) })}</span>
                      </button>`
                }
              </div>
            </li>`,
        )}
      </ul>
      ${this.next ? html`<button type="button" class="button more" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'} @click=${() => void this.loadMore()}>${t('notify.more')}</button>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-notifications-page': NotificationsPage;
  }
}
