import { describe, expect, it } from 'vitest';
import { checkAgainstHead, describeAnchorCheck, type PublishedHead } from './anchors.js';

const chain = ['a1', 'b2', 'c3', 'd4'];
const hashAt = (seq: number) => chain[seq - 1];
const head = (seq: number, hash: string): PublishedHead => ({ chain: 'ledger', scopeId: 'c', seq, hash });

describe('holding a chain against a published head', () => {
  it('passes when the entry at the published position carries the published hash, however long the chain has grown', () => {
    expect(checkAgainstHead(head(2, 'b2'), chain.length, hashAt).ok).toBe(true);
    expect(checkAgainstHead(head(4, 'd4'), chain.length, hashAt).ok).toBe(true);
  });

  it('catches a chain cut below the published head and an entry rewritten at or before it', () => {
    const cut = checkAgainstHead(head(5, 'e5'), chain.length, hashAt);
    expect(cut).toMatchObject({ ok: false, reason: 'chain_shorter', length: 4 });
    expect(describeAnchorCheck(cut)['zh-CN']).toBe('记录只有 4 条，少于公布指纹时的条数（#5 e5）：有记录被删除');
    const rewritten = checkAgainstHead(head(3, 'c3-old'), chain.length, hashAt);
    expect(rewritten).toMatchObject({ ok: false, reason: 'hash_differs', found: 'c3' });
    expect(describeAnchorCheck(rewritten).en).toBe('entry 3 has another hash than the published head #3 c3-old: it or an earlier entry was rewritten');
  });
});
