/**
 * A demo paper slip as on a collection day: a photo of the slip (a plain picture drawn here), entered
 * by one staff member and — unless left for review — confirmed by a second, through the same services
 * the paper-ballot panel calls.
 */
import type { PaperBallotInput } from '@yishi/core';
import sharp from 'sharp';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { confirmPaperEntry, enterPaperBallot } from '../services/paper-ballots.service.js';
import { uploadVotePhoto } from '../services/photos.service.js';
import { findVote } from '../db/repositories/votes.repository.js';

let slipPicture: Promise<Buffer> | undefined;

/** A small grey "photo of a slip" (JPEG), drawn once. */
function demoSlipPicture(): Promise<Buffer> {
  slipPicture ??= sharp({ create: { width: 120, height: 160, channels: 3, background: '#e8e4da' } })
    .jpeg()
    .toBuffer();
  return slipPicture;
}

export async function enterDemoPaperBallot(
  deps: Deps,
  clerk: Actor,
  reviewer: Actor | null,
  voteId: string,
  input: Omit<PaperBallotInput, 'photoId'>,
): Promise<void> {
  const vote = (await findVote(deps.db, voteId))!;
  const photo = await uploadVotePhoto(deps, clerk, vote.compound_id, { bytes: await demoSlipPicture(), contentType: 'image/jpeg' });
  const { entryId } = await enterPaperBallot(deps, clerk, voteId, { ...input, photoId: photo.id });
  if (reviewer) await confirmPaperEntry(deps, reviewer, voteId, entryId);
}
