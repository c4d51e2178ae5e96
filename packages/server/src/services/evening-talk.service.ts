/**
 * Residents' questions, at the kinds of meeting whose spec has them (the evening talk): residents
 * submit questions before the talk (from the board's link or QR code) and during it; staff record
 * questions from the floor. Each is answered on the spot, listed for follow-up — it becomes an action
 * item, due in 5 working days unless the worker gives another number — or merged into a duplicate.
 * An answer may be corrected afterwards (a typo, the wrong official's name) until the minutes are out.
 */
import {
  DomainError,
  MEETING_RECORDERS,
  QUESTION_ASKERS,
  answerCorrectionOpen,
  assertAnswerCorrectable,
  assertQuestionHandleable,
  askerNameWithoutBuilding,
  chinaDate,
  countQuestions,
  deadlineCountsFrom,
  maskAskerName,
  meetingStepRefused,
  questionsOpen,
  recordingOpen,
  type AnswerQuestionInput,
  type ListQuestionInput,
  type MeetingKindSpec,
  type PageRequest,
  type QuestionCounts,
  type QuestionStatus,
  type QuestionView,
  type SubmitQuestionInput,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import {
  claimRaisedQuestion,
  findBuildingOfCompound,
  findQuestion,
  insertQuestion,
  type listQuestions,
  nextQuestionNumber,
  questionStatuses,
  readQuestionsPage,
  reviseAnswer,
  updateQuestion,
} from '../db/repositories/meetings.repository.js';
import { countMinutesVersions } from '../db/repositories/minutes.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { createActionItem } from './action-items.service.js';
import { idempotent, type IdempotentRequest, type InTransaction } from './idempotency.js';
import { assertKindOffers, holdsAny, loadMeeting, lockMeeting, type LoadedMeeting } from './meeting-access.js';
import { enqueueNotifications } from './notifications.service.js';

const takesQuestions = (spec: MeetingKindSpec): boolean => spec.questions;

export async function countQuestionsOf(db: Db, meetingId: string): Promise<QuestionCounts> {
  return countQuestions(await questionStatuses(db, meetingId));
}

type QuestionListRow = Awaited<ReturnType<typeof listQuestions>>[number];

/**
 * Staff see who asked (unless anonymous), without the building typed into the name when the question
 * has its building; the public sees only "anonymous" or the name masked (core/meetings/asker-names).
 */
export function questionView(q: QuestionListRow, forStaff: boolean): QuestionView {
  const typed = q.anonymous === 1 ? null : (q.asker_name ?? q.askerDisplayName);
  const named = typed !== null && q.building_id !== null ? askerNameWithoutBuilding(typed) : typed;
  return {
    id: q.id,
    number: q.number,
    status: q.status,
    anonymous: q.anonymous === 1,
    askerName: forStaff ? named : named ? maskAskerName(named) : null,
    buildingId: q.building_id,
    buildingName: q.buildingName,
    category: q.category,
    text: q.text,
    answer: q.answer,
    answeredByName: q.answered_by_name,
    answerCorrectedAt: q.answer_corrected_at,
    measures: q.measures,
    mergedIntoId: q.merged_into_id,
    actionItemId: q.action_item_id,
    createdAt: q.created_at,
  };
}

/** A page of the meeting's questions, with the counts of all of them. */
export async function readQuestionsOf(deps: Deps, meetingId: string, forStaff: boolean, page: PageRequest) {
  const { rows, next } = await readQuestionsPage(deps.db, meetingId, page);
  return { items: rows.map((r) => questionView(r, forStaff)), next, counts: await countQuestionsOf(deps.db, meetingId) };
}

export async function getQuestions(deps: Deps, actor: Actor, meetingId: string, page: PageRequest) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, takesQuestions);
  if (loaded.roles.size === 0) throw new DomainError('forbidden');
  return readQuestionsOf(deps, meetingId, holdsAny(loaded.roles, MEETING_RECORDERS), page);
}

type Submitted = { id: string; number: number; counts: QuestionCounts };
type Handled = { counts: QuestionCounts };
type Listed = Handled & { actionItemId: string };

/** With an Idempotency-Key (`once`), a repeat answers what the first answered and records nothing more. */
export function submitQuestion(deps: Deps, actor: Actor, meetingId: string, input: SubmitQuestionInput, once?: IdempotentRequest) {
  return idempotent<Submitted>(deps, actor.userId, once, (inTransaction) => recordQuestion(deps, actor, meetingId, input, inTransaction));
}

