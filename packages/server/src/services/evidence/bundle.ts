/**
 * Packs an evidence bundle: the record's files, a PDF summary that lists them with their hashes, a
 * manifest (manifest.json) naming every file with its SHA-256 and size, and SHA256SUMS in the
 * format `sha256sum -c` checks. The ZIP itself is fflate's; the bundle is made in memory (a vote's
 * record is small: a 10,000-unit roll is under a megabyte of CSV) and is deterministic apart from
 * the generation time, which the manifest states.
 */
import { escapeHtml, formatChinaDateTime } from '@yishi/core';
import { strToU8, zip, type AsyncZippable } from 'fflate';
import { PRINT_CSS } from '../minutes-print.js';
import { renderPdf } from '../minutes-pdf.service.js';
import { createHash } from 'node:crypto';

export interface EvidenceFile {
  /** Path inside the ZIP, forward slashes: `02-roll/roll.csv`. */
  path: string;
  bytes: Uint8Array;
  /** What the file is, in Chinese (the record's language), for the manifest and the summary. */
  description: string;
}

export function textFile(path: string, text: string, description: string): EvidenceFile {
  return { path, bytes: strToU8(text), description };
}

export function jsonFile(path: string, value: unknown, description: string): EvidenceFile {
  return textFile(path, `${JSON.stringify(value, null, 2)}\n`, description);
}

export interface BundleInput {
  subject: { kind: 'vote' | 'meeting'; id: string; title: string };
  /** Facts for the first page of the summary: [label, value]. */
  facts: ReadonlyArray<readonly [string, string]>;
  files: readonly EvidenceFile[];
  generatedAt: string;
}

function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function summaryHtml(input: BundleInput, listed: ReadonlyArray<{ path: string; sha256: string; bytes: number; description: string }>): string {
  const kind = input.subject.kind === 'vote' ? '表决' : '会议';
  const facts = input.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const rows = listed
    .map((f) => `<tr><td>${escapeHtml(f.path)}</td><td>${escapeHtml(f.description)}</td><td class="num">${f.bytes}</td><td class="hash">${f.sha256}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(input.subject.title)}</title><style>${PRINT_CSS}
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.4; }
th, td { border: 0.4pt solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
td.hash { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7pt; word-break: break-all; }
</style></head><body><main>
<h1>${escapeHtml(input.subject.title)}<br>${kind}存证材料</h1>
<dl class="meta">${facts}<dt>生成时间</dt><dd>${escapeHtml(formatChinaDateTime(input.generatedAt))}</dd></dl>
<h2>材料清单及 SHA-256 校验值</h2>
<p>本压缩包内每个文件的 SHA-256 校验值如下（亦见 manifest.json 与 SHA256SUMS，可用 <code>sha256sum -c SHA256SUMS</code> 核对）。任何文件被改动，其校验值即不相符。</p>
<table><thead><tr><th>文件</th><th>内容</th><th>字节</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>
</main></body></html>`;
}

/** The ZIP: the files, summary.pdf, manifest.json and SHA256SUMS. */
export async function packBundle(input: BundleInput): Promise<Uint8Array<ArrayBuffer>> {
  const listed = input.files.map((f) => ({ path: f.path, sha256: sha256Bytes(f.bytes), bytes: f.bytes.byteLength, description: f.description }));
  const pdf = await renderPdf(summaryHtml(input, listed), `${input.subject.title} 存证材料`);
  const all = [...listed, { path: 'summary.pdf', sha256: sha256Bytes(pdf), bytes: pdf.byteLength, description: '材料摘要（PDF）' }];
  const manifest = {
    format: 'yishi-evidence/1',
    subject: input.subject,
    generatedAt: input.generatedAt,
    files: all,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const sums = [...all, { path: 'manifest.json', sha256: sha256Bytes(strToU8(manifestText)) }].map((f) => `${f.sha256}  ${f.path}`).join('\n') + '\n';
  const entries: AsyncZippable = {};
  for (const f of input.files) entries[f.path] = f.bytes;
  entries['summary.pdf'] = pdf;
  entries['manifest.json'] = strToU8(manifestText);
  entries['SHA256SUMS'] = strToU8(sums);
  // Compressed off the event loop (fflate's asynchronous zip runs in worker threads): a vote's roll,
  // ballots and log at 10,000 units are megabytes, which zipSync held the main thread for.
  const zipped = await new Promise<Uint8Array>((resolve, reject) =>
    zip(entries, { level: 6, mtime: new Date(input.generatedAt) }, (error, data) => (error ? reject(error) : resolve(data))),
  );
  // A fresh ArrayBuffer-backed copy: what a Response body is typed to take.
  return new Uint8Array(zipped);
}
