/** Reads a QR code the way a phone's camera does: from the picture on screen (jsQR), not from its source. */
import jsQRModule from 'jsqr';
import type { Locator } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';

// jsqr is a CommonJS bundle: its function is the module itself at run time, `default` in its types.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

/** The text the QR code in `img` holds, once the image has loaded; undefined when no code can be read from it. */
export async function qrTextOnScreen(img: Locator): Promise<string | undefined> {
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  const png = PNG.sync.read(await img.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
