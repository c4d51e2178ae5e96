/**
 * Anchored ledgers (core/anchors): the heads of every hash chain — each compound's sign-off ledger,
 * each vote's ballot log — are recorded in published_heads (append-only) when they changed: once a
 * day by a periodic job, and for a vote as soon as it has closed (the job looks every few minutes).
 * The board shows them (存证), the minutes PDF and the result notice print them with a QR code, and
 * `yishi verify-ledger` holds the chains against them — from the table and from a copy kept outside
 * the database (`--heads FILE`, downloaded from the board). The check is exactly as strong as such
 * a copy: someone with write access to the database can rewrite the table too (docs/operations.md).
 */
import {
  DomainError,
  PUBLISHED_HEADS_FORMAT,
  chinaDate,
  checkAgainstHead,
  describeAnchorCheck,
  publishedHeadsSchema,
  type AnchorChain,
  type PublishedHead,
  type PublishedHeads,
} from '@yishi/core';
import { newId } from '../db/ids.js';
import {
  findCompoundName,
  insertPublishedHead,
  listAllPublishedHeads,
  listBallotLogHashes,
  listBallotLogHeads,
  listLedgerHashes,
  listLatestPublishedSeqs,
  listLedgerHeads,
  listPublishedOn,
  listPublishedHeadsOfCompound,
  listVoteTitles,
} from '../db/repositories/anchors.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { verifyBallotLogOf } from './ballot-log.service.js';
import { startPeriodic, type Periodic } from './periodic.js';

interface CurrentHead {
  chain: AnchorChain;
  scopeId: string;
  compoundId: string;
  seq: number;
  hash: string;
  /** A closed vote's log is final: published at once, not only once a day. */
  final: boolean;
}

async function currentHeads(db: Db): Promise<CurrentHead[]> {
  const out: CurrentHead[] = [];
  for (const h of await listLedgerHeads(db)) {
    out.push({ chain: 'ledger', scopeId: h.compound_id, compoundId: h.compound_id, seq: Number(h.last_seq), hash: h.last_hash, final: false });
  }
  for (const h of await listBallotLogHeads(db)) {
    out.push({
      chain: 'ballot_log',
      scopeId: h.vote_id,
      compoundId: h.compound_id,
      seq: Number(h.last_position),
      hash: h.last_hash,
      final: h.status === 'closed',
    });
  }
  return out;
}

/**
 * Records the current head of every chain that grew since its last published head: a chain whose
 * head was published today waits for tomorrow, unless it is a closed vote's log. A chain that is
 * not longer than its published head is never published again (a shorter or rewritten chain must
 * not get a fresh head that hides it: verify-ledger reports it). Returns how many were published.
 */
export async function publishChangedHeads(db: Db, now: Date): Promise<number> {
  const today = chinaDate(now);
  const key = (chain: string, scopeId: string) => `${chain}:${scopeId}`;
  const published = new Map((await listLatestPublishedSeqs(db)).map((r) => [key(r.chain, r.scope_id), Number(r.seq)]));
  const publishedToday = new Set((await listPublishedOn(db, today)).map((r) => key(r.chain, r.scope_id)));
  let count = 0;
  for (const head of await currentHeads(db)) {
    const k = key(head.chain, head.scopeId);
    const last = published.get(k);
    if (head.seq === 0 || (last !== undefined && head.seq <= last)) continue;
    if (last !== undefined && !head.final && publishedToday.has(k)) continue;
    await insertPublishedHead(db, {
      id: newId(),
      chain: head.chain,
      scope_id: head.scopeId,
      compound_id: head.compoundId,
      seq: head.seq,
      hash: head.hash,
      published_on: today,
      published_at: now.toISOString(),
    });
    count += 1;
  }
  return count;
}

/** The periodic job: every few minutes (closed votes at once), each other chain at most once a China day. */
export function startAnchorPublisher(deps: Deps, intervalMs = 5 * 60_000): Periodic {
  return startPeriodic('anchor publisher', () => publishChangedHeads(deps.db, deps.clock()), intervalMs);
}

