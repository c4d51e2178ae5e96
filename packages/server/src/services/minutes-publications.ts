/**
 * Published minutes as they are read: a version as the page shows it, the notice board's list (the
 * latest version of each meeting with its history and an extract), one public version, and the
 * minutes work of a compound for its staff (what is published, drafted or overdue). Only reads;
 * writing and publishing live in ./minutes.service.ts.
 */
import {
  DomainError,
  heldStart,
  minutesHeaderSchema,
  publicationDeadline,
  publishedOnTime,
  renderMinutesBodyHtml,
  timeLeft,
  type MinutesHeader,
  type MinutesVersionView,
  type MinutesWork,
  type PageRequest,
  type PublicMinutes,
  type PublicMinutesList,
} from '@yishi/core';
import { findMeeting } from '../db/repositories/meetings.repository.js';
import {
  findMinutesVersion,
  listDraftsOfMeetings,
  listMinutesVersions,
  listMinutesVersionsOfMeetings,
  listPublicationsOfMeetings,
  readMinutesWorkPage,
  readPublishedMeetingsPage,
} from '../db/repositories/minutes.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { MinutesVersionRow } from '../db/tables/minutes.table.js';
import type { Deps } from '../deps.js';

/** When a meeting was held (its session opened), which the deadline and the board go by. */
export function heldAt(meeting: { starts_at: string; started_at: string | null }): string {
  return heldStart({ startsAt: meeting.starts_at, startedAt: meeting.started_at });
}

/** A header stored as JSON (frozen when the draft was generated), read back through its schema. */
export function readHeader(json: string): MinutesHeader {
  return minutesHeaderSchema.parse(JSON.parse(json));
}

export function toVersionView(row: MinutesVersionRow): MinutesVersionView {
  return {
    minutesId: row.id,
    meetingId: row.meeting_id,
    version: row.version,
    title: row.title,
    header: readHeader(row.header_json),
    body: row.body,
    html: renderMinutesBodyHtml(row.body),
    reason: row.reason,
    publishedAt: row.published_at,
    publishedBy: row.published_by_name,
  };
}

/** Published minutes of a compound for the notice board: the latest version of each meeting, with its history. */
export async function listPublicMinutes(db: Db, compoundId: string, page: PageRequest): Promise<PublicMinutesList> {
  if (!(await findCompoundChain(db, compoundId))) throw new DomainError('compound_not_found');
  const meetings = await readPublishedMeetingsPage(db, compoundId, page);
  const rows = await listMinutesVersionsOfMeetings(
    db,
    meetings.rows.map((m) => m.id),
  );
  const byMeeting = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byMeeting.get(row.meeting_id);
    if (list) list.push(row);
    else byMeeting.set(row.meeting_id, [row]);
  }
  const items = [...byMeeting.values()].map((versions) => {
    const latest = versions[0]!;
    const first = versions[versions.length - 1]!;
    return {
      meetingId: latest.meeting_id,
      kind: latest.kind,
      title: latest.title,
      meetingStartsAt: heldAt(latest),
      version: latest.version,
      publishedAt: latest.published_at,
      firstPublishedAt: first.published_at,
      publishedOnTime: publishedOnTime(latest.deadline, first.published_at),
      reason: latest.reason,
      excerpt: excerpt(latest.body),
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at, reason: v.reason })).reverse(),
    };
  });
  return { items, next: meetings.next };
}

/** Where a sentence (or a spoken list's item) ends. */
const SENTENCE_END = /[。！？；!?;…]$/;
const EXCERPT_LENGTH = 80;

/**
 * A short extract for the board: from the second section on (the first lists who attended). Chinese
 * runs on without spaces, so each paragraph and list item ends in its own punctuation or a "；"; a
 * long extract is cut after the last sentence that fits, and marked "…".
 */
function excerpt(body: string): string {
  const lines = body.split('\n');
  const second = lines.findIndex((line, i) => i > 0 && line.startsWith('## '));
  const text = (second > 0 ? lines.slice(second) : lines)
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => (line.startsWith('- ') ? line.slice(2) : line).trim())
    .map((piece) => (SENTENCE_END.test(piece) ? piece : `${piece}；`))
    .join('');
  if (text.length <= EXCERPT_LENGTH) return text.replace(/；$/, '');
  const head = text.slice(0, EXCERPT_LENGTH);
  // The last sentence end that fits, not one inside brackets (“部分同意（同意：…；未同意：…）”).
  let end = -1;
  let open = 0;
  head.split('').forEach((c, i) => {
    if (c === '（') open++;
    else if (c === '）') open = Math.max(0, open - 1);
    else if (open === 0 && SENTENCE_END.test(c)) end = i;
  });
  // No sentence ends within the length (one long sentence): cut it where the length ends.
  const kept = end >= 0 ? head.slice(0, end + 1).replace(/；$/, '') : head;
  return `${kept}…`;
}

/**
 * One published version, public. Without `version`, the latest. Published minutes exist only for
 * meetings of a real compound; a read of an unknown meeting is 404.
 */
export async function getPublicMinutesVersion(db: Db, meetingId: string, version?: number): Promise<PublicMinutes> {
  if (!(await findMeeting(db, meetingId))) throw new DomainError('minutes_not_found');
  const versions = await listMinutesVersions(db, meetingId);
  if (versions.length === 0) throw new DomainError('minutes_not_found');
  const row = version === undefined ? versions[versions.length - 1]! : await findMinutesVersion(db, meetingId, version);
  if (!row) throw new DomainError('minutes_version_not_found', { version: version ?? 0 });
  return {
    ...toVersionView(row),
    compoundId: row.compound_id,
    latestVersion: versions[versions.length - 1]!.version,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at, reason: v.reason, publishedBy: v.published_by_name })),
  };
}

/**
 * The minutes work of a compound for its staff, a page at a time: each held meeting with the state of
 * its minutes (none, draft, published), the deadline and time left while unpublished, and whether the
 * first version came out on time. Unpublished ones first, oldest held first — so the convener sees
 * the overdue ones first — then the published ones, newest first.
 */
export async function listCompoundMinutesWork(deps: Deps, compoundId: string, page: PageRequest): Promise<MinutesWork> {
  const { rows: meetings, next } = await readMinutesWorkPage(deps.db, compoundId, page);
  const ids = meetings.map((m) => m.id);
  const drafts = new Set((await listDraftsOfMeetings(deps.db, ids)).map((d) => d.meeting_id));
  const published = new Map((await listPublicationsOfMeetings(deps.db, ids)).map((v) => [v.meeting_id, v]));
  const now = deps.clock();
  const items = meetings.map((m) => {
    const deadline = publicationDeadline(m.kind, heldAt(m));
    const v = published.get(m.id);
    return {
      meetingId: m.id,
      kind: m.kind,
      title: m.title,
      startsAt: heldAt(m),
      state: v ? ('published' as const) : drafts.has(m.id) ? ('draft' as const) : ('none' as const),
      version: v ? Number(v.latest) : null,
      deadline,
      timeLeft: !v && deadline ? timeLeft(deadline, now) : null,
      publishedOnTime: v ? publishedOnTime(deadline, v.firstPublishedAt) : null,
    };
  });
  return { items, next };
}
