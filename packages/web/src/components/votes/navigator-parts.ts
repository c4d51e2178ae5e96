/**
 * Pieces of the turnout navigator page: the gauge (one bar per measure with the threshold marked,
 * the words beside it carrying the exact figures), a unit still to visit, and the printed visiting
 * list (A4, a table per building with a box to tick).
 */
import { formatAreaGrouped, type Navigator, type NavigatorMissing, type NavigatorUnitView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

/** A share as a CSS width, for the picture only. */
function widthOf(f: { num: number; den: number }): string {
  return `${f.den > 0 ? Math.min(100, (f.num / f.den) * 100) : 0}%`;
}

export const navigatorStyles = css`
  .headline {
    font-size: 1.5rem;
    margin: 0 0 0.75rem;
  }
  .headline.reached {
    color: var(--yishi-ok-text);
  }
  .measures {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .measures li {
    margin-bottom: 0.75rem;
  }
  .gauge-bar {
    display: block;
    position: relative;
    height: 1.25rem;
    margin: 0.35rem 0;
    border: 1px solid var(--yishi-border);
    border-radius: 999px;
    background: var(--yishi-background);
  }
  .gauge-bar.small {
    height: 0.6rem;
  }
  .gauge-bar > span {
    display: block;
    height: 100%;
    border-radius: 999px;
    background: var(--yishi-brand);
  }
  .gauge-bar.reached > span {
    background: var(--yishi-ok-text);
  }
  /* The threshold (2/3): a tick across the bar, named in the words beside it. */
  .gauge-bar > i {
    position: absolute;
    top: -0.35rem;
    bottom: -0.35rem;
    width: 3px;
    margin-left: -1px;
    background: var(--yishi-text);
  }
  ul.units {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  ul.units > li {
    border-top: 1px solid var(--yishi-border);
    padding: 0.5rem 0;
  }
  .unit-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
  }
  .people {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .people a {
    display: inline-flex;
    align-items: center;
    min-height: var(--yishi-tap);
  }
  .note {
    color: var(--yishi-muted);
    font-size: 0.9375rem;
    margin: 0.25rem 0 0;
  }
  .print-only {
    display: none;
  }
  @media print {
    .screen-only {
      display: none !important;
    }
    .print-only {
      display: block;
      color: #000;
    }
    .print-building {
      break-before: page;
    }
    .print-building:first-of-type {
      break-before: auto;
    }
    .print-only table {
      font-size: 10pt;
    }
    .print-only th,
    .print-only td {
      border: 1px solid #888;
      padding: 0.25rem 0.4rem;
    }
    .print-only tr {
      break-inside: avoid;
    }
    .tick {
      width: 3.5rem;
      text-align: center;
    }
    td.tick {
      font-size: 14pt;
    }
    .outcome {
      width: 10rem;
    }
  }
`;

/** The gauge: the headline of what is missing, and each measure as a bar with its threshold and words. */
export function renderGauge(gauge: Navigator['gauge']) {
  return html`<p class="headline ${gauge.reached ? 'reached' : ''}" aria-live="polite">${gauge.reached ? '✓ ' : ''}${pick(gauge.headline)}</p>
    <ul class="measures">
      ${gauge.progress.map(
        (p) =>
          html`<li>
            <div class="gauge-bar ${p.reached && p.threshold ? 'reached' : ''}" aria-hidden="true">
              <span style=${`width: ${widthOf(p.value)}`}></span>
              ${p.threshold ? html`<i style=${`left: ${widthOf(p.threshold)}`}></i>` : nothing}
            </div>
            ${pick(p.text)}
          </li>`,
      )}
    </ul>`;
}

/** A small bar of a building's units voted (the picture of the words beside it). */
export function buildingBar(voted: number, voters: number) {
  return html`<span class="gauge-bar small" aria-hidden="true"><span style=${`width: ${widthOf({ num: voted, den: voters })}`}></span></span>`;
}

/** Why a unit matters for the count, in words (or nothing for an ordinary owner's unit). */
export function unitNote(u: NavigatorUnitView): string {
  if (u.headCounted) return t('nav.headCounted');
  if (u.developerHeld) return t('nav.developerHead');
  if (u.headUnits > 1) return t('nav.sharedHead', { count: u.headUnits });
  return '';
}

function peopleWords(u: NavigatorUnitView): string {
  if (u.people.length > 0) return u.people.map((p) => p.name).join('、');
  return u.developerHeld ? t('nav.developer') : t('nav.noOwner');
}

/** One unit still to visit: its label and area, whom to ask for (with a call link for organisers), why it matters. */
export function renderUnit(u: NavigatorUnitView) {
  const note = unitNote(u);
  return html`<li>
    <div class="unit-head"><strong>${u.label}</strong><span>${formatAreaGrouped(u.areaCenti)} ㎡</span></div>
    ${
      u.people.some((p) => p.phone)
        ? html`<ul class="people">
            ${u.people.map((p) => html`<li>${p.phone ? html`<a href=${`tel:${p.phone}`}>${p.name} ${p.phone}</a>` : p.name}</li>`)}
          </ul>`
        : html`<p class="people">${peopleWords(u)}</p>`
    }
    ${note ? html`<p class="note">${note}</p>` : nothing}
  </li>`;
}

/** The visiting list as printed: per building a heading and a table with a box to tick; no phones. */
export function renderPrintList(title: string, list: NavigatorMissing, asOf: string) {
  return html`<div class="print-only">
    ${list.buildings.map(
      (b) =>
        html`<section class="print-building">
          <h2>${t('nav.printTitle', { title })}</h2>
          <p>${t('nav.printAsOf', { building: b.name, count: b.units.length, time: formatDateTime(asOf) })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">${t('nav.col.unit')}</th>
                <th scope="col" class="num">${t('nav.col.area')}</th>
                <th scope="col">${t('nav.col.owners')}</th>
                <th scope="col">${t('nav.col.note')}</th>
                <th scope="col" class="tick">${t('nav.col.tick')}</th>
                <th scope="col" class="outcome">${t('nav.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              ${b.units.map(
                (u) =>
                  html`<tr>
                    <th scope="row">${u.label}</th>
                    <td class="num">${formatAreaGrouped(u.areaCenti)}</td>
                    <td>${peopleWords(u)}</td>
                    <td>${unitNote(u)}</td>
                    <td class="tick">☐</td>
                    <td></td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>`,
    )}
  </div>`;
}
