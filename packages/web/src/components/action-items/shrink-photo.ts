/**
 * A phone photo made small enough to send: decoded by the browser (createImageBitmap, turned upright
 * by its EXIF orientation; an <img> where createImageBitmap cannot read the file), drawn on a canvas
 * at most `maxSide` pixels on its longest side and encoded as JPEG. A 12-megapixel photo of 4–8 MB
 * becomes a few hundred KB, and the canvas writes no metadata (the server strips it again anyway).
 * HEIC photos work where the browser can decode them (Safari on iPhone); elsewhere the file is
 * refused here, in words, before anything is sent.
 */
import { CONCERN_PHOTO_MAX_SIDE } from '@yishi/core';

export class PhotoUnreadable extends Error {
  constructor() {
    super('photo_unreadable');
    this.name = 'PhotoUnreadable';
  }
}

type Drawable = { source: CanvasImageSource; width: number; height: number; close: () => void };

async function decode(file: Blob): Promise<Drawable> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    // Older browsers (and some formats) decode only through an image element, which also applies the orientation.
    const url = URL.createObjectURL(file);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      return { source: image, width: image.naturalWidth, height: image.naturalHeight, close: () => undefined };
    } catch {
      throw new PhotoUnreadable();
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

export async function shrinkPhoto(file: Blob, maxSide = CONCERN_PHOTO_MAX_SIDE): Promise<Blob> {
  const image = await decode(file);
  try {
    if (image.width === 0 || image.height === 0) throw new PhotoUnreadable();
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoUnreadable();
    // A transparent screenshot gets a white ground, as JPEG has no transparency.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image.source, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) throw new PhotoUnreadable();
    return blob;
  } finally {
    image.close();
  }
}
