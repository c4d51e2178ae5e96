/**
 * Reading a picture sent as the request body (bodyKind 'image'): the declared type must be one we
 * take, the bytes are handed on as they are. Whether they really are a picture is decided later,
 * by decoding them (services/clean-photo.ts), never by the declared type.
 */
import { CONCERN_PHOTO_MAX_BYTES, CONCERN_PHOTO_TYPES, DomainError } from '@yishi/core';
import type { Context } from 'hono';
import type { AppEnv } from './context.js';

export interface ImageBody {
  bytes: Uint8Array;
  contentType: (typeof CONCERN_PHOTO_TYPES)[number];
}

export async function readImageBody(c: Context<AppEnv>): Promise<ImageBody> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const contentType = CONCERN_PHOTO_TYPES.find((t) => t === type);
  // Said as the photo's problem (not "media type"): a resident picked a file that is not a photo.
  if (!contentType) throw new DomainError('photo_not_image');
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > CONCERN_PHOTO_MAX_BYTES) throw new DomainError('photo_too_large', { limit: `${CONCERN_PHOTO_MAX_BYTES / 1_000_000} MB` });
  return { bytes, contentType };
}