async function recordQuestion(deps: Deps, actor: Actor, meetingId: string, input: SubmitQuestionInput, inTransaction: InTransaction<Submitted>) {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, takesQuestions);
  if (!holdsAny(loaded.roles, QUESTION_ASKERS)) throw new DomainError('forbidden');
  if (!questionsOpen(loaded.meeting.status)) throw new DomainError('questions_not_open');
  const staff = holdsAny(loaded.roles, MEETING_RECORDERS);
  if (input.buildingId && !(await findBuildingOfCompound(deps.db, loaded.meeting.compound_id, input.buildingId))) throw new DomainError('validation_failed');
  const id = newId();
  const recordedForSomeoneElse = staff && input.askerName !== undefined;
  return inTransaction(async (trx) => {
    // The meeting's lock serialises numbering (max + 1) and is where a talk closed meanwhile is seen.
    if (!questionsOpen((await lockMeeting(trx, meetingId)).status)) throw new DomainError('questions_not_open');
    const next = await nextQuestionNumber(trx, meetingId);
    await insertQuestion(trx, {
      id,
      meeting_id: meetingId,
      compound_id: loaded.meeting.compound_id,
      number: next,
      status: 'raised',
      asked_by_user_id: input.anonymous || recordedForSomeoneElse ? null : actor.userId,
      asker_name: recordedForSomeoneElse && !input.anonymous ? (input.askerName ?? null) : null,
      anonymous: input.anonymous ? 1 : 0,
      recorded_by_user_id: staff ? actor.userId : null,
      building_id: input.buildingId,
      category: input.category,
      text: input.text,
      answer: null,
      answered_by: null,
      answered_by_name: null,
      answer_corrected_at: null,
      answer_corrected_by: null,
      measures: null,
      merged_into_id: null,
      action_item_id: null,
      handled_at: null,
      created_at: deps.clock().toISOString(),
    });
    await enqueueNotifications(trx, deps, { kind: 'concern_recorded', questionId: id, causedByUserId: actor.userId });
    return { id, number: next, counts: await countQuestionsOf(trx, meetingId) };
  });
}

/** The error for a question someone else handled in the meantime, naming what it became. */
async function questionNoLongerRaised(db: Db, meetingId: string, questionId: string): Promise<DomainError> {
  const now = await findQuestion(db, meetingId, questionId);
  return new DomainError('question_closed', { status: now?.status ?? 'raised' });
}

async function loadForHandling(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  questionId: string,
  /** What the question must be for this step: raised (answer, list, merge) unless told otherwise. */
  assertStatus: (status: QuestionStatus) => void = assertQuestionHandleable,
): Promise<{ loaded: LoadedMeeting; question: NonNullable<Awaited<ReturnType<typeof findQuestion>>> }> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, takesQuestions);
  if (!holdsAny(loaded.roles, MEETING_RECORDERS)) throw new DomainError('forbidden');
  const status = loaded.meeting.status;
  // Answers are given in the hall; staff may finish recording right after the talk closes.
  if (!recordingOpen(status)) throw meetingStepRefused(status, 'handle_question');
  const question = await findQuestion(deps.db, meetingId, questionId);
  if (!question) throw new DomainError('question_not_found');
  assertStatus(question.status);
  return { loaded, question };
}

export function answerQuestion(deps: Deps, actor: Actor, meetingId: string, questionId: string, input: AnswerQuestionInput, once?: IdempotentRequest) {
  return idempotent<Handled>(deps, actor.userId, once, async (inTransaction) => {
    const { question } = await loadForHandling(deps, actor, meetingId, questionId);
    return inTransaction(async (trx) => {
      const done = await claimRaisedQuestion(trx, question.id, {
        status: 'answered',
        answer: input.answer,
        answered_by: actor.userId,
        answered_by_name: input.answeredByName,
        handled_at: deps.clock().toISOString(),
      });
      if (!done) throw await questionNoLongerRaised(trx, meetingId, question.id);
      await enqueueNotifications(trx, deps, { kind: 'concern_answered', questionId: question.id, causedByUserId: actor.userId });
      return { counts: await countQuestionsOf(trx, meetingId) };
    });
  });
}

/**
 * Corrects an answer given on the spot: its words and who gave it, with the time and the account of
 * the correction kept beside it (the answer keeps its own). Refused once the minutes are published:
 * the published text is then what counts and changes only by a correction of the minutes; the
 * meeting's lock, which publishing takes too, keeps the two from crossing. The same answer sent
 * again changes nothing and records no correction.
 */
