/**
 * Anchored heads: the last position and hash of a hash chain (a compound's sign-off ledger, a
 * vote's ballot log), published on the public board, printed with a QR code in minutes and result
 * notices, and kept outside the database by whoever downloads or prints them. A chain rewritten
 * after a head was published cannot end up with that head again: either it is shorter than the
 * published position (rows deleted and the head table rewound) or its entry at that position has
 * another hash (a row edited and every later hash recomputed). Pure; the server reads the chain.
 */
export const ANCHOR_CHAINS = ['ledger', 'ballot_log'] as const;
export type AnchorChain = (typeof ANCHOR_CHAINS)[number];

export interface PublishedHead {
  chain: AnchorChain;
  /** The compound (ledger) or the vote (ballot_log). */
  scopeId: string;
  /** The chain's length when published: the ledger's seq, the ballot log's position. */
  seq: number;
  hash: string;
}

export type AnchorCheck =
  { ok: true; head: PublishedHead } | { ok: false; head: PublishedHead; reason: 'chain_shorter' | 'hash_differs'; found: string | null; length: number };

/**
 * Holds a chain against one published head: the chain must have at least `seq` entries and its
 * entry at `seq` must carry the published hash. `hashAt` gives the hash at a position (1-based).
 */
export function checkAgainstHead(head: PublishedHead, length: number, hashAt: (seq: number) => string | undefined): AnchorCheck {
  if (length < head.seq) return { ok: false, head, reason: 'chain_shorter', found: null, length };
  const found = hashAt(head.seq);
  if (head.seq > 0 && found !== head.hash) return { ok: false, head, reason: 'hash_differs', found: found ?? null, length };
  return { ok: true, head };
}

/** The check in words, for the command line and the board. */
export function describeAnchorCheck(check: AnchorCheck): { 'zh-CN': string; en: string } {
  const h = check.head;
  const at = `#${h.seq} ${h.hash.slice(0, 12)}`;
  if (check.ok) return { 'zh-CN': `与公布的记录指纹 ${at} 一致`, en: `matches the published head ${at}` };
  if (check.reason === 'chain_shorter')
    return {
      'zh-CN': `记录只有 ${check.length} 条，少于公布指纹时的条数（${at}）：有记录被删除`,
      en: `the chain has only ${check.length} entries, fewer than the published head ${at}: entries were deleted`,
    };
  return {
    'zh-CN': `第 ${h.seq} 条的指纹与公布的 ${at} 不同：该条或之前的记录被改写`,
    en: `entry ${h.seq} has another hash than the published head ${at}: it or an earlier entry was rewritten`,
  };
}
