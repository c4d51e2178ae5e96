/**
 * "导出存证材料": downloads a vote's or a meeting's evidence bundle (a ZIP with a SHA-256 manifest and
 * a PDF summary). Making it takes a few seconds (the PDF), so the button says it is working and the
 * page stays usable; a refusal is said in the server's words.
 * `<yishi-evidence-download subject="vote" subject-id=…>`.
 */
import { endpointUrl, evidenceEndpoints, EVIDENCE_ZIP } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getForFile, saveFile } from '../../api/file-download.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-evidence-download')
export class EvidenceDownload extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      section.card {
        display: grid;
        gap: 0.5rem;
      }
      h2,
      p {
        margin: 0;
      }
    `,
  ];

  @property() subject: 'vote' | 'meeting' = 'vote';
  @property({ attribute: 'subject-id' }) subjectId = '';
  @state() private saved: string | null = null;
  private readonly write = new WriteController(this);

  private async download(): Promise<void> {
    this.saved = null;
    const path =
      this.subject === 'vote'
        ? endpointUrl(evidenceEndpoints.vote, { params: { voteId: this.subjectId } })
        : endpointUrl(evidenceEndpoints.meeting, { params: { meetingId: this.subjectId } });
    const file = await this.write.run(() => getForFile(path, EVIDENCE_ZIP, `${this.subject}-${this.subjectId}-evidence.zip`));
    if (!file) return;
    saveFile(file.blob, file.fileName);
    this.saved = file.fileName;
  }

  override render() {
    if (!this.subjectId) return nothing;
    return html`<section class="card" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">${t('evidence.heading')}</h2>
      <p class="muted">${t(this.subject === 'vote' ? 'evidence.introVote' : 'evidence.introMeeting')}</p>
      <div>
        <button class="button" ?disabled=${this.write.busy} aria-busy=${this.write.busy} @click=${() => void this.download()}>${t('evidence.download')}</button>
      </div>
      <p role="status" aria-live="polite">${this.write.busy ? t('evidence.working') : this.saved ? t('evidence.saved', { name: this.saved }) : ''}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-evidence-download': EvidenceDownload;
  }
}
