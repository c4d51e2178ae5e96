/**
 * What the roster import page (roster-import-page.ts) shows, before importing, of the units already on
 * the roster that the file changes: each flat with its row in the file, and what changes (its owners,
 * residents, area, whether the developer holds it, the phone of an owner or resident it keeps), before →
 * after, phones masked. A row typed under the wrong flat replaces that flat's owners; the figures alone
 * ("更新房屋 1") did not say which.
 */
import { ROSTER_CHANGES_LISTED, formatAreaCenti, maskPhone, type AreaSource, type RosterUnitChange } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { t } from '../../i18n.js';

export const rosterChangesStyles = css`
  .changes .unit {
    white-space: nowrap;
  }
  .changes .line {
    display: block;
    color: var(--yishi-muted);
    font-size: 0.875em;
    font-weight: normal;
  }
  .changes ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .changes del {
    color: var(--yishi-danger-text);
  }
  .changes ins {
    text-decoration: none;
    font-weight: 600;
  }
`;

const names = (list: string[]) => (list.length > 0 ? list.join('、') : t('roster.nobody'));
const yesNo = (value: boolean) => (value ? t('roster.yes') : t('roster.no'));
/** An area, with where it comes from only when that changes too. */
const area = (centi: number, source: AreaSource, sourceChanged: boolean) =>
  `${formatAreaCenti(centi)} ㎡${sourceChanged ? `（${t(`roster.source.${source}`)}）` : ''}`;

/** One line of a change: what, the value before (struck through for a screen reader as "原为") and after. */
function what(label: string, from: string, to: string) {
  return html`<li>
    ${label}：<del><span class="visually-hidden">${t('roster.was')}</span>${from}</del> →
    <ins><span class="visually-hidden">${t('roster.becomes')}</span>${to}</ins>
  </li>`;
}

function renderArea({ from, to, fromSource, toSource }: NonNullable<RosterUnitChange['area']>) {
  const sourceChanged = fromSource !== toSource;
  return what(t('roster.changeArea'), area(from, fromSource, sourceChanged), area(to, toSource, sourceChanged));
}

function renderChange(change: RosterUnitChange) {
  return html`<tr>
    <th scope="row" class="unit">${change.unit}<span class="line">${t('roster.changeLine', { line: change.line })}</span></th>
    <td>
      <ul>
        ${change.owners ? what(t('roster.changeOwners'), names(change.owners.from), names(change.owners.to)) : nothing}
        ${change.residents ? what(t('roster.changeResidents'), names(change.residents.from), names(change.residents.to)) : nothing}
        ${(change.phones ?? []).map(({ name, from, to }) => what(t('roster.changePhone', { name }), maskPhone(from) ?? t('roster.nobody'), maskPhone(to)!))}
        ${change.area ? renderArea(change.area) : nothing}
        ${change.developerHeld ? what(t('roster.changeDeveloperHeld'), yesNo(change.developerHeld.from), yesNo(change.developerHeld.to)) : nothing}
      </ul>
    </td>
  </tr>`;
}

/** The table of changed units (nothing when the file changes none), under its own heading. */
export function renderRosterChanges(changes: RosterUnitChange[], updated: number) {
  if (changes.length === 0) return nothing;
  return html`<h3 id="changes-heading">${t('roster.changesHeading', { count: updated })}</h3>
    <p class="muted">${t('roster.changesHelp')}</p>
    <div class="table-wrap" role="region" aria-labelledby="changes-heading" tabindex="0">
      <table class="changes">
        <thead>
          <tr>
            <th scope="col">${t('roster.changeUnit')}</th>
            <th scope="col">${t('roster.changeWhat')}</th>
          </tr>
        </thead>
        <tbody>
          ${changes.map(renderChange)}
        </tbody>
      </table>
    </div>
    ${updated > changes.length ? html`<p class="muted">${t('roster.changesMore', { listed: ROSTER_CHANGES_LISTED, more: updated - changes.length })}</p>` : nothing}`;
}
