/**
 * Reading a PDF the way a person does, with real tools: its text through poppler's pdftotext, and
 * the QR codes on its pages by rendering them with pdftoppm and decoding with jsQR. Both are
 * Debian's poppler-utils (.ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle: its function is the module itself at run time, `default` in its types.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

function withFile<T>(pdf: Uint8Array, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order, pages separated by form feeds. */
export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (_dir, file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Every QR code on the first `pages` pages, top to bottom as jsQR finds them (one per region searched). */
export function pdfQrCodes(pdf: Uint8Array, pages = 1): string[] {
  return withFile(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', String(pages), file, join(dir, 'page')]);
    const found: string[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.png'))
      .sort()) {
      const png = PNG.sync.read(readFileSync(join(dir, name)));
      // Letters are two to a page: decode each half on its own (jsQR finds one code per image).
      const half = Math.floor(png.height / 2);
      for (const top of [0, half]) {
        const data = new Uint8ClampedArray(png.width * half * 4);
        data.set(png.data.subarray(top * png.width * 4, (top + half) * png.width * 4));
        const code = jsQR(data, png.width, half);
        if (code) found.push(code.data);
      }
    }
    return found;
  });
}
