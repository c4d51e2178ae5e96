/**
 * Appending to and verifying the ledger (台账). Appends run inside the caller's transaction so that a
 * sign-off, its number and its ledger entry commit together. The hash function is node:crypto's
 * sha256; the chain rules themselves live in core.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalJson, ledgerEntryHash, verifyLedgerChain, type LedgerEntryKind, type LedgerVerification } from '@yishi/core';
import { newId } from '../db/ids.js';
import type { Db } from '../db/repositories/places.repository.js';
import { advanceLedgerHead, insertLedgerEntry, listLedgerEntries } from '../db/repositories/ledger.repository.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface AppendLedgerInput {
  compoundId: string;
  kind: LedgerEntryKind;
  actionItemId: string;
  signOffNumber: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export async function appendLedgerEntry(trx: Db, input: AppendLedgerInput): Promise<{ id: string; seq: number; hash: string }> {
  const { seq, prevHash } = await advanceLedgerHead(trx, input.compoundId, GENESIS_HASH);
  const content = {
    compoundId: input.compoundId,
    seq,
    kind: input.kind,
    actionItemId: input.actionItemId,
    signOffNumber: input.signOffNumber,
    payload: canonicalJson(input.payload),
    createdAt: input.createdAt,
    prevHash,
  };
  const hash = ledgerEntryHash(content, sha256Hex);
  const id = newId();
  await insertLedgerEntry(trx, {
    id,
    compound_id: content.compoundId,
    seq,
    kind: content.kind,
    action_item_id: content.actionItemId,
    sign_off_number: content.signOffNumber,
    payload: content.payload,
    created_at: content.createdAt,
    prev_hash: prevHash,
    hash,
  });
  return { id, seq, hash };
}

export async function verifyLedger(db: Db, compoundId: string): Promise<LedgerVerification> {
  const rows = await listLedgerEntries(db, compoundId);
  const result = verifyLedgerChain(
    rows.map((r) => ({
      id: r.id,
      compoundId: r.compound_id,
      seq: Number(r.seq),
      kind: r.kind as LedgerEntryKind,
      actionItemId: r.action_item_id,
      signOffNumber: r.sign_off_number,
      payload: r.payload,
      createdAt: r.created_at,
      prevHash: r.prev_hash,
      hash: r.hash,
    })),
    sha256Hex,
  );
  // Entries cut from the end leave a valid but shorter chain; the head row remembers the length.
  const head = await db.selectFrom('ledger_heads').select(['last_seq', 'last_hash']).where('compound_id', '=', compoundId).executeTakeFirst();
  if (result.ok && head && (Number(head.last_seq) !== rows.length || head.last_hash !== result.headHash)) {
    return { ok: false, entries: rows.length, brokenAt: { id: null, seq: rows.length + 1 }, reason: 'sequence_gap' };
  }
  return result;
}

/**
 * `yishi verify-ledger`: recomputes every compound's chain and prints the first broken entry.
 * Returns the process exit code: 0 when every chain is intact, 1 otherwise.
 */
export async function verifyLedgerCommand(db: Db, out: (line: string) => void = console.log): Promise<number> {
  const compounds = await db.selectFrom('compounds').select(['id', 'code', 'name']).orderBy('code').execute();
  let broken = 0;
  for (const compound of compounds) {
    const result = await verifyLedger(db, compound.id);
    if (result.ok) {
      out(`OK      ${compound.code} ${compound.name}: ${result.entries} entries, head ${result.entries ? result.headHash.slice(0, 12) : '-'}`);
    } else {
      broken += 1;
      out(`BROKEN  ${compound.code} ${compound.name}: entry #${result.brokenAt.seq}${result.brokenAt.id ? ` (id ${result.brokenAt.id})` : ''} — ${result.reason}`);
    }
  }
  return broken === 0 ? 0 : 1;
}
