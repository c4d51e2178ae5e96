/**
 * How far the server is with a roster file, as the roster import page (roster-import-page.ts) shows
 * it while the file is checked or imported: a labelled bar with the rows and the percentage in words
 * beside it (a big roster takes a while), and the words a screen reader hears. Drawn into the page's
 * own shadow root (templates, not an element), so the page's styles and its live region hold them.
 */
import type { RosterImportProgress } from '@yishi/core';
import { css, html } from 'lit';
import { renderLoading } from '../../components/common/load-state.js';
import { t } from '../../i18n.js';

export const rosterProgressStyles = css`
  .progress {
    display: grid;
    gap: 0.5rem;
    max-width: 36rem;
  }
  .progress label {
    font-weight: 600;
  }
  .progress progress {
    width: 100%;
    height: 1rem;
    accent-color: var(--yishi-brand);
  }
  .progress p {
    margin: 0;
  }
  .progress .percent {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
`;

/** What the page is doing with the file: checking it (nothing is written) or importing it. */
export type RosterStage = 'checking' | 'applying';

/** The stage in words, as the bar is labelled. */
function stageWords(stage: RosterStage): string {
  return stage === 'checking' ? t('roster.checking') : t('roster.applying');
}

/** How far the server is, in whole percent (null before its first report of a file with rows). */
function percentOf(progress: RosterImportProgress | null): number | null {
  return progress && progress.total > 0 ? Math.min(100, Math.floor((100 * progress.done) / progress.total)) : null;
}

/**
 * Where the server is in the file: reading its rows, then writing its units. A check writes them too,
 * in a transaction it rolls back, so nothing is saved: it says it is checking the units, not saving.
 */
function progressWords(stage: RosterStage, progress: RosterImportProgress): string {
  const key = progress.phase === 'check' ? 'roster.progressCheck' : stage === 'checking' ? 'roster.progressTrial' : 'roster.progressApply';
  return t(key, { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() });
}

/**
 * The bar labelled with the stage, or the page's loading state before the server's first report.
 * The bar's value is said in the same words as beside it.
 */
export function renderRosterProgress(stage: RosterStage, progress: RosterImportProgress | null) {
  const what = stageWords(stage);
  const percent = percentOf(progress);
  if (!progress || percent === null) return renderLoading(what);
  const words = progressWords(stage, progress);
  const done = t('roster.progressPercent', { percent });
  return html`<div class="state progress">
    <label for="roster-progress">${what}</label>
    <progress id="roster-progress" max="100" value=${percent} aria-valuetext=${`${words}（${done}）`}></progress>
    <p class="muted words">${words}</p>
    <p class="percent">${done}</p>
  </div>`;
}

/**
 * What a screen reader hears while the server works: the step and the percentage in tens, so a
 * long import is told without a word at every report ('' before the first report).
 */
export function rosterProgressAnnouncement(stage: RosterStage, progress: RosterImportProgress | null): string {
  const percent = percentOf(progress);
  if (percent === null) return '';
  return `${stageWords(stage)} ${t('roster.progressPercent', { percent: Math.floor(percent / 10) * 10 })}`;
}
