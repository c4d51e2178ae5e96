/**
 * What the roster import page (roster-import-page.ts) shows when the server refuses a file: how many
 * problems, the server's words, and a table of every problem by the row and the column letter and
 * heading Excel shows, with the reason in the reader's language.
 */
import { rosterProblemReason, type RosterInvalidDetails } from '@yishi/core';
import { css, html } from 'lit';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

/** A problem of the file: its row, column letter and heading, and the whole message. */
export type RosterProblem = RosterInvalidDetails['problems'][number];

export const rosterProblemsStyles = css`
  .problems td.column {
    min-width: 5em;
  }
  .problems .letter {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.25em;
    border: 1px solid var(--yishi-border);
    border-radius: 4px;
    font-weight: 600;
    text-align: center;
  }
`;

/** The heading (which takes the focus: it is read next), the server's words and the table. */
export function renderRosterProblems(message: string, problems: RosterProblem[]) {
  return html`<h2 id="problems-heading" tabindex="-1" aria-describedby="problems-message">${t('roster.problemsHeading', { count: problems.length })}</h2>
    <div class="alert danger" id="problems-message">
      <strong>${message}</strong>
      <p>${t('roster.problemsHelp')}</p>
    </div>
    <div class="table-wrap" role="region" aria-labelledby="problems-heading" tabindex="0">
      <table class="problems">
        <thead>
          <tr>
            <th scope="col">${t('roster.line')}</th>
            <th scope="col">${t('roster.column')}</th>
            <th scope="col">${t('roster.reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${problems.map(
            (p) =>
              html`<tr>
                <td class="num">${p.line}</td>
                <td class="column">${p.column ? html`<span class="letter">${p.column}</span> ${p.heading}` : '—'}</td>
                <td>${p.column ? rosterProblemReason(p.code, currentLocale(), p.params) : p.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
