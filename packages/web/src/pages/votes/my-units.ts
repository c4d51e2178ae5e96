/**
 * Parts of the voting page in words: what the secret ballot covers and what it does not, and my units with
 * whether each has voted — in words and a glyph, never colour alone — how (a paper slip, a proxy) and its
 * receipt code.
 */
import { SECRET_TOTALS_MIN_VOTERS, type MyVoter } from '@yishi/core';
import { html, nothing } from 'lit';
import { bracketed, colon } from '../../components/votes/vote-words.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';

/** What the secret ballot covers and what it does not, in words, before anyone votes. */
export function secrecySection(saidAbove: boolean) {
  const min = SECRET_TOTALS_MIN_VOTERS;
  return html`<section class="secrecy" aria-labelledby="secrecy-heading">
    ${saidAbove ? nothing : html`<p class="muted">${t('votes.secret')}</p>`}
    <h2 id="secrecy-heading">${t('votes.secrecyHeading')}</h2>
    <ul>
      <li>${t('votes.secrecyCovers', { min })}</li>
      <li>${t('votes.secrecyNot', { min })}</li>
    </ul>
  </section>`;
}

/** Each of my units with whether it has voted — in words and a glyph, never colour alone — and its receipt code. */
export function myUnitsSection(mine: readonly MyVoter[]) {
  const left = mine.filter((m) => !m.voted).length;
  const summary =
    left === 0
      ? t('votes.unitsAllVoted', { count: mine.length })
      : left === mine.length
        ? t('votes.unitsNoneVoted', { count: mine.length })
        : t('votes.unitsSummary', { voted: mine.length - left, left });
  const heading = html`${t('votes.myUnits')}${mine.length > 1 ? html`<span class="muted">${bracketed(summary)}</span>` : nothing}`;
  return html`<section class="card my-units" aria-labelledby="my-units">
    <h2 id="my-units">${heading}</h2>
    <ul>
      ${mine.map(
        (m) =>
          html`<li class=${m.voted ? 'voted' : 'not-voted'}>
            <span class="unit">${m.label}</span
            >${colon()}<strong>${m.voted ? `✓ ${t('votes.unitVoted')}` : `○ ${t('votes.unitNotVoted')}`}</strong>${howVoted(m)}
            ${m.voted && m.receiptCode ? html`<span class="code">${t('votes.receiptWas', { code: m.receiptCode })}</span>` : nothing}
          </li>`,
      )}
    </ul>
  </section>`;
}

/** A ballot the owner did not cast online herself says so: a paper slip staff entered (and when), or her proxy's. */
function howVoted(m: MyVoter) {
  if (!m.voted) return nothing;
  if (m.channel === 'paper') return m.castAt ? t('votes.votedOnPaper', { date: formatDate(m.castAt) }) : nothing;
  return m.channel === 'proxy' ? t('votes.votedByProxy') : nothing;
}
