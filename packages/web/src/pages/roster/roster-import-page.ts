/**
 * Roster import (花名册导入) for compound staff: pick an Excel workbook (.xlsx) or a CSV/text file
 * as Excel saves it; its bytes go to the server as they are, which checks the file without changing
 * anything (?dryRun=1). The page shows either every problem (row, column letter and heading, reason)
 * or what the import would do, and only after a confirmation dialog is the file applied. The current
 * roster and a blank template can be downloaded to start from. The problems' table and the bar that
 * shows how far the server is are drawn by roster-problems.ts and roster-progress.ts, the units the file
 * changes by roster-changes.ts.
 */
import {
  ROSTER_TEMPLATE_HEADER,
  endpointUrl,
  rosterEndpoints,
  rosterInvalidDetailsSchema,
  toCsv,
  type RosterImportProgress,
  type RosterImportSummary,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderError } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { ROSTER_FILE_ACCEPT, readRosterFile, uploadRoster, type RosterUpload } from './roster-file.js';
import { renderRosterChanges, rosterChangesStyles } from './roster-changes.js';
import { renderRosterProblems, rosterProblemsStyles, type RosterProblem } from './roster-problems.js';
import { renderRosterProgress, rosterProgressAnnouncement, rosterProgressStyles } from './roster-progress.js';

type RosterSummary = RosterImportSummary;

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'problems'; fileName: string; message: string; problems: RosterProblem[] }
  | { kind: 'preview'; fileName: string; upload: RosterUpload; summary: RosterSummary }
  | { kind: 'applying'; fileName: string; upload: RosterUpload; summary: RosterSummary }
  | { kind: 'applied'; fileName: string; summary: RosterSummary }
  | { kind: 'failed'; fileName: string; message: string };

