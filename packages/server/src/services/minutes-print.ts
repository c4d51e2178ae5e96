/**
 * The A4 print page of a published minutes version: a standalone HTML document (no script, inline
 * styles only) that the browser prints and that Chromium renders to PDF on the server. Chinese
 * typesetting: serif body (宋体 family) with sans headings (黑体 family), Noto CJK first since that
 * is what Linux servers carry; strict line breaking (no line starts with a closing mark such as
 * ，。）」), inter-character justification, and no heading left alone at a page foot.
 *
 * It is an official document (公文): after the text come the recorder (记录人), the attendees' signature
 * lines (参会人员签字), and the closing (落款) — the issuing body and the date of publication, written
 * out in Chinese, with the space for the seal over them, as a seal is pressed across body and date.
 */
import { escapeHtml, formatChinaDateTime, formatDocumentDate, minutesHeaderLines, type MinutesHeader, type MinutesVersionView } from '@yishi/core';

export const PRINT_CSS = `
@page { size: A4; margin: 22mm 20mm 24mm 20mm; }
:root { color: #111; background: #fff; }
* { box-sizing: border-box; }
body {
  margin: 0;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", serif;
  font-size: 12pt;
  line-height: 1.75;
  line-break: strict;
  word-break: normal;
  overflow-wrap: anywhere;
  text-align: justify;
  text-justify: inter-character;
  orphans: 2;
  widows: 2;
}
h1, h2, h3, .meta, .foot { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Heiti SC", sans-serif; }
main { max-width: 170mm; margin: 0 auto; padding: 8mm 1mm; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 6mm; line-height: 1.4; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12.5pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; text-indent: 2em; }
ul { margin: 0 0 2mm; padding-left: 2em; }
li { margin: 0 0 1mm; break-inside: avoid; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; font-size: 11pt; border-top: 0.6pt solid #111; border-bottom: 0.6pt solid #111; padding: 3mm 0; margin-bottom: 4mm; }
.meta dt { font-weight: 700; }
.meta dd { margin: 0; }
.correction { border: 0.8pt solid #111; padding: 2mm 3mm; margin: 0 0 4mm; font-size: 11pt; text-indent: 0; }
.closing { margin-top: 8mm; text-indent: 0; }
.recorder { margin: 0 0 4mm; text-indent: 0; }
.signatures h2 { margin-top: 2mm; }
table.sign { width: 100%; border-collapse: collapse; margin: 0 0 6mm; font-size: 11pt; }
table.sign th { text-align: left; font-weight: 700; border-bottom: 0.6pt solid #111; padding: 1mm 2mm; }
table.sign td { height: 11mm; vertical-align: bottom; padding: 1mm 2mm; border-bottom: 0.4pt solid #999; }
table.sign tr { break-inside: avoid; page-break-inside: avoid; }
table.sign .sig { width: 42%; }
table.sign .signed { font-size: 9.5pt; color: #333; }
.issue { display: flex; justify-content: flex-end; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
/* The seal's space starts inside the block, so that when the block begins a page none of its circle is left on the page before. */
.issue-block { position: relative; min-width: 64mm; padding: 18mm 4mm 0; text-align: center; }
.seal { position: absolute; left: 50%; top: 0; width: 40mm; height: 40mm; margin-left: -20mm; border: 0.6pt dashed #888; border-radius: 50%; display: flex; align-items: flex-start; justify-content: center; padding-top: 5mm; box-sizing: border-box; color: #777; font-size: 9pt; }
.issue-block p { text-indent: 0; margin: 0 0 1mm; position: relative; }
.issuer { font-size: 13pt; }
/* The foot line goes with the block before it: alone, it would be pushed onto a last page of its own. */
.foot { margin-top: 8mm; font-size: 10pt; color: #333; border-top: 0.4pt solid #999; padding-top: 2mm; text-indent: 0; break-before: avoid; page-break-before: avoid; }
@media screen { body { background: #eee; } main { background: #fff; padding: 20mm; margin: 8mm auto; box-shadow: 0 0 4mm #aaa; max-width: 210mm; } }
`;

/** How many blank signature rows a meeting without a sign-in list gets (an evening talk). */
const BLANK_SIGNATURE_ROWS = 8;

/** A member who confirmed the minutes in the app (an owners' committee meeting): when, in the signature cell. */
function signedInApp(signedAt: string | null): string {
  return signedAt ? `<span class="signed">已在线核对签字 ${escapeHtml(formatChinaDateTime(signedAt))}</span>` : '';
}

/** Recorder, a signature row per attendee, and the closing: issuing body and date under the seal's space. */
function renderClosing(header: MinutesHeader, publishedAt: string): string {
  const e = escapeHtml;
  const rows =
    header.signatories.length > 0
      ? header.signatories.map((s) => `<tr><td>${e(s.name)}</td><td>${e(s.organisation)}</td><td class="sig">${signedInApp(s.signedAt)}</td></tr>`)
      : Array.from({ length: BLANK_SIGNATURE_ROWS }, () => '<tr><td></td><td></td><td class="sig"></td></tr>');
  return `<section class="closing">
<p class="recorder">记录人：${header.recorder ? e(header.recorder) : '＿＿＿＿＿＿'}</p>
<section class="signatures"><h2>参会人员签字</h2>
<table class="sign"><thead><tr><th>姓名</th><th>单位</th><th class="sig">签字</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>
<div class="issue"><div class="issue-block"><div class="seal">（盖章）</div><p class="issuer">${header.issuer ? e(header.issuer) : '＿＿＿＿＿＿＿＿'}</p><p class="date">${e(formatDocumentDate(publishedAt))}</p></div></div>
</section>`;
}

/** `anchorsHtml`: the compound's anchored heads with their QR code (services/anchors-print.ts), printed above the foot. */
export function renderMinutesPrintHtml(view: MinutesVersionView & { latestVersion: number }, anchorsHtml = ''): string {
  const meta = minutesHeaderLines(view.header)
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  const correction = view.reason ? `<p class="correction">更正说明（第 ${view.version} 版）：${escapeHtml(view.reason)}</p>` : '';
  const superseded = view.version < view.latestVersion ? `<p class="correction">本版本已被第 ${view.latestVersion} 版更正，请以最新版本为准。</p>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}（第 ${view.version} 版）</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(view.title)}</h1>
<dl class="meta">${meta}</dl>
${superseded}${correction}
${view.html}
${renderClosing(view.header, view.publishedAt)}
${anchorsHtml}<p class="foot">第 ${view.version} 版 · ${escapeHtml(formatChinaDateTime(view.publishedAt))} 由 ${escapeHtml(view.publishedBy)} 审核公示 · 议事平台</p>
</main>
</body>
</html>`;
}
