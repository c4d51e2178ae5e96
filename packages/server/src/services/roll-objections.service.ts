/**
 * The roll check (名册核对): while an owners'-assembly vote is announced, its frozen roll is published
 * — each unit, its area and how heads are counted, never an owner's name — and an owner may ask for
 * a correction of their own entry until roll_check_ends_at. The vote's organisers resolve each
 * request with a recorded reason; an upheld one corrects the frozen roll (area, developer-held,
 * owners re-read from the register), records the entry before and after, publishes a notice, and the
 * owner is told. Voting cannot open while any request is unresolved (openRollObjectionCount).
 */
import {
  DomainError,
  headKeyOf,
  type CreateRollObjectionInput,
  type HeadRule,
  type Locale,
  type PublicRollEntry,
  type ResolveRollObjectionInput,
  type RollCheck,
  type RollEntryValues,
  type RollObjectionView,
  formatBeijingMinute,
  decodeCursor,
  encodeCursor,
  type RollCheckQuery,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { lockRow } from '../db/dialect.js';
import { newId } from '../db/ids.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as objections from '../db/repositories/vote-objections.repository.js';
import * as votes from '../db/repositories/votes.repository.js';
import type { RollObjectionRow } from '../db/tables/vote-objections.table.js';
import type { VoteElectorateRow, VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { letOthersRun } from './export-pages.js';
import { enqueueNotifications } from './notifications.service.js';
import { publishVoteNotice } from './vote-objection-notices.js';
import { electorateEntries, ownersOnRoll } from './votes.service.js';
import { byRollOrder, readWholeRoll } from './whole-roll.js';

/** Roll correction requests of this vote still unresolved: opening is refused while any is open. */
export function openRollObjectionCount(db: Db, voteId: string): Promise<number> {
  return objections.countOpenRollObjections(db, voteId);
}

const HEAD_RULES_TEXT = {
  'zh-CN': '业主人数按以下规则计算：每套房屋的业主计 1 人；同一业主名下有多套房屋的，合计计 1 人；开发商未售出的房屋合计计为 1 人。面积为专有部分面积。',
  en: 'Owners are counted as heads this way: the owner(s) of each unit count as 1 head; one owner holding several units counts as 1 head in all; the units the developer has not sold count as 1 head together. Areas are the exclusive floor areas.',
};

function valuesOf(entry: Pick<VoteElectorateRow, 'area_centi' | 'developer_held' | 'owner_person_ids'>): RollEntryValues {
  return { areaCenti: entry.area_centi, developerHeld: entry.developer_held === 1, ownerCount: ownersOnRoll(entry).length };
}

/** Whether the caller owns this entry: on the title when the roll was frozen, or in the register now (a sold unit counted as the developer's). */
function ownsEntry(actor: Actor | null, entry: Pick<VoteElectorateRow, 'unit_id' | 'owner_person_ids'>): boolean {
  if (!actor?.personId || !entry.unit_id) return false;
  return ownersOnRoll(entry).includes(actor.personId) || actor.ownedUnits.some((u) => u.unitId === entry.unit_id);
}

type ObjectionListRow = Awaited<ReturnType<typeof objections.listRollObjections>>[number];

export function rollObjectionView(row: RollObjectionRow | ObjectionListRow, label: string, withName: boolean): RollObjectionView {
  const name = 'person_name' in row ? (row.person_name ?? row.user_name ?? null) : null;
  return {
    id: row.id,
    voteId: row.vote_id,
    voterKey: row.voter_key,
    unitLabel: label,
    kind: row.kind,
    text: row.text,
    claimedAreaCenti: row.claimed_area_centi,
    status: row.status,
    raisedByName: withName ? name : null,
    createdAt: row.created_at,
    resolutionReason: row.resolution_reason,
    resolvedAt: row.resolved_at,
    before: row.before_json ? (JSON.parse(row.before_json) as RollEntryValues) : null,
    after: row.after_json ? (JSON.parse(row.after_json) as RollEntryValues) : null,
  };
}

/** Numbers the heads of the roll in roll order and says for each entry how it counts. */
function publicEntries(
  vote: VoteRow,
  rows: VoteElectorateRow[],
  actor: Actor | null,
  names: Map<string, string>,
): { entries: PublicRollEntry[]; heads: number } {
  const entries = electorateEntries(rows);
  const keys = entries.map((e) => headKeyOf(e, vote.electorate_kind));
  const members = new Map<string, number>();
  for (const key of keys) members.set(key, (members.get(key) ?? 0) + 1);
  const numbers = new Map<string, number>();
  const out = rows.map((row, i): PublicRollEntry => {
    const key = keys[i]!;
    if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
    const headNumber = numbers.get(key)!;
    const together = members.get(key)!;
    const headRule: HeadRule = row.developer_held === 1 ? 'developer' : together > 1 ? 'same_owner' : 'single';
    const headText =
      headRule === 'developer'
        ? {
            'zh-CN': `开发商未售房屋（共 ${together} 套）合计计为 1 人（第 ${headNumber} 人）`,
            en: `Unsold developer units (${together} in all) count together as 1 head (head ${headNumber})`,
          }
        : headRule === 'same_owner'
          ? {
              'zh-CN': `同一业主名下 ${together} 套房屋合计计 1 人（第 ${headNumber} 人）`,
              en: `One owner's ${together} units count together as 1 head (head ${headNumber})`,
            }
          : { 'zh-CN': `计 1 人（第 ${headNumber} 人）`, en: `1 head (head ${headNumber})` };
    const mine = ownsEntry(actor, row);
    return {
      voterKey: row.voter_key,
      label: row.label,
      areaCenti: row.area_centi,
      developerHeld: row.developer_held === 1,
      headRule,
      headNumber,
      headText,
      mine,
      ownerNames: mine ? ownersOnRoll(row).map((id) => names.get(id) ?? '') : null,
    };
  });
  return { entries: out, heads: numbers.size };
}

function acceptingObjections(vote: VoteRow, now: Date): boolean {
  return vote.status === 'announced' && vote.roll_check_ends_at !== null && now.getTime() < Date.parse(vote.roll_check_ends_at);
}

/**
 * One page of the published roll. Head numbers and "counted together" need the whole roll, so it is
 * numbered whole and then cut: `entries` are in roll order (readWholeRoll's: 2栋 before 10栋), and the
 * page starts right after the cursor's (sort key, voter key); `sortKeys` holds each entry's key.
 */
function rollPage(
  entries: PublicRollEntry[],
  sortKeys: ReadonlyMap<string, string>,
  query: RollCheckQuery,
): { items: PublicRollEntry[]; next: string | null; matching: number } {
  const q = query.q ?? '';
  const matching = q ? entries.filter((e) => e.label.includes(q)) : entries;
  const place = (e: PublicRollEntry) => ({ sort_key: sortKeys.get(e.voterKey) ?? '', voter_key: e.voterKey });
  let from = 0;
  if (query.after !== undefined) {
    const after = decodeCursor(query.after);
    if (!after || after.length !== 2 || typeof after[0] !== 'string' || typeof after[1] !== 'string') throw new DomainError('page_cursor_invalid');
    const key = { sort_key: after[0], voter_key: after[1] };
    while (from < matching.length && byRollOrder(place(matching[from]!), key) <= 0) from++;
  }
  const items = matching.slice(from, from + query.limit);
  const last = items.at(-1);
  const next = last && from + query.limit < matching.length ? encodeCursor([place(last).sort_key, last.voterKey]) : null;
  return { items, next, matching: matching.length };
}

/** The roll as published for checking; public, with the caller's own entries named. */

export async function getRollCheck(deps: Deps, actor: Actor | null, voteId: string, _locale: Locale, query: RollCheckQuery): Promise<RollCheck> {
  const vote = await votes.findVote(deps.db, voteId);
  // A draft's roll is not frozen yet: there is nothing to check.
  if (!vote || vote.status === 'draft') throw new DomainError('vote_not_found');
  // A residents' poll's roll is people by name: never published.
  if (vote.electorate_kind === 'residents') throw new DomainError('roll_check_owners_only');
  const rows = await readWholeRoll(deps.db, voteId);
  // The whole roll read, then paged here: other requests run between the read and the paging (10,000 units).
  await letOthersRun();
  const ownIds = rows.filter((r) => ownsEntry(actor, r)).flatMap((r) => ownersOnRoll(r));
  const { entries, heads } = publicEntries(vote, rows, actor, await objections.listPersonNames(deps.db, ownIds));
  const page = rollPage(entries, new Map(rows.map((r) => [r.voter_key, r.sort_key])), query);
  const labels = new Map(rows.map((r) => [r.voter_key, r.label]));
  const all = await objections.listRollObjections(deps.db, voteId);
  return {
    voteId,
    compoundId: vote.compound_id,
    title: vote.title,
    status: vote.status,
    frozen: rows.length > 0,
    rollCheckEndsAt: vote.roll_check_ends_at,
    accepting: acceptingObjections(vote, deps.clock()),
    headRulesText: HEAD_RULES_TEXT,
    totals: { units: rows.length, heads, areaCenti: rows.reduce((sum, r) => sum + r.area_centi, 0) },
    entries: page.items,
    next: page.next,
    matching: page.matching,
    mine: entries.filter((e) => e.mine),
    myObjections: actor ? all.filter((o) => o.raised_by_user_id === actor.userId).map((o) => rollObjectionView(o, labels.get(o.voter_key) ?? '', true)) : [],
    // Public: what was corrected and why, in staff's words; never the owner's own text, which may name people.
    corrections: all
      .filter((o) => o.status === 'upheld')
      .map((o) => ({ ...rollObjectionView(o, labels.get(o.voter_key) ?? '', false), text: '', claimedAreaCenti: null })),
  };
}

/** An owner asks for a correction of their own entry, within the roll check. */
export async function raiseRollObjection(deps: Deps, actor: Actor, voteId: string, input: CreateRollObjectionInput): Promise<RollObjectionView> {
  const vote = await votes.findVote(deps.db, voteId);
  if (!vote || vote.status === 'draft') throw new DomainError('vote_not_found');
  const now = deps.clock();
  if (!acceptingObjections(vote, now)) {
    if (vote.roll_check_ends_at && (vote.status !== 'announced' || now.getTime() >= Date.parse(vote.roll_check_ends_at)))
      throw new DomainError('roll_check_ended', { endsAt: formatBeijingMinute(vote.roll_check_ends_at) });
    throw new DomainError('roll_check_not_open');
  }
  const entry = await votes.findElectorateEntry(deps.db, voteId, input.voterKey);
  if (!entry?.unit_id) throw new DomainError('roll_entry_not_found');
  if (!ownsEntry(actor, entry)) throw new DomainError('roll_objection_not_own');
  const row: RollObjectionRow = {
    id: newId(),
    vote_id: voteId,
    compound_id: vote.compound_id,
    voter_key: entry.voter_key,
    unit_id: entry.unit_id,
    raised_by_user_id: actor.userId,
    raised_by_person_id: actor.personId,
    kind: input.kind,
    text: input.text,
    claimed_area_centi: input.claimedAreaCenti,
    status: 'open',
    resolution_reason: '',
    resolved_by_user_id: null,
    resolved_at: null,
    before_json: null,
    after_json: null,
    created_at: now.toISOString(),
  };
  await objections.insertRollObjection(deps.db, row);
  return rollObjectionView({ ...row, person_name: actor.displayName, user_name: actor.displayName }, entry.label, true);
}

/** The entry's values after the correction (a developer-held unit has no owners on the roll). */
async function correctedEntry(trx: Db, entry: VoteElectorateRow, correction: NonNullable<ResolveRollObjectionInput['correction']>) {
  const developerHeld = correction.developerHeld ?? entry.developer_held === 1;
  let owners = ownersOnRoll(entry);
  if (correction.refreshOwners) owners = (await objections.listCurrentOwnerIds(trx, entry.unit_id!)).sort();
  if (developerHeld) owners = [];
  return { area_centi: correction.areaCenti ?? entry.area_centi, developer_held: developerHeld ? 1 : 0, owner_person_ids: JSON.stringify(owners) };
}

/** Organisers resolve a request: upheld (the frozen roll corrected, before and after recorded, a notice published) or rejected; the owner is told. */
export async function resolveRollObjection(
  deps: Deps,
  actor: Actor,
  voteId: string,
  objectionId: string,
  input: ResolveRollObjectionInput,
): Promise<RollObjectionView> {
  return deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', voteId);
    const vote = await votes.findVote(trx, voteId);
    const objection = await objections.findRollObjection(trx, objectionId);
    if (!vote || objection?.vote_id !== voteId) throw new DomainError('roll_objection_not_found');
    if (objection.status !== 'open') throw new DomainError('objection_already_resolved');
    const entry = (await votes.findElectorateEntry(trx, voteId, objection.voter_key))!;
    const now = deps.clock().toISOString();
    let before: RollEntryValues | null = null;
    let after: RollEntryValues | null = null;
    if (input.outcome === 'upheld') {
      const c = input.correction;
      if (!c || (c.areaCenti === undefined && c.developerHeld === undefined && !c.refreshOwners)) throw new DomainError('roll_correction_missing');
      if (vote.status !== 'announced') throw new DomainError('roll_correction_after_opening');
      const values = await correctedEntry(trx, entry, c);
      await objections.updateElectorateEntry(trx, voteId, entry.voter_key, values);
      before = valuesOf(entry);
      after = valuesOf(values);
    }
    const resolved = {
      status: input.outcome,
      resolution_reason: input.reason,
      resolved_by_user_id: actor.userId,
      resolved_at: now,
      before_json: before && JSON.stringify(before),
      after_json: after && JSON.stringify(after),
    };
    const changed = await objections.resolveRollObjectionRow(trx, objectionId, resolved);
    if (Number(changed.numUpdatedRows) !== 1) throw new DomainError('objection_already_resolved');
    if (before && after)
      await publishVoteNotice(trx, vote, 'roll_correction', rollCorrectionWords(entry.label, before, after, input.reason), actor.userId, now);
    await enqueueNotifications(trx, deps, { kind: 'roll_objection_resolved', objectionId, causedByUserId: actor.userId });
    return rollObjectionView({ ...objection, ...resolved }, entry.label, true);
  });
}

