/**
 * What the meetings pages and components share: building and party names in the reader's language,
 * and the `meeting-changed` event a component fires after a write so the page reloads the meeting.
 */
import { PARTY_LABELS, PARTIES, heldAtAnotherTime, type MeetingSummary, type Party, type RecordGaps } from '@yishi/core';
import { html, nothing } from 'lit';
import { formatDate, formatDateTime, formatTime } from '../../format/format.js';
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

/**
 * When a meeting is or was held: before it opens, the scheduled time; from then on the time it was
 * held ("2026年11月19日（周四） 09:00—10:50"), with the scheduled time beside it where the notice
 * said another day or hour (core's heldAtAnotherTime).
 */
export function meetingWhen(m: Pick<MeetingSummary, 'startsAt' | 'startedAt' | 'closedAt'>): string {
  if (!m.startedAt) return formatDateTime(m.startsAt);
  let text = formatDateTime(m.startedAt);
  if (m.closedAt) text += `—${formatDate(m.closedAt) === formatDate(m.startedAt) ? '' : `${formatDate(m.closedAt)} `}${formatTime(m.closedAt)}`;
  if (heldAtAnotherTime(m)) text += t('meeting.scheduledFor', { time: formatDateTime(m.startsAt) });
  return text;
}

/**
 * What the record still lacks, said before an irreversible step (closing the session, publishing the
 * minutes): "还有 2 个议题没有记录议定结果", "未达到法定人数，缺：业委会、物业企业" (core's recordGaps).
 */
export function recordGapWarnings(gaps: RecordGaps | null, before: 'close' | 'publish') {
  if (!gaps) return nothing;
  const { unrecordedOutcomes: count, missingParties: missing } = gaps;
  const outcomes = before === 'close' ? 'meeting.outcomesMissing' : 'minutes.outcomesMissing';
  return html`${count > 0 ? html`<p class="warning">${t(outcomes, { count })}</p>` : nothing}
  ${missing.length > 0 ? html`<p class="warning">${t('meeting.noQuorumRecorded', { parties: partyList(missing) })}</p>` : nothing}`;
}

/** Tells the meeting page that the meeting changed (it listens with `@meeting-changed` and reloads). */
export function announceMeetingChanged(from: HTMLElement): void {
  from.dispatchEvent(new CustomEvent('meeting-changed', { bubbles: true, composed: true }));
}
