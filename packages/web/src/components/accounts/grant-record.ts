/**
 * The record of grants and revocations under the staff page's list: one line per event, the table
 * scrolling sideways on a phone rather than breaking names. Add `grantRecordStyles` to the page's styles.
 */
import type { StaffOverview } from '@yishi/core';
import { css, html } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { roleText } from './staff-grants.js';

type GrantEvent = StaffOverview['events'][number];

export function renderGrantRecord(events: GrantEvent[]) {
  return html`<h2 id="events-heading">${t('admin.staff.eventsHeading')}</h2>
    ${
      events.length === 0
        ? html`<p class="state state-empty">${t('admin.staff.noEvents')}</p>`
        : html`<div class="table-wrap" role="region" aria-labelledby="events-heading" tabindex="0">
            <table class="events">
              <thead>
                <tr>
                  <th scope="col">${t('admin.staff.colWhen')}</th>
                  <th scope="col">${t('admin.staff.colAction')}</th>
                  <th scope="col">${t('admin.staff.colName')}</th>
                  <th scope="col">${t('admin.staff.colRole')}</th>
                  <th scope="col">${t('admin.staff.colPlace')}</th>
                  <th scope="col">${t('admin.staff.colBy')}</th>
                </tr>
              </thead>
              <tbody>
                ${events.map(
                  (e) =>
                    html`<tr>
                      <td class="when">${formatDateTime(e.at)}</td>
                      <td>${e.action === 'grant' ? t('admin.staff.actionGrant') : t('admin.staff.actionRevoke')}</td>
                      <td>${e.name}</td>
                      <td>${roleText({ role: e.role, party: e.party, organisation: e.organisation, title: null })}</td>
                      <td>${e.placeLabel}</td>
                      <td>${e.byName ?? t('admin.staff.bySetup')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

export const grantRecordStyles = css`
  table.events td {
    white-space: nowrap;
  }
`;
