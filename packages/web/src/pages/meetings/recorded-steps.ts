/**
 * A meeting entered after it was held (补录) on the meeting page (meeting-page.ts): its two steps worded for
 * entering — it has no notice, so the entering starts from the draft, and it ends at the time the meeting
 * ended — and a line saying where the entering stands.
 */
import { recordedStepTime, type MeetingSummary } from '@yishi/core';
import { html, nothing } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { t, type MessageKey } from '../../i18n.js';

interface RecordStepWords {
  label: MessageKey;
  title: MessageKey;
  button: MessageKey;
  confirm: MessageKey;
}

const RECORD_STEPS: Record<'start' | 'close', RecordStepWords> = {
  start: { label: 'meeting.recordStart', title: 'meeting.recordStartTitle', button: 'meeting.recordStartConfirm', confirm: 'meeting.confirmRecordStart' },
  close: { label: 'meeting.recordClose', title: 'meeting.recordClose', button: 'meeting.recordCloseConfirm', confirm: 'meeting.confirmRecordClose' },
};

/** The words of a recorded meeting's step, or undefined: the step's usual words. */
export function recordedStep(step: string, m: MeetingSummary): RecordStepWords | undefined {
  return m.recorded && (step === 'start' || step === 'close') ? RECORD_STEPS[step] : undefined;
}

/** What the confirmation says: the time the step will record (the start entered, or its end). */
export function recordedConfirmText(step: string, m: MeetingSummary): string | undefined {
  const words = recordedStep(step, m);
  if (!words) return undefined;
  return t(words.confirm, { time: formatDateTime(recordedStepTime(m, step === 'start' ? 'start' : 'close', new Date())) });
}

/** Where a recorded meeting's entering stands, said under its buttons. */
export function renderRecordedNote(m: MeetingSummary) {
  if (!m.recorded) return nothing;
  const key: MessageKey | null =
    m.status === 'draft'
      ? 'meeting.recordedDraft'
      : m.status === 'in_session'
        ? 'meeting.recordedSession'
        : m.status === 'closed'
          ? 'meeting.recordedClosed'
          : null;
  return key ? html`<p class="muted" role="note">${t(key, { time: formatDateTime(m.startedAt ?? m.startsAt) })}</p>` : nothing;
}
