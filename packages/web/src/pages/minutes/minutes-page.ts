/**
 * The minutes of a meeting, for the secretary, the committee and the convener: generate the draft
 * from the meeting record, co-edit it live (the Yjs document `minutes-<meetingId>`), watch the time
 * left before the 3-day deadline, approve and publish it behind a confirmation, and publish
 * corrections with their reason. Every published version stays listed.
 */
import { MINUTES_TEXT_KEY, answersOutdatedInDraft, minutesEndpoints, type StaffMinutes } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import '../../components/common/collab-status.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import '../../components/minutes/minutes-body.js';
import { confirmDraft, ReplacedDraft } from '../../components/minutes/draft-regeneration.js';
import { CORRECTION_DIALOG, correctionSection, sameAsLatest } from '../../components/minutes/minutes-correction.js';
import { minutesDeadline } from '../../components/minutes/minutes-deadline.js';
import { minutesHeader, minutesHeaderStyles } from '../../components/minutes/minutes-header.js';
import '../../components/minutes/minutes-header-form.js';
import { minutesVersionList } from '../../components/minutes/minutes-links.js';
import { recordGapWarnings } from '../../components/meetings/meeting-ui.js';
import type { MinutesTextField } from '../../components/minutes/minutes-text-field.js';
import '../../components/minutes/minutes-text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { commonRefusalKey, YjsDocController } from '../../controllers/yjs-doc-controller.js';
import { t } from '../../i18n.js';
import { OnlineController } from '../../offline/online-controller.js';
import { currentLocale } from '../../state/preferences.js';
import { currentMe } from '../../state/session.js';
import { signaturesSection } from '../../components/minutes/signatures-section.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

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
    buttonStyles,
    nativeFieldStyles,
    minutesHeaderStyles,
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
      .alert {
        margin-bottom: 1rem;
      }
      .correction {
        max-width: 36rem;
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
  /** Publishing a correction is asked first, as the first publication is. */
  @state() private askingCorrect = false;
  /** The draft just regenerated, while its undo is offered. */
  @state() private replaced: ReplacedDraft | null = null;
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
  private async change(action: () => Promise<StaffMinutes>, success: string, errorAs: 'inline' | 'toast' = 'toast'): Promise<boolean> {
    const result = await this.write.run(action, { success, fields: ['reason'], fieldOfCode: { minutes_reason_required: 'reason' }, errorAs });
    if (!result) return false;
    this.show(result);
    return true;
  }

  private show(minutes: StaffMinutes): void {
    this.data.value = minutes;
    this.requestUpdate();
  }

  private generate(): void {
    void this.change(() => api.call(minutesEndpoints.generate, { params: { meetingId: this.meetingId } }), t('minutes.generated'));
  }

  /**
   * Regenerating with the document open: fetch the text the record gives now and put it into the
   * shared text as one edit, so every editor sees it (the server does not write beside live editors).
   * Only if the text is still as it was when confirmed (components/minutes/draft-regeneration.ts).
   */
  private async regenerate(): Promise<void> {
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY);
    this.askingRegenerate = false;
    if (!text) return;
    const confirmed = confirmDraft(text);
    await this.write.run(async () => {
      const fresh = await api.call(minutesEndpoints.generated, { params: { meetingId: this.meetingId } });
      // Again while the last one's undo is offered: the same undo takes both back, to the secretary's draft.
      const again = this.replaced;
      this.replaced = again ? again.replaceAgain(confirmed, fresh.body) : ReplacedDraft.replace(confirmed, fresh.body, () => (this.replaced = null));
      if (!this.replaced) notify(t('minutes.regenerateChanged'), 'warning', 10_000);
      this.refreshEditor();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.replaced?.end();
  }

  private undoRegenerate(): void {
    this.replaced?.undo();
    this.refreshEditor();
    notify(t('minutes.regenerateUndone'), 'success');
  }

  /** The box shows a change made on this device outside it. */
  private refreshEditor(): void {
    this.renderRoot.querySelector<MinutesTextField>('yishi-minutes-text-field')?.refresh();
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

  private async correct(versions: number): Promise<void> {
    this.askingCorrect = false;
    const body = this.liveText();
    const done = await this.change(
      () => api.call(minutesEndpoints.correct, { params: { meetingId: this.meetingId }, body: { body, reason: this.reason } }),
      t('minutes.corrected', { version: versions + 1 }),
      // Said under its button: the reader is looking there (an unchanged text, a reason too short).
      'inline',
    );
    if (done) this.reason = '';
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'sign-dialog', this.askingSign);
    syncModal(this.renderRoot, 'publish-dialog', this.confirming);
    syncModal(this.renderRoot, 'regenerate-dialog', this.askingRegenerate);
    syncModal(this.renderRoot, CORRECTION_DIALOG, this.askingCorrect);
  }

  /** The heading form is open with changes not saved: publishing now would publish the heading as saved. */
  private headingUnsaved(): boolean {
    return this.renderRoot.querySelector('yishi-minutes-header-form')?.unsaved ?? false;
  }

  /** Answers corrected at the talk that the text does not carry as corrected (generated before): checked as it is edited. */
  private outdatedAnswers(m: StaffMinutes, text: string) {
    const outdated = m.draft ? answersOutdatedInDraft(text, m.draft.correctedAnswers) : [];
    if (outdated.length === 0) return nothing;
    const numbers = new Intl.ListFormat(currentLocale()).format(outdated.map(String));
    return html`<div class="alert warning outdated-answers" role="status">${t('minutes.outdatedAnswers', { numbers })}</div>`;
  }

  private renderEditor(m: StaffMinutes) {
    if (!m.draft) {
      return html`<p>${t(m.meeting.status === 'closed' ? 'minutes.noDraftClosed' : 'minutes.noDraft')}</p>
        ${
          m.may.write && m.meeting.status === 'closed'
            ? html`<button
                type="button"
                class="button primary"
                ?disabled=${this.write.busy}
                aria-busy=${this.write.busy ? 'true' : 'false'}
                @click=${() => this.generate()}
              >
                ${t('minutes.generate')}
              </button>`
            : nothing
        }`;
    }
    const text = this.live.doc?.getText(MINUTES_TEXT_KEY) ?? null;
    const live = this.live;
    const body = this.liveText();
    // Named above the draft and again in the publish dialog.
    const outdated = this.outdatedAnswers(m, body);
    return html`
      <yishi-collab-status
        .status=${live.status}
        .unsent=${live.unsent}
        ?syncing=${live.syncing}
        .others=${live.others()}
        .words=${connectionWords(live.refusal)}
      ></yishi-collab-status>
      ${outdated}
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
          ${minutesHeader(m.draft.header)}
          <yishi-minutes-body .body=${body}></yishi-minutes-body>
        </div>
      </div>
      ${
        m.may.write
          ? html`<yishi-minutes-header-form
              ?published=${m.versions.length > 0}
              meeting-id=${this.meetingId}
              .header=${m.draft.header}
              ?online=${this.connection.online}
              @minutes-changed=${(e: CustomEvent<StaffMinutes>) => this.show(e.detail)}
            ></yishi-minutes-header-form>`
          : nothing
      }
      ${
        this.replaced
          ? html`<div class="alert success regenerated" role="status">
              ${t('minutes.regenerated')}
              <button type="button" class="button" @click=${() => this.undoRegenerate()}>${t('minutes.undoRegenerate')}</button>
            </div>`
          : nothing
      }
      <div class="actions">
        ${
          m.may.write
            ? html`<button
                type="button"
                class="button"
                ?disabled=${this.write.busy || this.live.status !== 'connected'}
                @click=${() => (this.askingRegenerate = true)}
              >
                ${t('minutes.regenerate')}
              </button>`
            : nothing
        }
        ${
          m.versions.length === 0
            ? m.may.publish
              ? html`<button
                    type="button"
                    class="button primary"
                    ?disabled=${this.write.busy || !this.connection.online}
                    aria-busy=${this.write.busy ? 'true' : 'false'}
                    @click=${() => (this.confirming = true)}
                  >
                    ${t('minutes.publish')}</button
                  >${this.connection.online ? nothing : html`<p class="muted offline-publish" role="status">${t('minutes.publishOffline')}</p>`}`
              : m.signatures && !m.signatures.complete
                ? nothing
                : html`<p class="muted">${t('minutes.onlyConvener')}</p>`
            : nothing
        }
      </div>
      ${
        m.versions.length > 0 && m.may.publish
          ? correctionSection({
              versions: m.versions.length,
              unchangedFrom: sameAsLatest(m.versions, body, m.draft.header),
              reason: this.reason,
              reasonError: this.write.fieldErrors.reason,
              formError: this.write.error,
              busy: this.write.busy,
              online: this.connection.online,
              asking: this.askingCorrect,
              onReason: (value) => {
                this.reason = value;
                this.write.clearField('reason');
              },
              onAsk: () => (this.askingCorrect = true),
              onCancel: () => (this.askingCorrect = false),
              onConfirm: () => void this.correct(m.versions.length),
            })
          : nothing
      }
      <dialog class="dialog" id="publish-dialog" aria-labelledby="publish-title" @close=${() => (this.confirming = false)}>
        <h2 id="publish-title">${t('minutes.publishConfirmTitle')}</h2>
        <p>${t('minutes.publishConfirmBody')}</p>
        ${recordGapWarnings(m.gaps, 'publish')} ${outdated}
        ${this.headingUnsaved() ? html`<div class="alert warning heading-unsaved" role="status">${t('minutes.headingUnsaved')}</div>` : nothing}
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.confirming = false)}>${t('minutes.cancel')}</button>
          <button type="button" class="button primary" ?disabled=${!this.connection.online} @click=${() => this.publish()}>
            ${t('minutes.publishConfirm')}
          </button>
        </div>
      </dialog>
      <dialog class="dialog" id="regenerate-dialog" aria-labelledby="regenerate-title" @close=${() => (this.askingRegenerate = false)}>
        <h2 id="regenerate-title">${t('minutes.regenerateTitle')}</h2>
        <p>${t('minutes.regenerateConfirm')}</p>
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.askingRegenerate = false)}>${t('minutes.cancel')}</button>
          <button type="button" class="button danger" @click=${() => void this.regenerate()}>${t('minutes.regenerateButton')}</button>
        </div>
      </dialog>
    `;
  }

  override render() {
    return renderLoad(
      this.data,
      (m) => html`
        <p><a class="tap-link" href=${`/meetings/${m.meeting.id}`}>${t('minutes.backToMeeting')}</a></p>
        <h1>${t('minutes.labelled', { label: t('minutes.title'), value: m.meeting.title })}</h1>
        ${minutesDeadline(m)} ${this.renderEditor(m)}
        ${signaturesSection({
          minutes: m,
          busy: this.write.busy,
          onAsk: () => (this.askingSign = true),
          onCancel: () => (this.askingSign = false),
          onSign: () => this.sign(),
        })}
        ${minutesVersionList(m)}
      `,
    );
  }
}
