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
import { MINUTES_TEXT_KEY, minutesEndpoints, type StaffMinutes } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import '../../components/common/collab-status.js';
import { renderLoad } from '../../components/common/load-state.js';
import { formErrorStyles, helpText, syncValidity } from '../../components/forms/form-errors.js';
import '../../components/minutes/minutes-body.js';
import '../../components/minutes/minutes-signatures.js';
import { minutesVersionLinks } from '../../components/minutes/minutes-links.js';
import type { MinutesTextField } from '../../components/minutes/minutes-text-field.js';
import '../../components/minutes/minutes-text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { commonRefusalKey, YjsDocController } from '../../controllers/yjs-doc-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { OnlineController } from '../../offline/online-controller.js';
import { currentMe } from '../../state/session.js';
import { formStyles } from '../../styles/form-styles.js';

/** The status line's sentences for the minutes (components/common/collab-status.ts). */
function connectionWords(refusal: number | null) {
  return {
    connecting: t('minutes.connection.connecting'),
    connected: t('minutes.connection.connected'),
    disconnected: t('minutes.connection.disconnected'),
    refused: t(commonRefusalKey(refusal) ?? 'minutes.connection.refused'),
  };
}

@customElement('yishi-minutes-page')
export class MinutesPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    formErrorStyles,
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
      .preview:focus-visible {
        outline: 3px solid var(--yishi-brand);
        outline-offset: 2px;
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
  @state() private confirming = false;
  /** Signing is asked first: the member confirms they checked the text. */
  @state() private askingSign = false;
  /** Regenerating replaces the edited draft: asked first in a designed dialog. */
  @state() private askingRegenerate = false;
  @state() private reason = '';
  /** Every change goes through here; a correction's reason is its one field. */
  private readonly write = new WriteController<'reason'>(this);
  /** Publication needs the server's answer: offline its buttons are disabled, with words (issue 19). */
  private readonly connection = new OnlineController(this);

  private get meetingId(): string {
    return this.params.meetingId ?? '';
  }

  private readonly data = new LoadController(
    this,
    (signal) => api.call(minutesEndpoints.get, { params: { meetingId: this.meetingId }, signal }),
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

  /** Sends a change that answers the minutes as they are afterwards, and shows them. */
  private async change(action: () => Promise<StaffMinutes>, success: string): Promise<boolean> {
    const result = await this.write.run(action, { success, fields: ['reason'], fieldOfCode: { minutes_reason_required: 'reason' } });
    if (!result) return false;
    this.data.value = result;
    this.requestUpdate();
    return true;
  }

  private generate(): void {
    void this.change(() => api.call(minutesEndpoints.generate, { params: { meetingId: this.meetingId } }), t('minutes.generated'));
  }

  /**
   * Regenerating with the document open: fetch the text the record gives now and put it into the
   * shared text as one edit, so every editor sees it (the server does not write beside live editors).
   */
  private async regenerate(): Promise<void> {
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY);
    this.askingRegenerate = false;
    if (!text) return;
    await this.write.run(
      async () => {
        const fresh = await api.call(minutesEndpoints.generated, { params: { meetingId: this.meetingId } });
        text.doc?.transact(() => {
          text.delete(0, text.length);
          text.insert(0, fresh.body);
        });
        this.renderRoot.querySelector<MinutesTextField>('yishi-minutes-text-field')?.refresh();
      },
      { success: t('minutes.generated') },
    );
  }

  private publish(): void {
    this.confirming = false;
    // The first publication is version 1.
    void this.change(
      () => api.call(minutesEndpoints.publish, { params: { meetingId: this.meetingId }, body: { confirm: true } }),
      t('minutes.published', { version: 1 }),
    );
  }

  private sign(): void {
    this.askingSign = false;
    void this.change(() => api.call(minutesEndpoints.sign, { params: { meetingId: this.meetingId }, body: { confirm: true } }), t('committee.signed'));
  }

  /** Where members sign: each attending member's signature of the draft as it stands, and my button. */
  private renderSignatures(m: StaffMinutes) {
    const s = m.signatures;
    if (!s || !m.draft) return nothing;
    const missing = s.signers.filter((x) => x.signedAt === null).map((x) => x.name);
    return html`<section aria-labelledby="signatures">
      <h2 id="signatures">${t('committee.signatures')}</h2>
      <p class="muted">${t('committee.signaturesHelp')}</p>
      <yishi-minutes-signatures .signers=${s.signers}></yishi-minutes-signatures>
      ${
        m.versions.length === 0 && missing.length > 0
          ? html`<p role="status">${t('committee.waitingSignatures', { names: missing.join(t('meetings.listSeparator')) })}</p>`
          : nothing
      }
      ${
        m.may.sign
          ? html`<div class="actions">
              <sl-button variant="primary" size="large" ?loading=${this.write.busy} @click=${() => (this.askingSign = true)}>${t('committee.sign')}</sl-button>
            </div>`
          : nothing
      }
      <sl-dialog
        class="sign"
        label=${t('committee.signTitle')}
        ?open=${this.askingSign}
        @sl-after-hide=${(e: Event) => {
          if (e.target === e.currentTarget) this.askingSign = false;
        }}
      >
        <p>${t('committee.signConfirm')}</p>
        <sl-button slot="footer" size="large" @click=${() => (this.askingSign = false)}>${t('minutes.cancel')}</sl-button>
        <sl-button slot="footer" size="large" variant="primary" @click=${() => this.sign()}>${t('committee.sign')}</sl-button>
      </sl-dialog>
    </section>`;
  }

  private async correct(versions: number): Promise<void> {
    const body = this.liveText();
    const done = await this.change(
      () => api.call(minutesEndpoints.correct, { params: { meetingId: this.meetingId }, body: { body, reason: this.reason } }),
      t('minutes.corrected', { version: versions + 1 }),
    );
    if (done) this.reason = '';
  }

  protected override updated(): void {
    syncValidity(this.renderRoot, this.write.fieldErrors, ['reason']);
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
      <strong
        >${t('minutes.labelled', { label: left?.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk'), value: left ? pick(left.label) : '' })}</strong
      ><br />
      ${t('minutes.deadline', { date })}
    </sl-alert>`;
  }

  private renderEditor(m: StaffMinutes) {
    if (!m.draft) {
      return html`<p>${t('minutes.noDraft')}</p>
        ${
          m.may.write && m.meeting.status === 'closed'
            ? html`<sl-button variant="primary" ?loading=${this.write.busy} @click=${() => this.generate()}>${t('minutes.generate')}</sl-button>`
            : nothing
        }`;
    }
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY) ?? null;
    const live = this.live;
    return html`
      <yishi-collab-status
        .status=${live.status}
        .unsent=${live.unsent}
        ?syncing=${live.syncing}
        .others=${live.others()}
        .words=${connectionWords(live.refusal)}
      ></yishi-collab-status>
      <div class="editor-grid">
        <div>
          <label for="editor"><strong>${t('minutes.editorLabel')}</strong></label>
          <p class="muted">${t('minutes.formatHelp')}</p>
          <yishi-minutes-text-field
            id="editor"
            multiline
            .text=${text}
            label=${t('minutes.editorLabel')}
            ?readonly=${!text || this.live.status === 'refused'}
          ></yishi-minutes-text-field>
        </div>
        <div class="preview" lang="zh-CN" aria-live="off" role="region" aria-label=${t('minutes.previewLabel')} tabindex="0">
          <h2>${m.draft.header.title}</h2>
          <yishi-minutes-body .body=${this.liveText()}></yishi-minutes-body>
        </div>
      </div>
      <div class="actions">
        ${
          m.may.write
            ? html`<sl-button ?disabled=${this.write.busy || this.live.status !== 'connected'} @click=${() => (this.askingRegenerate = true)}
                >${t('minutes.regenerate')}</sl-button
              >`
            : nothing
        }
        ${
          m.versions.length === 0
            ? m.may.publish
              ? html`<sl-button variant="primary" ?loading=${this.write.busy} ?disabled=${!this.connection.online} @click=${() => (this.confirming = true)}
                    >${t('minutes.publish')}</sl-button
                  >${this.connection.online ? nothing : html`<p class="muted offline-publish" role="status">${t('minutes.publishOffline')}</p>`}`
              : m.signatures && !m.signatures.complete
                ? nothing
                : html`<p class="muted">${t('minutes.onlyConvener')}</p>`
            : nothing
        }
      </div>
      ${
        m.versions.length > 0 && m.may.publish
          ? html`<h2>${t('minutes.correct')}</h2>
              <p class="muted">${t('minutes.correctHelp')}</p>
              <sl-input
                name="reason"
                label=${t('minutes.reason')}
                .value=${this.reason}
                maxlength="500"
                @sl-input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}
                >${helpText(this.write.fieldErrors.reason)}</sl-input
              >
              <div class="actions">
                <sl-button
                  variant="primary"
                  ?loading=${this.write.busy}
                  ?disabled=${this.reason.trim().length < 2 || !this.connection.online}
                  @click=${() => void this.correct(m.versions.length)}
                  >${t('minutes.correct')}</sl-button
                >
                ${this.connection.online ? nothing : html`<p class="muted offline-publish" role="status">${t('minutes.publishOffline')}</p>`}
              </div>`
          : nothing
      }
      <sl-dialog label=${t('minutes.publishConfirmTitle')} ?open=${this.confirming} @sl-after-hide=${() => (this.confirming = false)}>
        <p>${t('minutes.publishConfirmBody')}</p>
        <sl-button slot="footer" @click=${() => (this.confirming = false)}>${t('minutes.cancel')}</sl-button>
        <sl-button slot="footer" variant="primary" ?disabled=${!this.connection.online} @click=${() => this.publish()}
          >${t('minutes.publishConfirm')}</sl-button
        >
      </sl-dialog>
      <sl-dialog
        label=${t('minutes.regenerateTitle')}
        ?open=${this.askingRegenerate}
        @sl-after-hide=${(e: Event) => {
          if (e.target === e.currentTarget) this.askingRegenerate = false;
        }}
      >
        <p>${t('minutes.regenerateConfirm')}</p>
        <sl-button slot="footer" @click=${() => (this.askingRegenerate = false)}>${t('minutes.cancel')}</sl-button>
        <sl-button slot="footer" variant="danger" @click=${() => void this.regenerate()}>${t('minutes.regenerateButton')}</sl-button>
      </sl-dialog>
    `;
  }

  override render() {
    return renderLoad(
      this.data,
      (m) => html`
        <p><a href=${`/meetings/${m.meeting.id}`}>${t('minutes.backToMeeting')}</a></p>
        <h1>${t('minutes.labelled', { label: t('minutes.title'), value: m.meeting.title })}</h1>
        ${this.renderDeadline(m)} ${this.renderEditor(m)} ${this.renderSignatures(m)}
        ${
          m.versions.length > 0
            ? html`<h2>${t('minutes.versions')}</h2>
                <ol class="versions">
                  ${[...m.versions].reverse().map(
                    (v) =>
                      html`<li>
                        <a href=${`/minutes/${m.meeting.id}?version=${v.version}`}>${t('minutes.versionLabel', { version: v.version })}</a>
                        · ${t('minutes.publishedAt', { date: formatDateTime(v.publishedAt), name: v.publishedBy })} ·
                        ${v.reason ? t('minutes.versionReason', { reason: v.reason }) : t('minutes.versionOriginal')}
                        ${minutesVersionLinks(m.meeting.id, v.version)}
                      </li>`,
                  )}
                </ol>`
            : nothing
        }
      `,
    );
  }
}
