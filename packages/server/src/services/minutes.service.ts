/**
 * Minutes: generate the draft from the meeting record, keep its text in the live document
 * `minutes-<meetingId>` (co-edited by the secretary and committee), publish version 1 with the
 * convener's approval, and publish corrections as version N+1 with a reason. Published versions are
 * insert-only; the database refuses UPDATE and DELETE on them.
 */
import {
  DomainError,
  MINUTES_TEXT_KEY,
  chinaDate,
  assertCorrection,
  assertFirstPublication,
  generateMinutesDraft,
  latestVersion,
  minutesBlocksToText,
  minutesDocumentName,
  minutesPublishers,
  minutesWriters,
  nextVersionNumber,
  publicationDeadline,
  publishedOnTime,
  timeLeft,
  type GeneratedMinutes,
  type MinutesHeader,
  type MinutesHeaderFields,
  type StaffMinutes,
} from '@yishi/core';
import * as Y from 'yjs';
import type { Actor } from '../auth/actor.js';
import { collabHubFor } from '../collab/attach.js';
import { appendUpdate, loadStoredDocument } from '../collab/persistence.js';
import { listCorrectedAnswers } from '../db/repositories/meetings.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import {
  countMinutesVersions,
  findMinutesDraft,
  insertMinutesVersion,
  listMinutesVersions,
  touchMinutesDraft,
  updateMinutesDraftHeader,
  upsertMinutesDraft,
} from '../db/repositories/minutes.repository.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';
import { assertKindOffers, holdsAny, isMember, loadMeeting, mayRun, type LoadedMeeting } from './meeting-access.js';
import { loadMeetingRecord, loadRecordGaps } from './minutes-record.js';
import { heldAt, readHeader, toVersionView } from './minutes-publications.js';
import { draftHash, maySign, recordSignature, signatureState, signedHeaderFor, type SignatureState } from './minutes-signatures.js';
import { enqueueNotifications } from './notifications.service.js';

/** The secretary and committee (the agenda's editors), and a kind's members: they write the draft. */
function mayWrite(loaded: LoadedMeeting): boolean {
  return holdsAny(loaded.roles, minutesWriters(loaded.kind)) || isMember(loaded);
}
/** The convener side, who publish: the kind's runners (and its members where they run it). */
function mayPublish(loaded: LoadedMeeting): boolean {
  return holdsAny(loaded.roles, minutesPublishers(loaded.kind)) || mayRun(loaded);
}

async function readDraftText(db: Db, meetingId: string): Promise<string> {
  const stored = await loadStoredDocument(db, minutesDocumentName(meetingId));
  const text = stored.doc.getText(MINUTES_TEXT_KEY).toString();
  stored.doc.destroy();
  return text;
}

/**
 * Replaces the draft text from the server (generation, a save through the API, a correction). The
 * change is one Yjs update appended to the document's log, so editors who join later merge it like
 * any edit. While people have the document open the hub holds it in memory and would not see an
 * update written beside it, so then we refuse and ask them to edit in the live editor.
 */
async function replaceDraftText(deps: Deps, trx: Db, meetingId: string, body: string, userId: string): Promise<void> {
  const name = minutesDocumentName(meetingId);
  if (await collabHubFor(deps)?.isLive(name)) throw new DomainError('minutes_draft_live');
  const stored = await loadStoredDocument(trx, name);
  const before = Y.encodeStateVector(stored.doc);
  const text = stored.doc.getText(MINUTES_TEXT_KEY);
  if (text.toString() !== body) {
    stored.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, body);
    });
    await appendUpdate(trx, name, Y.encodeStateAsUpdate(stored.doc, before), userId, deps.clock());
  }
  stored.doc.destroy();
}

/**
 * A closed meeting's minutes as its page shows them: how many versions are published and, where members
 * sign, who has signed — the first published version once there is one, else the draft as it stands
 * (nobody before there is a draft; null for other kinds). The versions are read once for both.
 */
