/**
 * A vote's evidence bundle: the complete record of one vote, section by section, each section a few
 * files. A secret vote's ballots are listed by receipt code only (never beside the unit that cast
 * them), as everywhere else; an open (named) vote's ballots name their unit.
 */
import { formatAreaCenti, formatChinaDateTime, headKeyOf, toCsv, verifyBallotLog, type Locale } from '@yishi/core';
import { listBallotHistoryOfVote, listBallotsOfVote, listNoticesOfVote } from '../../db/repositories/evidence.repository.js';
import type { VoteRow } from '../../db/tables/votes.table.js';
import type { Deps } from '../../deps.js';
import { readBallotLog } from '../ballot-log.service.js';
import { sha256Hex } from '../ledger.service.js';
import { chunkPages, letOthersRun } from '../export-pages.js';
import { timelineInput } from '../vote-timeline.service.js';
import { electorateEntries, loadVoteSettled, optionsOf, ruleWords, tallyFromDb } from '../votes.service.js';
import { jsonFile, packBundle, textFile, type EvidenceFile } from './bundle.js';
import { disputes, openBallot, paperEntries, proxies, publishedHeads, rollObjections } from './vote-evidence-parts.js';
import { readWholeRoll } from '../whole-roll.js';

export interface VoteEvidenceContext {
  deps: Deps;
  vote: VoteRow;
  locale: Locale;
}

/** One part of the record; later features add theirs to VOTE_SECTIONS. */
export type VoteEvidenceSection = (ctx: VoteEvidenceContext) => Promise<EvidenceFile[]>;

const CHANNEL_WORDS: Record<string, string> = { online: '网上投票', paper: '纸质选票', proxy: '委托投票' };

const voteRecord: VoteEvidenceSection = async ({ vote }) => [
  jsonFile(
    '00-vote.json',
    {
      id: vote.id,
      compoundId: vote.compound_id,
      buildingId: vote.building_id,
      title: vote.title,
      description: vote.description,
      kind: vote.kind,
      electorateKind: vote.electorate_kind,
      options: optionsOf(vote),
      seats: vote.max_choices,
      rule: JSON.parse(vote.rule_json) as unknown,
      ruleText: ruleWords(vote),
      secret: vote.secret === 1,
      ...timelineInput(vote),
      createdAt: vote.created_at,
    },
    '表决事项、规则、选项及各阶段时间',
  ),
];

const notices: VoteEvidenceSection = async ({ deps, vote }) => {
  const rows = await listNoticesOfVote(deps.db, vote.id);
  const list = rows.map((n) => ({
    kind: n.kind,
    title: JSON.parse(n.title_json) as Record<Locale, string>,
    body: JSON.parse(n.body_json) as Record<Locale, string>,
    reason: n.reason,
    publishedAt: n.published_at,
  }));
  const text = list
    .map(
      (n, i) =>
        `${i + 1}. 【${n.title['zh-CN']}】 发布时间：${formatChinaDateTime(n.publishedAt)}\n${n.body['zh-CN']}${n.reason ? `\n理由：${n.reason}` : ''}\n`,
    )
    .join('\n');
  return [
    jsonFile('01-notices/notices.json', list, '各阶段公告及其发布时间（JSON）'),
    textFile('01-notices/notices.txt', text || '（无公告）\n', '各阶段公告全文及发布时间'),
  ];
};

const roll: VoteEvidenceSection = async ({ deps, vote }) => {
  const rows = await readWholeRoll(deps.db, vote.id);
  const groups = new Map<string, number>();
  const groupOf = (key: string) => {
    if (!groups.has(key)) groups.set(key, groups.size + 1);
    return groups.get(key)!;
  };
  // Formatted a page at a time, other requests running between (a roll of 10,000 units took 120 ms at once).
  const table: string[][] = [];
  for await (const page of chunkPages(rows))
    for (const [i, entry] of electorateEntries(page).entries()) {
      const r = page[i]!;
      const head = headKeyOf(entry, vote.electorate_kind);
      table.push([r.label, formatAreaCenti(r.area_centi), r.developer_held ? '是' : '否', head === 'developer' ? '开发商（合计1人）' : `第${groupOf(head)}人`]);
    }
  await letOthersRun();
  return [textFile('02-roll/roll.csv', toCsv([['房屋', '专有面积（平方米）', '开发商未售', '计入人数'], ...table]), '冻结的表决名册：面积与人数计算方式')];
};

