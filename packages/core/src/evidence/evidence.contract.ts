/**
 * The evidence bundle: one download that holds a vote's (or a meeting's) complete record as a ZIP —
 * a manifest of SHA-256 hashes, a PDF summary, and the record itself (notices, roll, objections,
 * ballots by channel, tally, disputes, ledger proofs). For the file a court or an appeal asks for.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';

const id = z.string().min(1).max(40);

export const EVIDENCE_ZIP = 'application/zip';

export const evidenceEndpoints = {
  vote: endpoint({
    method: 'get',
    path: '/votes/:voteId/evidence.zip',
    summary:
      "A vote's complete record as a ZIP: manifest of SHA-256 hashes, PDF summary, notices, roll and objections, ballots by channel, tally, disputes, ledger proofs",
    tags: ['votes', 'evidence'],
    params: z.object({ voteId: id }),
    produces: EVIDENCE_ZIP,
  }),
  meeting: endpoint({
    method: 'get',
    path: '/meetings/:meetingId/evidence.zip',
    summary:
      "A meeting's complete record as a ZIP: manifest of SHA-256 hashes, PDF summary, notice and agenda, attendance, outcomes, minutes versions, its votes' records, its action items with ledger proofs",
    tags: ['meetings', 'evidence'],
    params: z.object({ meetingId: id }),
    produces: EVIDENCE_ZIP,
  }),
};