export async function publishedMinutesOf(db: Db, loaded: LoadedMeeting): Promise<{ published: number; signatures: SignatureState | null }> {
  const meetingId = loaded.meeting.id;
  if (!loaded.spec.minutes.memberSignatures) return { published: await countMinutesVersions(db, meetingId), signatures: null };
  const versions = await listMinutesVersions(db, meetingId);
  const first = versions[0];
  const body = first ? first.body : (await findMinutesDraft(db, meetingId)) ? await readDraftText(db, meetingId) : null;
  return { published: versions.length, signatures: await signatureState(db, loaded, body) };
}

/** The staff view of a meeting's minutes: draft, versions, deadline and what the caller may do. */
export async function getMinutes(deps: Deps, actor: Actor, meetingId: string): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  const writer = mayWrite(loaded);
  const publisher = mayPublish(loaded);
  if (!writer && !publisher) throw new DomainError('forbidden');
  const { meeting } = loaded;
  const draft = await findMinutesDraft(deps.db, meetingId);
  const versions = (await listMinutesVersions(deps.db, meetingId)).map(toVersionView);
  const deadline = publicationDeadline(loaded.kind, heldAt(meeting));
  const first = versions[0] ?? null;
  const body = draft ? await readDraftText(deps.db, meetingId) : null;
  const signatures = await signatureState(deps.db, loaded, body);
  // Answers corrected in the talk, for the page to check its draft against (nothing published yet).
  const corrected = draft && !first && loaded.spec.questions ? await listCorrectedAnswers(deps.db, meetingId) : [];
  const correctedAnswers = corrected.map((q) => ({ number: q.number, answer: q.answer ?? '', answeredBy: q.answered_by_name }));
  return {
    meeting: {
      id: meeting.id,
      compoundId: meeting.compound_id,
      kind: meeting.kind,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.starts_at,
      place: meeting.place,
    },
    documentName: minutesDocumentName(meetingId),
    draft: draft
      ? { header: readHeader(draft.header_json), body: body ?? '', generatedAt: draft.generated_at, updatedAt: draft.updated_at, correctedAnswers }
      : null,
    versions,
    deadline,
    timeLeft: deadline && !first ? timeLeft(deadline, deps.clock()) : null,
    publishedOnTime: publishedOnTime(deadline, first?.publishedAt ?? null),
    signatures,
    // Said in the publish dialog while nothing is published (the draft says "未记录" for each such item).
    gaps: first ? null : await loadRecordGaps(deps.db, meeting, loaded.spec),
    may: {
      write: writer,
      // Where members sign, once every one who attended has signed the draft as it stands.
      publish: publisher && draft !== null && (signatures === null || signatures.complete || versions.length > 0),
      sign: maySign(signatures, actor, draft !== null, versions.length > 0),
    },
  };
}

/** Writes (or rewrites) the draft from the meeting record, once the meeting has ended. */
export async function generateMinutes(deps: Deps, actor: Actor, meetingId: string): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayWrite(loaded) && !mayPublish(loaded)) throw new DomainError('forbidden');
  if (loaded.meeting.status !== 'closed') throw new DomainError('minutes_meeting_not_closed');
  // After publication this only rewrites the draft (say, once action items carry their sign-off
  // numbers); the public text changes only through a correction with its reason.
  const record = await loadMeetingRecord(deps.db, meetingId, actor.displayName);
  const document = generateMinutesDraft(record);
  const text = minutesBlocksToText(document.blocks);

  const now = deps.clock().toISOString();
  const deadline = publicationDeadline(loaded.kind, heldAt(loaded.meeting));
  await deps.db.transaction().execute(async (trx) => {
    // One writer of a meeting's draft at a time (across server instances too): the draft row is
    // read-then-written and the document's next update number is the last one + 1.
    await lockRow(trx, 'meetings', meetingId);
    // The heading the secretary corrected stays as corrected: the meeting is closed, so nothing of it comes anew.
    const previous = await findMinutesDraft(trx, meetingId);
    if (previous) Object.assign(document.header, headerFieldsOf(readHeader(previous.header_json)));
    await upsertMinutesDraft(
      trx,
      {
        meeting_id: meetingId,
        compound_id: loaded.meeting.compound_id,
        header_json: JSON.stringify(document.header),
        generated_at: now,
        generated_by_user_id: actor.userId,
        updated_at: now,
      },
      previous !== undefined,
    );
    await replaceDraftText(deps, trx, meetingId, text, actor.userId);
    // Where members sign: those who attended are asked to check and sign this text (once per text).
    if (loaded.spec.minutes.memberSignatures && (await listMinutesVersions(trx, meetingId)).length === 0) {
      await enqueueNotifications(trx, deps, {
        kind: 'minutes_sign_requested',
        meetingId,
        dueDate: deadline ? chinaDate(new Date(deadline)) : '',
        causedByUserId: actor.userId,
        dedupeKey: `minutes_sign_requested:${meetingId}:${draftHash(text)}`,
      });
    }
  });
  return getMinutes(deps, actor, meetingId);
}

