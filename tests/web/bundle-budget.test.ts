/**
 * What a phone downloads, read from the built web app (packages/web/dist and Vite's manifest; run
 * `npm run build -w @yishi/web` first): the gzipped JS of the shell and of the pages residents open,
 * against issue 18's budgets and against today's ceilings (the test fails if a page grows past its
 * ceiling; lower the ceiling when a page gets lighter). Also what must not be in a download: Shoelace
 * in the shell, zod in pages that check no form, the QR library on the board, words of both
 * languages in one chunk. Sizes only, never time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { dynamicImportsOf, entryKey, pageWeight, readManifest, stringsOf, staticClosure } from '../support/web-bundle.js';

const DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));
const LOCALES = fileURLToPath(new URL('../../packages/web/src/locales', import.meta.url));
const manifest = readManifest(DIST);
const KiB = 1024;

const BOARD = 'src/pages/board/board-page.ts';
/** Issue 18's budgets, and the ceilings measured when this test was written (gzip KiB, zh-CN words). */
const pages = [
  { name: 'voting page', page: 'src/pages/votes/vote-page.ts', opens: [], budget: 30, ceiling: 88 },
  // The board loads all its sections as it opens.
  { name: 'public board', page: BOARD, opens: dynamicImportsOf(manifest, BOARD).filter((key) => !stringsOf(key)), budget: 45, ceiling: 84 },
] as const;

const code = (file: string) => readFileSync(join(DIST, file), 'utf8');
const filesOf = (keys: Iterable<string>) => [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
const shellFiles = filesOf(staticClosure(manifest, [entryKey(DIST, manifest)]));

describe('gzipped JS a phone downloads', () => {
  for (const { name, page, opens, budget, ceiling } of pages) {
    test(`${name}: within today's ceiling of ${ceiling} KiB (issue 18's budget: ${budget} KiB)`, () => {
      const { gzip, files } = pageWeight(DIST, manifest, page, opens);
      console.log(`${name}: ${(gzip / KiB).toFixed(1)} KiB gzipped in ${files.length} files (budget ${budget} KiB)`);
      expect(gzip).toBeLessThanOrEqual(ceiling * KiB);
    });
  }

  test('the shell (the entry and what it imports) and the board, without Shoelace', () => {
    expect(shellFiles.length).toBeGreaterThan(0);
    const board = pages[1];
    for (const file of [...shellFiles, ...pageWeight(DIST, manifest, board.page, board.opens).files]) {
      // Shoelace components define themselves by tag name: `….define("sl-button")`.
      expect(code(file), file).not.toMatch(/\.define\(["'`]sl-/);
    }
  });

  test('the shell, the voting page, the board and the meeting page carry no zod', () => {
    for (const { page, opens } of [...pages, { page: 'src/pages/meetings/meeting-page.ts', opens: [] }]) {
      // Every zod schema carries `_zod` (the shell's `__zod_globalConfig` setting is not zod).
      for (const file of pageWeight(DIST, manifest, page, opens).files) expect(code(file), file).not.toMatch(/(?<!_)_zod\b/);
    }
  });

  test('the board does not load the QR library until a QR code is shown', () => {
    // The qrcode package's own words.
    const isQr = (file: string) => code(file).includes('Invalid QR Code version');
    expect(Object.values(manifest).some((chunk) => chunk.file.endsWith('.js') && isQr(chunk.file))).toBe(true);
    const board = pages[1];
    for (const file of pageWeight(DIST, manifest, board.page, board.opens).files) expect(isQr(file), file).toBe(false);
  });
});

describe('words per feature and per language', () => {
  const chunks = Object.entries(manifest).flatMap(([key, chunk]) => {
    const strings = stringsOf(key);
    return strings ? [{ ...strings, file: chunk.file }] : [];
  });

  test('each feature has one chunk per language, holding that language only', async () => {
    expect(chunks.length).toBeGreaterThan(10);
    for (const { feature, locale, file } of chunks) {
      const module = (await import(join(LOCALES, `${feature}.ts`))) as Record<string, Record<string, Record<string, string>>>;
      const table = Object.values(module)[0]!;
      const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
      // The words only, not the keys (`"account.oldPassword":`).
      const text = code(file).replace(/"[\w.-]+":/g, '');
      const own = Object.values(table)
        .map((words) => words[locale])
        .join('\n');
      let differing = 0;
      for (const words of Object.values(table)) {
        const mine = words[locale]!;
        const theirs = words[other]!;
        // Skipped: words the same in both languages, or quoted in the other language's text (an English name in Chinese).
        if (mine === theirs || own.includes(theirs) || /["'\\\n`$]/.test(mine + theirs)) continue;
        differing++;
        expect(text, `${file}: ${mine}`).toContain(mine);
        expect(text, `${file} holds the ${other} words ${theirs}`).not.toContain(theirs);
      }
      expect(differing, feature).toBeGreaterThan(0);
    }
  });

  test("the shell holds no feature's words; it loads the shell's words in the current language", () => {
    const shellWords = chunks.filter((c) => c.feature === 'shell');
    expect(shellWords.map((c) => c.locale).sort()).toEqual(['en', 'zh-CN']);
    const text = shellFiles.map(code).join('\n');
    // 长辈版（大字）/ Large text: the elder switch's label lives in the shell feature's chunks only.
    expect(text).not.toContain('长辈版（大字）');
    expect(text).not.toContain('Large text');
    const zh = pageWeight(DIST, manifest, entryKey(DIST, manifest)).files;
    expect(zh).toContain(shellWords.find((c) => c.locale === 'zh-CN')!.file);
    expect(zh).not.toContain(shellWords.find((c) => c.locale === 'en')!.file);
  });
});
