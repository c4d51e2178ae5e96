/**
 * The record of grants and revocations under the staff page's list: one line per event where there is
 * room, a card per event on a phone (each value beside its column's name: a table scrolling sideways hid
 * the role, the place and who did it). Add `grantRecordStyles` to the page's styles.
 */
import type { StaffOverview } from '@yishi/core';
import { css, html } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { cardTableStyles } from '../../styles/card-table-styles.js';
import { roleText } from './staff-grants.js';

type GrantEvent = StaffOverview['events'][number];

export function renderGrantRecord(events: GrantEvent[]) {
  return html`<h2 id="events-heading">${t('admin.staff.eventsHeading')}</h2>
    ${
      events.length === 0
        ? html`<p class="state state-empty">${t('admin.staff.noEvents')}</p>`
        : html`<div class="table-wrap as-cards" role="region" aria-labelledby="events-heading" tabindex="0">
            <table class="events" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">${t('admin.staff.colWhen')}</th>
                  <th scope="col" role="columnheader">${t('admin.staff.colAction')}</th>
                  <th scope="col" role="columnheader">${t('admin.staff.colName')}</th>
                  <th scope="col" role="columnheader">${t('admin.staff.colRole')}</th>
                  <th scope="col" role="columnheader">${t('admin.staff.colPlace')}</th>
                  <th scope="col" role="columnheader">${t('admin.staff.colBy')}</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                ${events.map(
                  (e) =>
                    html`<tr role="row">
                      <td role="cell" class="when" data-label=${t('admin.staff.colWhen')}>${formatDateTime(e.at)}</td>
                      <td role="cell" data-label=${t('admin.staff.colAction')}>
                        ${e.action === 'grant' ? t('admin.staff.actionGrant') : t('admin.staff.actionRevoke')}
                      </td>
                      <td role="cell" data-label=${t('admin.staff.colName')}>${e.name}</td>
                      <td role="cell" data-label=${t('admin.staff.colRole')}>
                        ${roleText({ role: e.role, party: e.party, organisation: e.organisation, title: null })}
                      </td>
                      <td role="cell" data-label=${t('admin.staff.colPlace')}>${e.placeLabel}</td>
                      <td role="cell" data-label=${t('admin.staff.colBy')}>${e.byName ?? t('admin.staff.bySetup')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

/** Rows on one line each where there is room; on a phone a card a row (styles/card-table-styles.ts), nothing off the screen. */
export const grantRecordStyles = [
  cardTableStyles,
  css`
    @media (min-width: 40.01rem) {
      table.events td {
        white-space: nowrap;
      }
    }
  `,
];
