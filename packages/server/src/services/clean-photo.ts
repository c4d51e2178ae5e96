/**
 * A resident's photo made safe to store and show: decoded by libvips (through sharp), so bytes that
 * are not a picture are refused in words; turned upright by its EXIF orientation; scaled to at most
 * CONCERN_PHOTO_MAX_SIDE pixels; and re-encoded as JPEG without any metadata — no GPS position, no
 * phone model, no time taken (sharp writes none unless asked). Transparent PNGs get a white ground.
 */
import { CONCERN_PHOTO_MAX_SIDE, DomainError } from '@yishi/core';
import sharp from 'sharp';

/** Formats we decode; HEIC is not among them (the page converts what the phone's browser can read). */
const DECODABLE = new Set(['jpeg', 'png', 'webp']);
/** A decompression bomb (a tiny file that claims billions of pixels) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;

export interface CleanPhoto {
  bytes: Buffer;
  width: number;
  height: number;
}

export async function cleanPhoto(input: Uint8Array): Promise<CleanPhoto> {
  const open = () => sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
  let format: string | undefined;
  try {
    format = (await open().metadata()).format;
  } catch {
    throw new DomainError('photo_not_image');
  }
  if (!format || !DECODABLE.has(format)) throw new DomainError('photo_not_image');
  try {
    const { data, info } = await open()
      .rotate()
      .resize({ width: CONCERN_PHOTO_MAX_SIDE, height: CONCERN_PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    // The header read, the pixels did not (a truncated or corrupt file).
    throw new DomainError('photo_not_image');
  }
}
