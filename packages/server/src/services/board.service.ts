/**
 * The public notice board (公示栏) of a compound, as one summary and as a feed of notices: upcoming
 * meetings, published minutes (every version), open votes and vote results, and signed-off action items. Nothing
 * personal is ever in it: no asker, no voter, no phone. Links are absolute, on the configured public
 * URL (`publicUrlOf`, never the request's Host header, which the client chooses), so the feed, the QR
 * codes and the poster work wherever they are read.
 */
import {
  DomainError,
  MEETING_KIND_LABELS,
  describeRule,
  escapeHtml,
  formatChinaDateTime,
  responsibleUnitLabel,
  type BoardLinks,
  type BoardSummary,
  type Notice,
  type PublicCompound,
  type SatisfactionSummary,
  type Site,
  type TallyResult,
  type VoteRule,
} from '@yishi/core';
import QRCode from 'qrcode';
import { publicUrlOf } from '../config.js';
import { listLatestMeetingNotices, listLatestMinutesNotices, listLatestSignOffs, listLatestVoteNotices } from '../db/repositories/board.repository.js';
import { findCompoundWithPlaces, type Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import type { BoardFeed } from './board-feeds.js';
import { getSatisfactionSummary } from './dashboard.service.js';

/** The public address the web app prints and encodes (the same every link of the server names). */
export function getSite(deps: Deps): Site {
  return { publicUrl: publicUrlOf(deps.config) };
}

export function boardPaths(compoundId: string): BoardLinks {
  return {
    board: `/board/${compoundId}`,
    poster: `/board/${compoundId}/poster`,
    concern: `/compounds/${compoundId}/concerns`,
    atom: `/api/public/compounds/${compoundId}/feed.atom`,
    rss: `/api/public/compounds/${compoundId}/feed.rss`,
  };
}

async function findPublicCompound(db: Db, compoundId: string): Promise<PublicCompound> {
  const found = await findCompoundWithPlaces(db, compoundId);
  if (!found) throw new DomainError('compound_not_found');
  const { quorumRule: _, ...compound } = found;
  return compound;
}

/**
 * The `limit` newest notices of a compound, newest first. Only the newest `limit` of each kind can
 * be among them, so each kind is read newest first and only that many (with the columns a notice
 * says): a compound's hundreds of votes and meetings are not read to show five notices.
 */
export async function listNotices(db: Db, compoundId: string, limit = 50): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const m of await listLatestMeetingNotices(db, compoundId, limit)) {
    const cancelled = m.status === 'cancelled';
    notices.push({
      id: cancelled ? `meeting-cancelled-${m.id}` : `meeting-${m.id}`,
      kind: 'meeting',
      title: `${cancelled ? '会议取消' : '会议通知'}：${MEETING_KIND_LABELS[m.kind]['zh-CN']}·${m.title}`,
      summary: `${cancelled ? '原定' : ''}时间：${formatChinaDateTime(m.starts_at)}；地点：${m.place}`,
      path: `/board/${compoundId}#meetings`,
      date: m.date,
    });
  }
  for (const v of await listLatestMinutesNotices(db, compoundId, limit)) {
    notices.push({
      id: `minutes-${v.id}`,
      kind: 'minutes',
      title: v.version === 1 ? `纪要公示：${v.title}` : `纪要更正（第 ${v.version} 版）：${v.title}`,
      summary: v.reason ? `更正原因：${v.reason}` : '会议纪要已审核公示，欢迎查阅监督。',
      path: `/minutes/${v.meeting_id}?version=${v.version}`,
      date: v.published_at,
    });
  }
  for (const v of await listLatestVoteNotices(db, compoundId, limit)) {
    // An open vote is announced (投票公告) with its rule and closing time; a closed one with its result.
    if (v.status === 'open') {
      notices.push({
        id: `vote-open-${v.id}`,
        kind: 'vote',
        title: `表决公告：${v.title}`,
        summary: `投票截止：${formatChinaDateTime(v.closes_at)}。${describeRule(JSON.parse(v.rule_json) as VoteRule, 'zh-CN')}`,
        path: `/board/${compoundId}#votes`,
        date: v.date,
      });
      continue;
    }
    const result = v.result_json ? (JSON.parse(v.result_json) as TallyResult) : null;
    notices.push({
      id: `vote-${v.id}`,
      kind: 'vote',
      title: `表决结果：${v.title}`,
      summary: result?.summary['zh-CN'] ?? '',
      path: `/board/${compoundId}#votes`,
      date: v.date,
    });
  }
  // Only the newest few of the sign-offs can be among the `limit` newest notices.
  for (const item of await listLatestSignOffs(db, compoundId, limit)) {
    notices.push({
      id: `sign-off-${item.id}`,
      kind: 'sign_off',
      title: `销号：${item.sign_off_number ?? ''} ${item.title}`,
      summary: `责任单位：${responsibleUnitLabel(item.responsible_unit, 'zh-CN')}，已办结销号。`,
      path: `/board/${compoundId}#action-items`,
      date: item.signed_off_at ?? '',
    });
  }
  return notices
    .filter((n) => n.date !== '')
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, limit);
}