function area(centi: number): string {
  return (centi / 100).toFixed(2);
}

/** The notice of an upheld correction, in both languages: what changed on which unit, and why. */
function rollCorrectionWords(label: string, before: RollEntryValues, after: RollEntryValues, reason: string) {
  const zh: string[] = [];
  const en: string[] = [];
  if (before.areaCenti !== after.areaCenti) {
    zh.push(`面积由 ${area(before.areaCenti)} 平方米更正为 ${area(after.areaCenti)} 平方米`);
    en.push(`area corrected from ${area(before.areaCenti)} m² to ${area(after.areaCenti)} m²`);
  }
  if (before.developerHeld !== after.developerHeld) {
    zh.push(after.developerHeld ? '更正为开发商未售房屋' : '更正为已售房屋（不再计入开发商）');
    en.push(after.developerHeld ? 'now counted as an unsold developer unit' : "now counted as sold (no longer the developer's)");
  }
  if (before.ownerCount !== after.ownerCount || zh.length === 0) {
    zh.push(`业主按登记重新核对（${before.ownerCount} 人 → ${after.ownerCount} 人）`);
    en.push(`owners re-checked against the register (${before.ownerCount} → ${after.ownerCount})`);
  }
  return {
    title: { 'zh-CN': `名册更正：${label}`, en: `Roll correction: ${label}` },
    body: { 'zh-CN': `${label}：${zh.join('；')}。理由：${reason}`, en: `${label}: ${en.join('; ')}. Reason: ${reason}` },
  };
}
