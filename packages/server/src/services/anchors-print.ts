/**
 * The anchored heads as printed on paper (core/anchors): a block for the minutes PDF and printed
 * notices with the latest head of the compound's sign-off ledger and of its recent votes' ballot
 * logs, and a QR code to the board's 存证 section where the same heads can be downloaded. A printed
 * copy is a copy kept outside the database: `yishi verify-ledger` can be checked against it.
 */
import { escapeHtml } from '@yishi/core';
import { findMeetingCompound, listVoteIdsOfMeeting } from '../db/repositories/anchors.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import { publishedHeadsOf } from './anchors.service.js';
import { qrSvg } from './board.service.js';

const STYLE = {
  block:
    'margin-top:6mm;border-top:0.4pt solid #999;padding-top:2mm;display:flex;gap:4mm;align-items:flex-start;break-inside:avoid;page-break-inside:avoid;font-size:9pt;line-height:1.45;text-indent:0',
  qr: 'flex:none;width:24mm;height:24mm',
  hash: 'font-family:monospace;font-size:8pt;overflow-wrap:anywhere',
};

/**
 * The block, or '' when nothing has been published for the compound yet. `votes`: only these votes' ballot logs
 * (a meeting's minutes name its own votes, not the compound's latest); otherwise the `maxVotes` latest.
 */
export async function anchorsPrintHtml(db: Db, compoundId: string, publicUrl: string, maxVotes = 3, votes?: ReadonlySet<string>): Promise<string> {
  const { latest } = await publishedHeadsOf(db, compoundId);
  const logs = latest.filter((h) => h.chain === 'ballot_log' && (votes === undefined || votes.has(h.scopeId)));
  const shown = [...latest.filter((h) => h.chain === 'ledger'), ...logs.slice(0, maxVotes)];
  if (shown.length === 0) return '';
  const url = `${publicUrl.replace(/\/$/, '')}/board/${encodeURIComponent(compoundId)}#anchors`;
  const svg = (await qrSvg(url)).replace('<svg ', `<svg style="${STYLE.qr}" role="img" aria-label="存证二维码" `);
  const lines = shown.map((h) => {
    const what = h.chain === 'ledger' ? '整改销号台账' : `投票日志“${escapeHtml(h.label)}”`;
    return `<li>${what}：${h.seq} 条记录，${escapeHtml(h.publishedOn)} 公布<br><span style="${STYLE.hash}">${escapeHtml(h.hash)}</span></li>`;
  });
  return `<section class="anchors" style="${STYLE.block}">${svg}<div><strong>存证：记录指纹</strong>：下列记录的条数和指纹已在公示栏公布，扫码可查看和下载；以后哪怕改动或删掉一条之前的记录，指纹就对不上，一查便知。
<ul style="margin:1mm 0 0;padding-left:1.2em">${lines.join('')}</ul></div></section>`;
}

/**
 * The same for a meeting's minutes: the compound's sign-off ledger, where the meeting's action items are closed,
 * and the ballot logs of the votes the meeting raised only (an evening talk, which raises none, prints the ledger's).
 */
export async function meetingAnchorsPrintHtml(db: Db, meetingId: string, publicUrl: string): Promise<string> {
  const meeting = await findMeetingCompound(db, meetingId);
  if (!meeting) return '';
  const votes = new Set(await listVoteIdsOfMeeting(db, meetingId));
  return anchorsPrintHtml(db, meeting.compound_id, publicUrl, votes.size, votes);
}