/** The board's 存证 section and its JSON download: every head of the compound's chains, and the latest of each. */
export async function publishedHeadsOf(db: Db, compoundId: string): Promise<PublishedHeads> {
  const compound = await findCompoundName(db, compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  const rows = await listPublishedHeadsOfCompound(db, compoundId, 500);
  const titles = new Map(
    (await listVoteTitles(db, [...new Set(rows.filter((r) => r.chain === 'ballot_log').map((r) => r.scope_id))])).map((v) => [v.id, v.title]),
  );
  const heads = rows.map((r) => ({
    chain: r.chain,
    scopeId: r.scope_id,
    label: r.chain === 'ledger' ? compound.name : (titles.get(r.scope_id) ?? r.scope_id),
    seq: Number(r.seq),
    hash: r.hash,
    publishedOn: r.published_on,
    publishedAt: r.published_at,
  }));
  const seen = new Set<string>();
  const latest = heads.filter((h) => {
    const key = `${h.chain}:${h.scopeId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // The compound's ledger first, then the votes' logs, newest first.
  latest.sort((a, b) => (a.chain === b.chain ? 0 : a.chain === 'ledger' ? -1 : 1));
  return { format: PUBLISHED_HEADS_FORMAT, compoundId, compoundName: compound.name, heads, latest: latest.slice(0, 21) };
}

/** Reads a downloaded copy of the board's heads (one compound's file, or a list of them). */
export function parseHeadsFile(text: string): PublishedHead[] {
  const json: unknown = JSON.parse(text);
  const files = Array.isArray(json) ? json : [json];
  return files.flatMap((f) => publishedHeadsSchema.parse(f).heads.map((h) => ({ chain: h.chain, scopeId: h.scopeId, seq: h.seq, hash: h.hash })));
}

async function chainHashes(db: Db, chain: AnchorChain, scopeId: string): Promise<Map<number, string>> {
  const rows = chain === 'ledger' ? await listLedgerHashes(db, scopeId) : await listBallotLogHashes(db, scopeId);
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
}

/**
 * Holds every chain against published heads: those in the database and, when given, those of a copy
 * kept outside it. Prints one line per head that fails and a summary; returns the exit code.
 */
export async function verifyAnchorsCommand(db: Db, fromFile: PublishedHead[] | null, out: (line: string) => void = console.log): Promise<number> {
  const sources: Array<[string, PublishedHead[]]> = [
    ['database', (await listAllPublishedHeads(db)).map((r) => ({ chain: r.chain, scopeId: r.scope_id, seq: Number(r.seq), hash: r.hash }))],
  ];
  if (fromFile) sources.push(['file', fromFile]);
  const cache = new Map<string, Map<number, string>>();
  let broken = 0;
  for (const [source, heads] of sources) {
    let ok = 0;
    for (const head of heads) {
      const key = `${head.chain}:${head.scopeId}`;
      if (!cache.has(key)) cache.set(key, await chainHashes(db, head.chain, head.scopeId));
      const hashes = cache.get(key)!;
      const result = checkAgainstHead(head, hashes.size, (seq) => hashes.get(seq));
      if (result.ok) ok += 1;
      else {
        broken += 1;
        out(`BROKEN  ${head.chain} ${head.scopeId} (${source}): ${describeAnchorCheck(result).en}`);
      }
    }
    out(`${ok === heads.length ? 'OK    ' : 'BROKEN'}  ${ok} / ${heads.length} published heads (${source}) match the chains`);
  }
  return broken === 0 ? 0 : 1;
}

/** `yishi verify-ledger` also recomputes every vote's ballot log and holds it against its head row. */
export async function verifyBallotLogsCommand(db: Db, out: (line: string) => void = console.log): Promise<number> {
  let broken = 0;
  for (const head of await listBallotLogHeads(db)) {
    const result = await verifyBallotLogOf(db, head.vote_id);
    if (result.ok) out(`OK      ballot log ${head.vote_id}: ${result.entries} entries, head ${result.entries ? result.headHash.slice(0, 12) : '-'}`);
    else {
      broken += 1;
      out(`BROKEN  ballot log ${head.vote_id}: entry #${result.brokenAt} — ${result.reason}`);
    }
  }
  return broken === 0 ? 0 : 1;
}
