/**
 * Makes the installed app's icons from public/favicon.svg (run once after the logo changes, commit the PNGs):
 * `node packages/web/scripts/make-icons.mjs`. "any" icons are the favicon as drawn (rounded corners); the
 * maskable one fills the square with the brand blue and keeps the speech bubble inside the 80 % safe circle,
 * so a launcher's circle or squircle mask never cuts it. Uses sharp (librsvg renders the SVG).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const publicDir = (name) => fileURLToPath(new URL(`../public/${name}`, import.meta.url));
const favicon = readFileSync(publicDir('favicon.svg'), 'utf8');

const brand = /fill="(#[0-9a-f]{6})"/i.exec(favicon)?.[1] ?? '#1d4ed8';
const glyph = /<path[^>]*\/>/.exec(favicon)?.[0];
if (!glyph) throw new Error('favicon.svg has no <path>: update make-icons.mjs');
// The glyph spans 36 of 64 units; scaled by 0.8 about the centre it stays well inside the safe circle (radius 0.4 × 64).
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${brand}"/><g transform="translate(6.4 6.4) scale(0.8)">${glyph}</g></svg>`;
// iOS draws its own rounded corners and shows transparency as black: a full square.
const opaque = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${brand}"/>${glyph}</svg>`;

const icons = [
  { name: 'pwa-192x192.png', svg: favicon, size: 192 },
  { name: 'pwa-512x512.png', svg: favicon, size: 512 },
  { name: 'maskable-512x512.png', svg: maskable, size: 512 },
  { name: 'apple-touch-icon-180x180.png', svg: opaque, size: 180 },
];
for (const { name, svg, size } of icons) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(publicDir(name));
  console.log(`public/${name}: ${size}×${size}`);
}