/**
 * The text the meeting record gives now, without writing it anywhere: the live editor replaces its
 * document's text with it (as an ordinary edit every connected editor sees), since the server does
 * not write beside a document that is open.
 */
export async function previewGeneratedMinutes(deps: Deps, actor: Actor, meetingId: string): Promise<GeneratedMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayWrite(loaded) && !mayPublish(loaded)) throw new DomainError('forbidden');
  if (loaded.meeting.status !== 'closed') throw new DomainError('minutes_meeting_not_closed');
  const document = generateMinutesDraft(await loadMeetingRecord(deps.db, meetingId, actor.displayName));
  return { header: document.header, body: minutesBlocksToText(document.blocks) };
}

/** Saves the draft text through the API (the web editor edits the live document instead). */
export async function saveMinutesDraft(deps: Deps, actor: Actor, meetingId: string, body: string): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayWrite(loaded) && !mayPublish(loaded)) throw new DomainError('forbidden');
  if (!(await findMinutesDraft(deps.db, meetingId))) throw new DomainError('minutes_no_draft');
  await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'meetings', meetingId);
    await replaceDraftText(deps, trx, meetingId, body, actor.userId);
    await touchMinutesDraft(trx, meetingId, deps.clock().toISOString());
  });
  return getMinutes(deps, actor, meetingId);
}

/**
 * The heading a version is published with: as the meeting record gives it now — who signs the printed
 * copy is who attended as recorded today (a cadre noted late, a duplicate taken back), whenever the draft
 * was generated — with the four fields the secretary corrected.
 */
async function headingAsRecorded(db: Db, meetingId: string, draft: MinutesHeader): Promise<MinutesHeader> {
  const { header } = generateMinutesDraft(await loadMeetingRecord(db, meetingId, draft.recorder));
  return { ...header, ...headerFieldsOf(draft) };
}

/** What a correction may change besides the text: the heading's own fields and who signs the printed copy. */
const headingKey = (h: MinutesHeader) => JSON.stringify([h.recorder, h.issuer, h.convener, h.place, h.signatories.map((s) => [s.name, s.organisation])]);

const headerFieldsOf = (header: MinutesHeader): MinutesHeaderFields => ({
  recorder: header.recorder,
  issuer: header.issuer,
  convener: header.convener,
  place: header.place,
});

/**
 * The secretary corrects the draft's heading (记录人, 落款, convener, place): published with the first
 * version, or after it with the next correction (its reason says why).
 */
export async function saveMinutesHeader(deps: Deps, actor: Actor, meetingId: string, fields: MinutesHeaderFields): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayWrite(loaded) && !mayPublish(loaded)) throw new DomainError('forbidden');
  await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'meetings', meetingId);
    const draft = await findMinutesDraft(trx, meetingId);
    if (!draft) throw new DomainError('minutes_no_draft');
    // After publication the published versions stay as they are: the next correction carries it.
    const header = { ...readHeader(draft.header_json), ...fields };
    await updateMinutesDraftHeader(trx, meetingId, JSON.stringify(header), deps.clock().toISOString());
  });
  return getMinutes(deps, actor, meetingId);
}

