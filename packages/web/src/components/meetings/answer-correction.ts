/**
 * Correcting an answer given on the spot (修改答复), as the questions panel (questions-panel.ts) shows
 * it: the button on an answered question, the answer form opened with the answer as it was, the note
 * that an answer was corrected (and when), and a refusal said under the form in words. The correction
 * goes out through the outbox like the panel's other writes (kind 'correct', with its own
 * Idempotency-Key); the server refuses it once the minutes are published, when the minutes' own
 * correction applies (the button is not offered then).
 */
import { answerCorrectionOpen, type MeetingView, type QuestionView } from '@yishi/core';
import { html, nothing } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

/** The form's state: it starts from the answer as it was when opened (a reload meanwhile does not overwrite what is typed). */
export type Correction = { id: string; kind: 'correct'; answer: string; answeredByName: string };

export const correctionOf = (id: string, q: QuestionView): Correction => ({
  id,
  kind: 'correct',
  answer: q.answer ?? '',
  answeredByName: q.answeredByName ?? '',
});

/** Whether staff may correct answers of this meeting now: in session or closed, its minutes not published. */
export const mayCorrect = (view: MeetingView): boolean => view.permissions.record && answerCorrectionOpen(view.meeting.status, view.minutesPublished);

/** After a corrected answer: when it was corrected. */
export const correctedNote = (q: QuestionView) =>
  q.answerCorrectedAt ? html`<span class="muted">${t('questions.answerCorrected', { time: formatDateTime(q.answerCorrectedAt) })}</span>` : nothing;

export const correctButton = (open: () => void) => html`<div class="actions"><button class="button" @click=${open}>${t('questions.correct')}</button></div>`;

/** Under the correction's fields: what it is for and what follows from it. */
export const correctionHint = () => html`<p class="muted">${t('questions.correctHint')}</p>`;

/** Under the form: the server's refusal (a correction is refused once the minutes are published), in words. */
export const correctionRefusal = (error: string | null) => (error ? html`<p class="alert danger refusal" role="alert">${error}</p>` : nothing);
