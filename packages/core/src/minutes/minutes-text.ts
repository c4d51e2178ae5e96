/**
 * The body of minutes is plain text in a tiny line format, so the secretary can co-edit it in one
 * shared text field (a Y.Text) and a published version is a plain string that never needs a
 * renderer of its own version:
 *
 *   ## 一、参会人员        a section heading
 *   ### 1. 停车位不足      an agenda-item heading
 *   - 一项                 a list item
 *   any other line        paragraph text (consecutive lines join; a blank line ends a paragraph)
 *
 * The HTML renderer escapes everything: the text is user input and is published publicly.
 */
import { formatChinaDateTime, formatDocumentDate } from './china-time.js';
import type { MinutesBlock } from './minutes.js';
import type { MinutesHeader } from './minutes.schema.js';

export function minutesBlocksToText(blocks: readonly MinutesBlock[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') out.push(`## ${oneLine(block.text)}`);
    else if (block.kind === 'subheading') out.push(`### ${oneLine(block.text)}`);
    else if (block.kind === 'paragraph') out.push(oneLine(block.text));
    else out.push(block.items.map((item) => `- ${oneLine(item)}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function parseMinutesText(text: string): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('') });
    paragraph = [];
    if (list) blocks.push({ kind: 'list', items: list });
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (line.startsWith('### ')) {
      flush();
      blocks.push({ kind: 'subheading', text: line.slice(4).trim() });
    } else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    } else if (line.startsWith('- ')) {
      if (paragraph.length > 0) flush();
      list ??= [];
      list.push(line.slice(2).trim());
    } else {
      if (list) flush();
      // Chinese text joins without a space; a Latin word at a line end keeps one.
      const previous = paragraph[paragraph.length - 1];
      paragraph.push(previous && /[A-Za-z0-9]$/.test(previous) && /^[A-Za-z0-9]/.test(line) ? ` ${line}` : line);
    }
  }
  flush();
  return blocks;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The body as an HTML fragment (h2/h3/p/ul), every piece of text escaped. */
export function renderMinutesBodyHtml(text: string): string {
  return parseMinutesText(text)
    .map((block) => {
      if (block.kind === 'heading') return `<h2>${escapeHtml(block.text)}</h2>`;
      if (block.kind === 'subheading') return `<h3>${escapeHtml(block.text)}</h3>`;
      if (block.kind === 'paragraph') return `<p>${escapeHtml(block.text)}</p>`;
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    })
    .join('\n');
}

/** The header lines every printed version carries (meeting kind, time, place, convener). */
export function minutesHeaderLines(header: MinutesHeader): Array<[label: string, value: string]> {
  return [
    ['会议类型', header.kindLabel],
    ['时间', header.when],
    ['地点', header.place],
    ['召集人', header.convener],
  ];
}

/**
 * The official document's closing as lines: the recorder, then the issuing body and the date of
 * publication (落款), each left out when the header has none (minutes drafted before they existed).
 */
export function minutesClosingLines(header: MinutesHeader, publishedAt: string): string[] {
  return [header.recorder ? `记录人：${header.recorder}` : '', signedLine(header), header.issuer, formatDocumentDate(publishedAt)].filter(
    (line) => line !== '',
  );
}

/** The members who confirmed the minutes in the app, with when: "签字确认：郑国华（2026年11月20日（周五） 10:00）、…"; '' when none did. */
export function signedLine(header: MinutesHeader): string {
  const signed = header.signatories.filter((s) => s.signedAt !== null);
  if (signed.length === 0) return '';
  return `签字确认：${signed.map((s) => `${s.name}（${formatChinaDateTime(s.signedAt!)}）`).join('、')}`;
}

/** Plain text of whole minutes: title, header lines, body, as pasted into a WeChat group. */
export function minutesPlainText(header: MinutesHeader, body: string, footer: readonly string[] = []): string {
  const lines = [header.title, '', ...minutesHeaderLines(header).map(([label, value]) => `${label}：${value}`), ''];
  for (const block of parseMinutesText(body)) {
    if (block.kind === 'list') lines.push(...block.items.map((item) => `· ${item}`));
    else lines.push(block.text);
    lines.push('');
  }
  lines.push(...footer);
  return `${lines.join('\n').trim()}\n`;
}
