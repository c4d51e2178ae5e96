/**
 * Paper ballots in tests as staff enter them: a photo of the signed slip uploaded, the slip entered by
 * one staff member (pending) and confirmed by a second (four eyes, services/paper-ballots.service.ts).
 */
import { proxyEndpoints, voteEndpoints } from '@yishi/core';
import sharp from 'sharp';
import type { TestApp } from './test-app.js';

let picture: Promise<Buffer> | undefined;

/** A small JPEG standing for the photo of a slip. */
export function slipPicture(): Promise<Buffer> {
  picture ??= sharp({ create: { width: 200, height: 260, channels: 3, background: '#eeeae0' } })
    .jpeg()
    .toBuffer();
  return picture;
}

/** Uploads a photo for a vote (a slip or a signed authorisation form); answers its id. */
export async function uploadVotePhoto(t: Pick<TestApp, 'app'>, cookie: string, voteId: string): Promise<string> {
  const res = await t.app.request(`/api/votes/${voteId}/photos`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'image/jpeg', origin: 'http://localhost' },
    body: await slipPicture(),
  });
  if (res.status !== 201) throw new Error(`photo upload answered ${res.status}: ${await res.text()}`);
  return proxyEndpoints.uploadPhoto.response.parse(await res.json()).id;
}

export interface SlipInput {
  unitId?: string;
  personId?: string;
  choices: string[];
  slipNumber?: string;
}

let slips = 0;

/** Enters a slip as `enterer` and confirms it as `reviewer`; answers the receipt. */
export async function enterConfirmedPaperBallot(t: TestApp, voteId: string, enterer: string, reviewer: string, input: SlipInput) {
  slips += 1;
  const photoId = await uploadVotePhoto(t, enterer, voteId);
  const entered = await t.ok(voteEndpoints.enterPaperBallot, {
    cookie: enterer,
    params: { voteId },
    body: { ...input, slipNumber: input.slipNumber ?? `T-${slips}`, photoId },
  });
  return t.ok(proxyEndpoints.confirmPaper, { cookie: reviewer, params: { voteId, entryId: entered.entryId } });
}