export function correctAnswer(deps: Deps, actor: Actor, meetingId: string, questionId: string, input: AnswerQuestionInput, once?: IdempotentRequest) {
  return idempotent<Handled>(deps, actor.userId, once, async (inTransaction) => {
    // Answered is for good: no later step takes a question out of it.
    const { loaded, question } = await loadForHandling(deps, actor, meetingId, questionId, assertAnswerCorrectable);
    return inTransaction(async (trx) => {
      await lockMeeting(trx, meetingId);
      const published = await countMinutesVersions(trx, meetingId);
      if (!answerCorrectionOpen(loaded.meeting.status, published)) throw new DomainError('question_answer_minutes_published', { version: published });
      // Read under the lock: a correction sent meanwhile by someone else is what this one is compared with.
      const current = await findQuestion(trx, meetingId, question.id);
      if (current?.answer !== input.answer || current.answered_by_name !== input.answeredByName) {
        await reviseAnswer(trx, question.id, {
          answer: input.answer,
          answered_by_name: input.answeredByName,
          answer_corrected_at: deps.clock().toISOString(),
          answer_corrected_by: actor.userId,
        });
        // The asker was told the answer: told again when its words change.
        if (current?.answer !== input.answer)
          await enqueueNotifications(trx, deps, { kind: 'concern_answer_corrected', questionId: question.id, causedByUserId: actor.userId });
      }
      return { counts: await countQuestionsOf(trx, meetingId) };
    });
  });
}

/** Onto the question list: an action item in the same transaction, its id kept on the question. */
export function listQuestionForFollowUp(deps: Deps, actor: Actor, meetingId: string, questionId: string, input: ListQuestionInput, once?: IdempotentRequest) {
  return idempotent<Listed>(deps, actor.userId, once, (inTransaction) => listForFollowUp(deps, actor, meetingId, questionId, input, inTransaction));
}

async function listForFollowUp(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  questionId: string,
  input: ListQuestionInput,
  inTransaction: InTransaction<Listed>,
) {
  const { loaded, question } = await loadForHandling(deps, actor, meetingId, questionId);
  return inTransaction(async (trx) => {
    // Claim the question first: a second "list" of the same question finds it claimed and the whole
    // transaction, action item included, is rolled back.
    const now = deps.clock();
    const claimed = await claimRaisedQuestion(trx, question.id, { status: 'listed', measures: input.measures, handled_at: now.toISOString() });
    if (!claimed) throw new DomainError('question_closed', { status: 'listed' });
    const created = await createActionItem(trx, deps, {
      compoundId: loaded.meeting.compound_id,
      title: question.text.length > 40 ? `${question.text.slice(0, 40)}…` : question.text,
      description: question.text,
      source: { kind: 'evening_question', id: question.id, meetingId },
      responsibleUnit: input.responsibleUnit ?? null,
      createdByUserId: actor.userId,
      measures: input.measures,
      deadlineWorkdays: input.deadlineWorkdays,
      // A listing that waited in the worker's outbox counts from the day it was made, not the day it arrived.
      deadlineFrom: deadlineCountsFrom(input.listedOn, chinaDate(now), chinaDate(new Date(loaded.meeting.created_at))),
    });
    await updateQuestion(trx, question.id, { action_item_id: created.id });
    await enqueueNotifications(trx, deps, { kind: 'concern_listed', questionId: question.id, causedByUserId: actor.userId });
    return { actionItemId: created.id, counts: await countQuestionsOf(trx, meetingId) };
  });
}

export function mergeQuestion(deps: Deps, actor: Actor, meetingId: string, questionId: string, intoQuestionId: string, once?: IdempotentRequest) {
  return idempotent<Handled>(deps, actor.userId, once, async (inTransaction) => {
    const { question } = await loadForHandling(deps, actor, meetingId, questionId);
    if (intoQuestionId === questionId) throw new DomainError('question_merge_self');
    return inTransaction(async (trx) => {
      // Under the meeting's lock, so that "A into B" and "B into A" at once cannot both pass the target
      // check and leave two questions merged into each other.
      await lockMeeting(trx, meetingId);
      const target = await findQuestion(trx, meetingId, intoQuestionId);
      if (!target || target.status === 'merged') throw new DomainError('question_merge_target');
      const claimed = await claimRaisedQuestion(trx, question.id, { status: 'merged', merged_into_id: target.id, handled_at: deps.clock().toISOString() });
      if (!claimed) throw await questionNoLongerRaised(trx, meetingId, question.id);
      return { counts: await countQuestionsOf(trx, meetingId) };
    });
  });
}
