/**
 * A demo paper slip as on a collection day: a photo of the slip (drawn here), entered
 * by one staff member and — unless left for review — confirmed by a second, through the same services
 * the paper-ballot panel calls.
 */
import type { PaperBallotInput } from '@yishi/core';
import sharp from 'sharp';
import type { Actor } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { confirmPaperEntry, enterPaperBallot } from '../services/paper-ballots.service.js';
import { uploadVotePhoto } from '../services/photos.service.js';
import { cleanPhoto, type CleanPhoto } from '../services/clean-photo.js';
import { findVote } from '../db/repositories/votes.repository.js';

let slipPicture: Promise<{ bytes: Buffer; clean: CleanPhoto }> | undefined;

/**
 * A drawn "photo of a slip" (JPEG), made and cleaned once (the upload then keeps that clean copy for
 * each slip): a sheet with a heading, the options' boxes, one ticked, and a signature stroke — lines
 * only, so no font is needed on the server.
 */
function demoSlipPicture(): Promise<{ bytes: Buffer; clean: CleanPhoto }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <rect width="480" height="360" fill="#d9d3c4"/>
    <rect x="30" y="20" width="420" height="320" fill="#fbfaf5" stroke="#b8b2a2"/>
    <rect x="150" y="45" width="180" height="14" fill="#33302a"/>
    <rect x="70" y="80" width="340" height="6" fill="#8a8578"/>
    <rect x="70" y="95" width="260" height="6" fill="#8a8578"/>
    ${[0, 1, 2].map((i) => `<rect x="90" y="${135 + i * 50}" width="28" height="28" fill="none" stroke="#33302a" stroke-width="3"/><rect x="140" y="${146 + i * 50}" width="${120 - i * 20}" height="8" fill="#55514a"/>`).join('')}
    <path d="M94 198 l8 10 l16 -22" fill="none" stroke="#1d3fb8" stroke-width="5"/>
    <path d="M280 300 c15 -30 25 10 40 -12 s20 18 35 -6 s15 10 30 -2" fill="none" stroke="#1d3fb8" stroke-width="3"/>
  </svg>`;
  slipPicture ??= sharp(Buffer.from(svg))
    .jpeg({ quality: 80 })
    .toBuffer()
    .then(async (bytes) => ({ bytes, clean: await cleanPhoto(bytes) }));
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
  const picture = await demoSlipPicture();
  const photo = await uploadVotePhoto(deps, clerk, vote.compound_id, { bytes: picture.bytes, contentType: 'image/jpeg' }, picture.clean);
  const { entryId } = await enterPaperBallot(deps, clerk, voteId, { ...input, photoId: photo.id });
  if (reviewer) await confirmPaperEntry(deps, reviewer, voteId, entryId);
}