export async function getBoardSummary(deps: Deps, compoundId: string): Promise<BoardSummary> {
  const compound = await findPublicCompound(deps.db, compoundId);
  const notices = await listNotices(deps.db, compoundId, 5);
  return { compound, links: boardPaths(compoundId), latestNotices: notices, satisfaction: await getSatisfactionSummary(deps, compoundId) };
}

/** The satisfaction summary of a compound, for the public (404 for a compound that does not exist). */
export async function getPublicSatisfaction(deps: Deps, compoundId: string): Promise<SatisfactionSummary> {
  await findPublicCompound(deps.db, compoundId);
  return getSatisfactionSummary(deps, compoundId);
}

/** A compound's QR code for its poster: the online board, or the form to raise a concern. */
export async function compoundQrSvg(deps: Deps, compoundId: string, target: 'board' | 'concern' | 'anchors'): Promise<string> {
  await findPublicCompound(deps.db, compoundId);
  const paths = boardPaths(compoundId);
  const path = target === 'concern' ? paths.concern : target === 'anchors' ? `${paths.board}#anchors` : paths.board;
  // The 存证 code is shown on the board itself (an <img>, which needs a size of its own); the poster's are drawn to fit the page.
  return qrSvg(`${publicUrlOf(deps.config)}${path}`, target === 'anchors' ? 192 : undefined);
}

/** What the Atom and RSS feeds of a compound's board are made of (board-feeds.ts writes them). */
export async function buildFeed(deps: Deps, compoundId: string): Promise<BoardFeed> {
  const compound = await findPublicCompound(deps.db, compoundId);
  return { compound, notices: await listNotices(deps.db, compoundId), base: publicUrlOf(deps.config), paths: boardPaths(compoundId) };
}

/**
 * A QR code (SVG) that opens a path of the web app; the error correction survives a worn printout.
 * `width` (pixels) gives the image its own size, for an <img> that has none from its page.
 */
export function qrSvg(url: string, width?: number): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' }, ...(width ? { width } : {}) });
}

/** The A4 poster for the service station's physical board: two QR codes, big type, no script. */
export async function renderPosterHtml(deps: Deps, compoundId: string): Promise<string> {
  const origin = publicUrlOf(deps.config);
  const compound = await findPublicCompound(deps.db, compoundId);
  const paths = boardPaths(compoundId);
  const boardQr = await qrSvg(`${origin}${paths.board}`);
  const concernQr = await qrSvg(`${origin}${paths.concern}`);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(compound.name)}公示栏二维码</title>
<style>
@page { size: A4; margin: 15mm; }
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; text-align: center; line-break: strict; }
main { max-width: 180mm; margin: 0 auto; padding: 6mm 0; }
h1 { font-size: 30pt; margin: 0 0 2mm; letter-spacing: 0.1em; }
.sub { font-size: 14pt; margin: 0 0 8mm; }
.codes { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; }
.code { border: 1.2pt solid #111; border-radius: 4mm; padding: 6mm; }
.code svg { width: 62mm; height: 62mm; }
h2 { font-size: 20pt; margin: 3mm 0 2mm; }
.code p { font-size: 12pt; margin: 0; line-height: 1.6; text-wrap: balance; }
.url { font-size: 9pt; word-break: break-all; color: #333; margin-top: 2mm !important; }
footer { margin-top: 10mm; font-size: 12pt; }
@media screen and (max-width: 600px) { .codes { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<main>
<h1>${e(compound.name)}公示栏</h1>
<p class="sub">会议通知 · 会议纪要 · 表决结果 · 整改进度 · 群众满意度</p>
<div class="codes">
<section class="code"><div role="img" aria-label="公示栏二维码">${boardQr}</div><h2>扫码查看公示栏</h2><p>无需登录，随时查看</p><p class="url">${e(origin + paths.board)}</p></section>
<section class="code"><div role="img" aria-label="反映问题二维码">${concernQr}</div><h2>扫码反映问题</h2><p>码上反映诉求、夜谈问题，办理进度可查</p><p class="url">${e(origin + paths.concern)}</p></section>
</div>
<footer>${e(compound.subdistrictName)} · ${e(compound.communityName)} · ${e(compound.address ?? '')}</footer>
</main>
</body>
</html>`;
}
