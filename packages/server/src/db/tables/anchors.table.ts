import type { AnchorChain } from '@yishi/core';

/** A chain's head as published on the board (append-only; core/anchors). */
export interface PublishedHeadTable {
  id: string;
  chain: AnchorChain;
  scope_id: string;
  compound_id: string;
  seq: number;
  hash: string;
  published_on: string;
  published_at: string;
}
