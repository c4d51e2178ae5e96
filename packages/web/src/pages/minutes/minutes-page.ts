/**
 * The minutes of a meeting, for the secretary, the committee and the convener: generate the draft
 * from the meeting record, co-edit it live (the Yjs document `minutes-<meetingId>`), watch the time
 * left before the 3-day deadline, approve and publish it behind a confirmation, and publish
 * corrections with their reason. Every published version stays listed.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { MINUTES_TEXT_KEY } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/minutes/minutes-body.js';
import { minutesVersionLinks } from '../../components/minutes/minutes-links.js';
import type { MinutesTextField } from '../../components/minutes/minutes-text-field.js';
import '../../components/minutes/minutes-text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { YjsDocController } from '../../controllers/yjs-doc-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { currentMe } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { StaffMinutes } from './minutes-types.js';

const CONNECTION_WORDS = {
  connecting: 'minutes.connection.connecting',
  connected: 'minutes.connection.connected',
  disconnected: 'minutes.connection.disconnected',
  refused: 'minutes.connection.refused',
} as const;

@customElement('yishi-minutes-page')
export class MinutesPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .editor-grid {
        display: grid;
        gap: 1rem;
      }
      @media (min-width: 64rem) {
        .editor-grid {
          grid-template-columns: 1fr 1fr;
        }
      }
      .preview {
        background: var(--yishi-surface);
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        padding: 0.75rem 1rem;
        max-height: 40rem;
        overflow: auto;
      }
      .status {
        font-size: 0.9375rem;
      }
      sl-alert {
        margin-bottom: 1rem;
      }
      ol.versions li {
        margin-bottom: 0.75rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private busy = false;
  @state() private confirming = false;
  @state() private reason = '';
  private readonly prefs = new PreferencesController(this);

  private get meetingId(): string {
    return this.params.meetingId ?? '';
  }

  private readonly data = new LoadController<StaffMinutes>(
    this,
    (signal) => api.get(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes`, signal),
    () => [this.meetingId],
  );

  private readonly live = new YjsDocController(
    this,
    () => (this.data.value?.draft && this.data.value.may.write ? this.data.value.documentName : null),
    () => {
      const me = currentMe();
      return me ? { name: me.displayName } : null;
    },
  );

  private liveText(): string {
    return this.live.doc?.getText(MINUTES_TEXT_KEY).toString() ?? this.data.value?.draft?.body ?? '';
  }

  private async run(action: () => Promise<StaffMinutes>, success: (m: StaffMinutes) => string): Promise<void> {
    this.busy = true;
    try {
      const result = await action();
      this.data.value = result;
      notify(success(result), 'success');
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger', 8000);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private generate(): void {
    void this.run(() => api.post<StaffMinutes>(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes/draft`), () => t('minutes.generated'));
  }

  /**
   * Regenerating with the document open: fetch the text the record gives now and put it into the
   * shared text as one edit, so every editor sees it (the server does not write beside live editors).
   */
  private async regenerate(): Promise<void> {
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY);
    if (!text || !confirm(t('minutes.regenerateConfirm'))) return;
    this.busy = true;
    try {
      const fresh = await api.get<{ body: string }>(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes/generated`);
      text.doc?.transact(() => {
        text.delete(0, text.length);
        text.insert(0, fresh.body);
      });
      this.renderRoot.querySelector<MinutesTextField>('yishi-minutes-text-field')?.refresh();
      notify(t('minutes.generated'), 'success');
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger', 8000);
    } finally {
      this.busy = false;
    }
  }

  private publish(): void {
    this.confirming = false;
    void this.run(
      () => api.post<StaffMinutes>(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes/publish`, { confirm: true }),
      (m) => t('minutes.published', { version: m.versions.length }),
    );
  }

  private correct(): void {
    const body = this.liveText();
    void this.run(
      () => api.post<StaffMinutes>(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes/corrections`, { body, reason: this.reason }),
      (m) => {
        this.reason = '';
        return t('minutes.corrected', { version: m.versions.length });
      },
    );
  }

  private renderDeadline(m: StaffMinutes) {
    if (!m.deadline) return html`<sl-alert variant="neutral" open>${t('minutes.noDeadline')}</sl-alert>`;
    const date = formatDateTime(m.deadline);
    if (m.versions.length > 0) {
      return html`<sl-alert variant=${m.publishedOnTime ? 'success' : 'warning'} open>
        <strong>${m.publishedOnTime ? t('minutes.publishedOnTime') : t('minutes.publishedLate')}</strong> · ${t('minutes.deadline', { date })}
      </sl-alert>`;
    }
    const left = m.timeLeft;
    return html`<sl-alert variant=${left?.overdue ? 'danger' : 'warning'} open role="status">
      <strong>${left?.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk')}：${left?.label[currentLocale()] ?? ''}</strong><br />
      ${t('minutes.deadline', { date })}
    </sl-alert>`;
  }

  private renderEditor(m: StaffMinutes) {
    if (!m.draft) {
      return html`<p>${t('minutes.noDraft')}</p>
        ${m.may.write && m.meeting.status === 'closed'
          ? html`<sl-button variant="primary" ?loading=${this.busy} @click=${() => this.generate()}>${t('minutes.generate')}</sl-button>`
          : nothing}`;
    }
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY) ?? null;
    const peers = this.live.peers().map((p) => p.name);
    return html`
      <p class="status" role="status">
        ${t(CONNECTION_WORDS[this.live.status])}${peers.length > 1 ? html` · ${t('minutes.editing', { names: peers.join('、') })}` : nothing}
      </p>
      <div class="editor-grid">
        <div>
          <label for="editor"><strong>${t('minutes.editorLabel')}</strong></label>
          <p class="muted">${t('minutes.formatHelp')}</p>
          <yishi-minutes-text-field id="editor" multiline .text=${text} label=${t('minutes.editorLabel')} ?readonly=${!text || this.live.status === 'refused'}></yishi-minutes-text-field>
        </div>
        <div class="preview" lang="zh-CN" aria-live="off">
          <h2>${m.draft.header.title}</h2>
          <yishi-minutes-body .body=${this.liveText()}></yishi-minutes-body>
        </div>
      </div>
      <div class="actions">
        ${m.may.write
          ? html`<sl-button ?disabled=${this.busy || this.live.status !== 'connected'} @click=${() => void this.regenerate()}>${t('minutes.regenerate')}</sl-button>`
          : nothing}
        ${m.versions.length === 0
          ? m.may.publish
            ? html`<sl-button variant="primary" ?loading=${this.busy} @click=${() => (this.confirming = true)}>${t('minutes.publish')}</sl-button>`
            : html`<p class="muted">${t('minutes.onlyConvener')}</p>`
          : nothing}
      </div>
      ${m.versions.length > 0 && m.may.publish
        ? html`<h2>${t('minutes.correct')}</h2>
            <p class="muted">${t('minutes.correctHelp')}</p>
            <sl-input label=${t('minutes.reason')} .value=${this.reason} maxlength="500" @sl-input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}></sl-input>
            <div class="actions">
              <sl-button variant="primary" ?loading=${this.busy} ?disabled=${this.reason.trim().length < 2} @click=${() => this.correct()}>${t('minutes.correct')}</sl-button>
            </div>`
        : nothing}
      <sl-dialog label=${t('minutes.publishConfirmTitle')} ?open=${this.confirming} @sl-after-hide=${() => (this.confirming = false)}>
        <p>${t('minutes.publishConfirmBody')}</p>
        <sl-button slot="footer" @click=${() => (this.confirming = false)}>${t('minutes.cancel')}</sl-button>
        <sl-button slot="footer" variant="primary" @click=${() => this.publish()}>${t('minutes.publishConfirm')}</sl-button>
      </sl-dialog>
    `;
  }

  override render() {
    return renderLoad(this.data, (m) => html`
      <p><a href=${`/meetings/${m.meeting.id}`}>${t('minutes.backToMeeting')}</a></p>
      <h1>${t('minutes.title')}：${m.meeting.title}</h1>
      ${this.renderDeadline(m)}
      ${this.renderEditor(m)}
      ${m.versions.length > 0
        ? html`<h2>${t('minutes.versions')}</h2>
            <ol class="versions">
              ${[...m.versions].reverse().map(
                (v) => html`<li>
                  <a href=${`/minutes/${m.meeting.id}?version=${v.version}`}>${t('minutes.versionLabel', { version: v.version })}</a>
                  · ${t('minutes.publishedAt', { date: formatDateTime(v.publishedAt), name: v.publishedBy })}
                  · ${v.reason ? t('minutes.versionReason', { reason: v.reason }) : t('minutes.versionOriginal')}
                  ${minutesVersionLinks(m.meeting.id, v.version)}
                </li>`,
              )}
            </ol>`
        : nothing}
    `);
  }
}
