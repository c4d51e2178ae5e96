/**
 * The confirmation before an agenda item's outcome turns it into an action item: the ledger only
 * grows, so what will be listed is said first (title, the description the note becomes, the
 * responsible unit, the deadline in working days). Its way back closes it and leaves the form as typed.
 */
import { DEFAULT_DEADLINE_WORKDAYS } from '@yishi/core';
import { html } from 'lit';
import { t } from '../../i18n.js';

export interface ListingPreview {
  title: string;
  description: string;
  unit: string;
}

export const LISTING_DIALOG_ID = 'confirm-listing';

export function renderListingConfirm(preview: ListingPreview | null, busy: boolean, onBack: () => void, onConfirm: () => void) {
  const row = (label: string, value: string) =>
    html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  return html`<dialog class="dialog" id=${LISTING_DIALOG_ID} aria-labelledby="confirm-listing-title" @close=${onBack}>
    <h2 id="confirm-listing-title">${t('meeting.listConfirmTitle')}</h2>
    ${
      preview
        ? html`<p>${t('meeting.outcomeWillList')}</p>
            <dl class="listing">
              ${row(t('meeting.listTitle'), preview.title)} ${row(t('meeting.listDescription'), preview.description)}
              ${row(t('meeting.responsibleUnit'), preview.unit)}
              ${row(t('meeting.listDeadline'), t('meeting.listDeadlineDays', { days: DEFAULT_DEADLINE_WORKDAYS }))}
              ${row(t('meeting.listMeasures'), t('meeting.listMeasuresLater'))}
            </dl>`
        : ''
    }
    <div class="actions">
      <button class="button" type="button" @click=${onBack}>${t('questions.cancel')}</button>
      <button class="button primary" type="button" ?disabled=${busy} aria-busy=${busy} @click=${onConfirm}>${t('meeting.listConfirmButton')}</button>
    </div>
  </dialog>`;
}