@customElement('yishi-roster-import-page')
export class RosterImportPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    rosterProblemsStyles,
    rosterChangesStyles,
    rosterProgressStyles,
    css`
      .next-steps {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1.25rem;
      }
      .downloads {
        margin-bottom: 1.5rem;
      }
      .pick {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        background: var(--yishi-surface);
        border: 1px dashed var(--yishi-border);
        border-radius: var(--yishi-radius);
        padding: 0.75rem;
      }
      /* The native file input speaks the browser's language, not ours: keep it for keyboard and
         screen readers but draw our own labelled button. */
      .pick input[type='file'] {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
        overflow: hidden;
      }
      .pick label {
        cursor: pointer;
      }
      .pick input[type='file']:focus-visible + label {
        outline: 3px solid var(--yishi-brand);
        outline-offset: 2px;
      }
      .pick input[type='file']:disabled + label {
        opacity: 0.5;
        cursor: not-allowed;
      }
      .file-name {
        overflow-wrap: anywhere;
      }
      .help {
        display: block;
        margin-top: 0.5rem;
      }
      .help p {
        margin: 0;
      }
      .help ul {
        margin: 0.25rem 0 0;
        padding-left: 1.25rem;
      }
      .result {
        margin-top: 1.5rem;
      }
      .result {
        margin-bottom: 1.5rem;
      }
      .summary {
        margin-bottom: 1rem;
      }
      h2[tabindex='-1']:focus,
      .failed:focus {
        outline: none;
      }
      .alert p {
        margin: 0.25rem 0 0;
      }
      .summary .figure dd {
        font-size: 1.2rem;
      }
      .dialog p {
        margin: 0 0 1rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** The server's last progress report for the file being checked or imported. */
  @state() private progress: RosterImportProgress | null = null;
  @state() private step: Step = { kind: 'idle' };
  @state() private confirming = false;
  @query('input[type=file]') private fileInput!: HTMLInputElement;
  /** Applying the file is the page's one change; checking it changes nothing. */
  private readonly write = new WriteController(this);
  private templateUrl: string | null = null;

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.templateUrl) URL.revokeObjectURL(this.templateUrl);
    this.templateUrl = null;
  }

  private template(): string {
    if (!this.templateUrl) {
      // The header alone. An example row (1栋1单元101, 张三) was imported as data when the template came back
      // with rows typed under it: it replaced that flat's real owners.
      const text = toCsv([ROSTER_TEMPLATE_HEADER]);
      this.templateUrl = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    }
    return this.templateUrl;
  }

  private async onFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    const fileName = file.name;
    this.progress = null;
    this.step = { kind: 'checking', fileName };
    let upload: RosterUpload;
    try {
      upload = await readRosterFile(file);
    } catch {
      this.step = { kind: 'failed', fileName, message: t('roster.readFailed') };
      this.fileInput.value = '';
      await this.focusResult();
      return;
    }
    // The check is a read (nothing changes): its refusal is the page's content, every problem listed.
    try {
      const summary = await uploadRoster(this.compoundId, upload, { dryRun: true, onProgress: (p) => (this.progress = p) });
      this.step = { kind: 'preview', fileName, upload, summary };
    } catch (error) {
      this.step = this.failure(fileName, error);
    } finally {
      // Choosing the same (corrected) file again must trigger a new check.
      this.fileInput.value = '';
    }
    await this.focusResult();
  }

  private failure(fileName: string, error: unknown): Step {
    if (!(error instanceof ApiError)) return { kind: 'failed', fileName, message: String(error) };
    const details = error.code === 'roster_invalid' ? rosterInvalidDetailsSchema.safeParse(error.details) : null;
    if (details?.success && details.data.problems.length > 0) return { kind: 'problems', fileName, message: error.message, problems: details.data.problems };
    return { kind: 'failed', fileName, message: error.message };
  }

  private async apply(): Promise<void> {
    const step = this.step;
    if (step.kind !== 'preview') return;
    this.confirming = false;
    this.progress = null;
    this.step = { ...step, kind: 'applying' };
    // What it did is said on the page (a live region), so no toast besides.
    const summary = await this.write.run(() => uploadRoster(this.compoundId, step.upload, { dryRun: false, onProgress: (p) => (this.progress = p) }), {
      errorAs: 'inline',
    });
    this.step = summary
      ? { kind: 'applied', fileName: step.fileName, summary }
      : { kind: 'failed', fileName: step.fileName, message: this.write.error ?? t('roster.readFailed') };
    await this.focusResult();
  }

  /** What a screen reader hears while the server works (roster-progress.ts); always in the page, so changes are read. */
  private announcement(): string {
    const kind = this.step.kind;
    return kind === 'checking' || kind === 'applying' ? rosterProgressAnnouncement(kind, this.progress) : '';
  }

  /** Moves focus to what the check or the import found, so it is read next. */
  private async focusResult(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.result [tabindex="-1"]')?.focus();
  }

  private appliedText(s: RosterSummary): string {
    return t('roster.applied', { created: s.unitsCreated, updated: s.unitsUpdated, unchanged: s.unitsUnchanged });
  }

  override render() {
    const compound = currentMe()?.compounds.find((c) => c.id === this.compoundId);
    const busy = this.step.kind === 'checking' || this.step.kind === 'applying';
    return html`
      <h1>${t('roster.heading')}${compound ? html` · ${compound.name}` : nothing}</h1>
      <p class="lead">${t('roster.intro')}</p>
      <div class="actions downloads">
        <a class="link-button" href=${endpointUrl(rosterEndpoints.csv, { params: { compoundId: this.compoundId } })} download>${t('roster.downloadCurrent')}</a>
        <a class="link-button" href=${this.template()} download="roster-template.csv">${t('roster.downloadTemplate')}</a>
      </div>
      <div class="pick">
        <input id="roster-file" type="file" accept=${ROSTER_FILE_ACCEPT} aria-describedby="roster-help" ?disabled=${busy} @change=${this.onFile} />
        <label for="roster-file" class="link-button primary">${t('roster.pick')}</label>
        <span class="file-name muted">${this.step.kind === 'idle' ? t('roster.noFile') : t('roster.fileName', { name: this.step.fileName })}</span>
      </div>
      <div id="roster-help" class="muted help">
        <p>${t('roster.pickHelp')}</p>
        <ul>
          <li>${t('roster.columnsRequired')}</li>
          <li>${t('roster.columnsOther')}</li>
          <li>${t('roster.columnsOptional')}</li>
          <li>${t('roster.columnsPeople')}</li>
        </ul>
      </div>
      <p class="visually-hidden" role="status">${this.announcement()}</p>
      <div class="result">${this.renderStep()}</div>
      <p class="next-steps">
        <a href=${`/compounds/${encodeURIComponent(this.compoundId)}`}>${t('roster.back')}</a>
        ${this.step.kind === 'applied' ? html`<a class="link-button primary" href=${`/compounds/${encodeURIComponent(this.compoundId)}/activation`}>${t('roster.nextActivation')}</a>` : nothing}
      </p>
      ${this.renderDialog()}
    `;
  }

  private renderStep() {
    const step = this.step;
    switch (step.kind) {
      case 'idle':
        return nothing;
      case 'checking':
      case 'applying':
        return renderRosterProgress(step.kind, this.progress);
      case 'failed':
        return html`<div class="failed" tabindex="-1">${renderError(step.message)}</div>`;
      case 'problems':
        return renderRosterProblems(step.message, step.problems);
      case 'preview':
        return this.renderPreview(step.summary);
      case 'applied':
        return html`<div class="alert success applied" role="status" tabindex="-1">
          <strong>${this.appliedText(step.summary)}</strong>
          <p>${t('roster.fileName', { name: step.fileName })}</p>
        </div>`;
    }
  }

  private renderPreview(s: RosterSummary) {
    const figure = (label: string, value: number) =>
      html`<div class="figure">
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`;
    return html`<h2 tabindex="-1">${t('roster.previewHeading')}</h2>
      <dl class="figures summary">
        ${figure(t('roster.rows'), s.rows)} ${figure(t('roster.unitsCreated'), s.unitsCreated)} ${figure(t('roster.unitsUpdated'), s.unitsUpdated)}
        ${figure(t('roster.unitsUnchanged'), s.unitsUnchanged)} ${figure(t('roster.buildingsCreated'), s.buildingsCreated)}
        ${figure(t('roster.personsCreated'), s.personsCreated)}
        ${
          s.gridsCreated > 0 || s.buildingGridsChanged > 0
            ? html`${figure(t('roster.gridsCreated'), s.gridsCreated)} ${figure(t('roster.buildingGridsChanged'), s.buildingGridsChanged)}`
            : nothing
        }
        ${s.residents > 0 ? figure(t('roster.residents'), s.residents) : nothing}
      </dl>
      ${s.unitsNotInFile > 0 ? html`<div class="alert warning not-in-file"><p>${t('roster.unitsNotInFile', { count: s.unitsNotInFile })}</p></div>` : nothing}
      ${renderRosterChanges(s.changes, s.unitsUpdated)}
      <div class="actions">
        <button type="button" class="button primary" aria-haspopup="dialog" @click=${() => (this.confirming = true)}>${t('roster.start')}</button>
      </div>`;
  }

  /** Always in the page (its words only while there is a checked file), so closing it is the browser's own. */
  private renderDialog() {
    const step = this.step;
    const s = step.kind === 'preview' ? step.summary : null;
    return html`<dialog class="dialog" id="roster-dialog" aria-labelledby="roster-dialog-title" @close=${() => (this.confirming = false)}>
      <h2 id="roster-dialog-title">${t('roster.confirmTitle')}</h2>
      ${s ? html`<p>${t('roster.confirmBody', { created: s.unitsCreated, updated: s.unitsUpdated, persons: s.personsCreated })}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.confirming = false)}>${t('roster.cancel')}</button>
        <button type="button" class="button primary confirm" ?disabled=${!s} @click=${this.apply}>${t('roster.apply')}</button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'roster-dialog', this.confirming && this.step.kind === 'preview');
  }
}
