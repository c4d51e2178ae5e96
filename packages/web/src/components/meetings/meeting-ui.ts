/**
 * What the meetings pages and components share: building and party names in the reader's language,
 * and the `meeting-changed` event a component fires after a write so the page reloads the meeting.
 */
import { PARTY_LABELS, PARTIES, type Party } from '@yishi/core';
import { pick, t } from '../../i18n.js';

/** "3" → "3栋" / "Building 3"; a building with a name of its own ("A座") keeps it. */
export function buildingLabel(name: string): string {
  return /^\d+$/.test(name) ? t('meetings.buildingName', { name }) : name;
}

/** A party's name, or '' for none (an agenda item no party presents). */
export function partyLabel(party: Party | '' | null): string {
  return party ? pick(PARTY_LABELS[party]) : '';
}

/** Parties in the reader's language, in the order of PARTIES: "街道（社区）、业委会" / "Community, Owners' committee". */
export function partyList(parties: Iterable<Party>): string {
  const chosen = new Set(parties);
  return PARTIES.filter((p) => chosen.has(p))
    .map((p) => pick(PARTY_LABELS[p]))
    .join(t('meetings.listSeparator'));
}

/** Tells the meeting page that the meeting changed (it listens with `@meeting-changed` and reloads). */
export function announceMeetingChanged(from: HTMLElement): void {
  from.dispatchEvent(new CustomEvent('meeting-changed', { bubbles: true, composed: true }));
}