async function insertVersion(
  deps: Deps,
  trx: Db,
  actor: Actor,
  loaded: LoadedMeeting,
  header: MinutesHeader,
  body: string,
  reason: string | null,
  version: number,
) {
  await insertMinutesVersion(trx, {
    id: newId(),
    meeting_id: loaded.meeting.id,
    compound_id: loaded.meeting.compound_id,
    version,
    title: header.title,
    header_json: JSON.stringify(header),
    body,
    reason,
    deadline: publicationDeadline(loaded.kind, heldAt(loaded.meeting)),
    published_at: deps.clock().toISOString(),
    published_by_user_id: actor.userId,
    published_by_name: actor.displayName,
  });
}

/**
 * Works on the draft text as stored once every edit received so far is in (the live document is
 * held meanwhile), in a transaction holding the meeting's row lock: what is published or signed is
 * the text as it stands, missing nothing.
 */
async function withStoredDraft(deps: Deps, meetingId: string, work: (trx: Db, body: string) => Promise<void>): Promise<void> {
  const hub = collabHubFor(deps);
  const name = minutesDocumentName(meetingId);
  await hub?.lock(name);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockRow(trx, 'meetings', meetingId);
      await work(trx, await readDraftText(trx, meetingId));
    });
  } finally {
    await hub?.refresh(name);
  }
}

/** The convener approves the draft as it stands and publishes it as version 1. */
export async function publishMinutes(deps: Deps, actor: Actor, meetingId: string): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayPublish(loaded)) throw new DomainError('forbidden');
  const draft = await findMinutesDraft(deps.db, meetingId);
  if (!draft) throw new DomainError('minutes_no_draft');
  await withStoredDraft(deps, meetingId, async (trx, body) => {
    assertFirstPublication(await listMinutesVersions(trx, meetingId), body);
    // Where members sign, every one who attended has signed this very text; the header names them.
    const header = await signedHeaderFor(trx, loaded, await headingAsRecorded(trx, meetingId, readHeader(draft.header_json)), body);
    await insertVersion(deps, trx, actor, loaded, header, body, null, 1);
    await enqueueNotifications(trx, deps, { kind: 'minutes_published', meetingId, causedByUserId: actor.userId });
  });
  return getMinutes(deps, actor, meetingId);
}

/**
 * A member who attended confirms the draft as it stands (我已核对，确认签字), recorded with the time.
 * Before publication only; a draft changed afterwards is signed again.
 */
export async function signMinutes(deps: Deps, actor: Actor, meetingId: string): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  assertKindOffers(loaded, (spec) => spec.minutes.memberSignatures);
  if (!(await findMinutesDraft(deps.db, meetingId))) throw new DomainError('minutes_no_draft');
  await withStoredDraft(deps, meetingId, async (trx, body) => {
    const versions = await listMinutesVersions(trx, meetingId);
    if (versions.length > 0) throw new DomainError('minutes_already_published', { version: latestVersion(versions) });
    await recordSignature(trx, loaded, actor, body, deps.clock().toISOString());
  });
  return getMinutes(deps, actor, meetingId);
}

/** A correction: version N+1 with its reason; earlier versions stay as they were. */
export async function correctMinutes(deps: Deps, actor: Actor, meetingId: string, input: { body: string; reason: string }): Promise<StaffMinutes> {
  const loaded = await loadMeeting(deps.db, meetingId, actor);
  if (!mayPublish(loaded)) throw new DomainError('forbidden');
  const draft = await findMinutesDraft(deps.db, meetingId);
  if (!draft) throw new DomainError('minutes_no_draft');
  await deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'meetings', meetingId);
    const versions = await listMinutesVersions(trx, meetingId);
    if (versions.length === 0) throw new DomainError('minutes_not_published');
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    // Members' signatures are of the first publication's text; a correction keeps who signed it.
    const header = loaded.spec.minutes.memberSignatures
      ? { ...readHeader(latest.header_json), ...headerFieldsOf(readHeader(draft.header_json)) }
      : await headingAsRecorded(trx, meetingId, readHeader(draft.header_json));
    assertCorrection(versions, input.body, input.reason, headingKey(header) !== headingKey(readHeader(latest.header_json)));
    await insertVersion(deps, trx, actor, loaded, header, input.body, input.reason.trim(), nextVersionNumber(versions));
  });
  return getMinutes(deps, actor, meetingId);
}