const ballots: VoteEvidenceSection = async ({ deps, vote }) => {
  const rows = await listBallotsOfVote(deps.db, vote.id);
  const labels = new Map(optionsOf(vote).map((o) => [o.id, o.label]));
  const secret = vote.secret === 1;
  const byChannel = new Map<string, string[][]>();
  for (const b of rows) {
    const channel = b.proxy_id ? 'proxy' : b.channel;
    const choices = (JSON.parse(b.choices_json) as string[]).map((c) => labels.get(c) ?? c).join('、');
    const row = [b.receipt_code, ...(secret ? [] : [b.label ?? '']), choices, formatChinaDateTime(b.cast_at), String(b.log_position ?? ''), b.slip_number];
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), row]);
  }
  const header = ['回执码', ...(secret ? [] : ['房屋']), '选择', '投票时间', '日志序号', '纸质选票编号'];
  const files: EvidenceFile[] = [];
  for (const [channel, list] of byChannel)
    files.push(
      textFile(
        `03-ballots/ballots-${channel}.csv`,
        toCsv([header, ...list]),
        `有效选票：${CHANNEL_WORDS[channel] ?? channel}${secret ? '（无记名：不列房屋）' : ''}`,
      ),
    );
  const history = await listBallotHistoryOfVote(deps.db, vote.id);
  files.push(
    textFile(
      '03-ballots/replaced.csv',
      toCsv([
        ['被替换的回执码', '选择', '投票时间', '被替换时间'],
        ...history.map((h) => [
          h.receipt_code,
          (JSON.parse(h.choices_json) as string[]).map((c) => labels.get(c) ?? c).join('、'),
          formatChinaDateTime(h.cast_at),
          formatChinaDateTime(h.replaced_at),
        ]),
      ]),
      '被本人重新投票替换的选票（截止前以最后一次为准）',
    ),
  );
  return files;
};

const tally: VoteEvidenceSection = async ({ deps, vote }) => {
  if (vote.status !== 'closed' || !vote.result_json) return [textFile('04-tally/README.txt', '表决尚未结束，没有统计结果。\n', '统计结果说明')];
  const frozen = JSON.parse(vote.result_json) as unknown;
  const recomputed = await tallyFromDb(deps.db, vote);
  const matches = JSON.stringify(recomputed) === vote.result_json;
  return [
    jsonFile('04-tally/result.json', frozen, vote.finalised_at || vote.statutory === 0 ? '表决结果（结束时冻结）' : '初步统计结果（结束时冻结）'),
    jsonFile(
      '04-tally/recount.json',
      { recomputedAt: deps.clock().toISOString(), matchesFrozenResult: matches, result: recomputed },
      '导出时按名册与有效选票重新计票的结果及是否一致',
    ),
  ];
};

const proofs: VoteEvidenceSection = async ({ deps, vote }) => {
  const log = await readBallotLog(deps.db, vote.id);
  const verification = verifyBallotLog(log, sha256Hex);
  return [
    jsonFile('06-proofs/ballot-log.json', log, '投票日志：每张选票按接收顺序的哈希链（不含投票人）'),
    jsonFile('06-proofs/ballot-log-verification.json', verification, '投票日志哈希链校验结果（重新计算）'),
  ];
};

/** The sections in the order the bundle lists them. */
export const VOTE_SECTIONS: VoteEvidenceSection[] = [
  voteRecord,
  notices,
  roll,
  rollObjections,
  ballots,
  proxies,
  paperEntries,
  tally,
  disputes,
  openBallot,
  proofs,
  publishedHeads,
];

export async function voteEvidenceBundle(deps: Deps, voteId: string, locale: Locale): Promise<{ title: string; zip: Uint8Array<ArrayBuffer> }> {
  const vote = await loadVoteSettled(deps, voteId);
  const ctx = { deps, vote, locale };
  const files: EvidenceFile[] = [];
  for (const section of VOTE_SECTIONS) {
    files.push(...(await section(ctx)));
    // Each section reads and writes up to the whole roll: other requests run between them.
    await letOthersRun();
  }
  const result = vote.result_json ? (JSON.parse(vote.result_json) as { summary: Record<Locale, string> }) : null;
  const facts: Array<[string, string]> = [
    ['表决事项', vote.title],
    ['表决规则', ruleWords(vote)['zh-CN']],
    ['投票方式', vote.secret ? '无记名投票' : '记名投票'],
    ['投票时间', `${vote.opened_at ? formatChinaDateTime(vote.opened_at) : '未开始'} 至 ${formatChinaDateTime(vote.closed_at ?? vote.closes_at)}`],
    ['结果', result ? `${result.summary['zh-CN']}${vote.statutory && !vote.finalised_at ? '（初步统计结果）' : ''}` : '尚未结束'],
  ];
  const zip = await packBundle({ subject: { kind: 'vote', id: vote.id, title: vote.title }, facts, files, generatedAt: deps.clock().toISOString() });
  return { title: vote.title, zip };
}
