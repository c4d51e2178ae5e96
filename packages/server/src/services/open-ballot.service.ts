/**
 * The verifiable open ballot: after closing, a vote publishes the roll of who took part and its
 * counted ballots with the whole ballot log (core/votes/open-ballot.schema.ts, where the secrecy
 * decisions are argued), so that `yishi recount` recomputes the result from these files alone.
 * Nothing is published before closing.
 */
import {
  DomainError,
  GENESIS_HASH,
  OPEN_BALLOT_BALLOTS_FORMAT,
  OPEN_BALLOT_ROLL_FORMAT,
  formatAreaCenti,
  headKeyOf,
  secretTotalsWithheld,
  toCsv,
  withheldChoicesWords,
  type BallotChannel,
  type Locale,
  type OpenBallotBallots,
  type OpenBallotHeader,
  type OpenBallotRoll,
} from '@yishi/core';
import { findBallotLogHead } from '../db/repositories/ballot-log.repository.js';
import { listCountedBallots } from '../db/repositories/open-ballot.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { readBallotLog } from './ballot-log.service.js';
import { resultOf } from './vote-views.service.js';
import { choicesOf, electorateEntries, loadVoteSettled, localisedOptions, ruleOf, ruleWords, voterKeyOf } from './votes.service.js';
import { readWholeRoll } from './whole-roll.js';

/** The vote, closed; anything earlier is refused in words (results are published at closing). */
async function closedVote(deps: Deps, voteId: string): Promise<VoteRow> {
  const vote = await loadVoteSettled(deps, voteId);
  if (vote.status === 'draft') throw new DomainError('vote_not_found');
  if (vote.status !== 'closed' || !vote.closed_at) throw new DomainError('vote_results_hidden');
  return vote;
}

interface Material {
  vote: VoteRow;
  header: OpenBallotHeader;
  roll: Array<OpenBallotRoll['roll'][number] & { voterKey: string }>;
  ballots: Awaited<ReturnType<typeof listCountedBallots>>;
  groupOf: Map<string, number>;
  areaOf: Map<string, number>;
}

const toldChannel = (b: { channel: string; proxy_id: string | null }): BallotChannel => (b.proxy_id ? 'proxy' : (b.channel as BallotChannel));

async function material(deps: Deps, voteId: string, locale: Locale): Promise<Material> {
  const vote = await closedVote(deps, voteId);
  const electorate = await readWholeRoll(deps.db, voteId);
  const entries = electorateEntries(electorate);
  const ballots = await listCountedBallots(deps.db, voteId);
  const byVoter = new Map(ballots.map((b) => [voterKeyOf(b), b]));
  // Head groups numbered in roll order: the same buyer's units share one, the developer's too.
  const groups = new Map<string, number>();
  const groupOf = new Map<string, number>();
  const areaOf = new Map<string, number>();
  entries.forEach((e) => {
    const key = headKeyOf(e, vote.electorate_kind);
    if (!groups.has(key)) groups.set(key, groups.size + 1);
    groupOf.set(e.voterKey, groups.get(key)!);
    areaOf.set(e.voterKey, e.areaCenti);
  });
  const secret = vote.secret === 1;
  const roll = electorate.map((e, i) => {
    const ballot = byVoter.get(e.voter_key);
    return {
      voterKey: e.voter_key,
      // A residents' poll is one ballot per person: persons are not named, only numbered.
      unit: vote.electorate_kind === 'residents' ? `#${i + 1}` : e.label,
      areaCenti: e.area_centi,
      headGroup: groupOf.get(e.voter_key)!,
      developerHeld: e.developer_held === 1,
      tookPart: !!ballot,
      channel: ballot && !secret ? toldChannel(ballot) : null,
    };
  });
  const result = resultOf(vote, locale);
  if (!result) throw new DomainError('vote_results_hidden');
  const header: OpenBallotHeader = {
    voteId: vote.id,
    title: vote.title,
    kind: vote.kind,
    electorateKind: vote.electorate_kind,
    rule: ruleOf(vote),
    ruleText: ruleWords(vote),
    options: localisedOptions(vote, locale),
    seats: vote.max_choices,
    secret,
    closedAt: vote.closed_at!,
    electorate: { units: electorate.length, heads: groups.size, areaCenti: entries.reduce((s, e) => s + e.areaCenti, 0) },
    result,
  };
  return { vote, header, roll, ballots, groupOf, areaOf };
}

export async function openBallotRoll(deps: Deps, voteId: string, locale: Locale): Promise<OpenBallotRoll> {
  const { header, roll, ballots } = await material(deps, voteId, locale);
  const channels = { online: 0, paper: 0, proxy: 0 };
  for (const b of ballots) channels[toldChannel(b)] += 1;
  return {
    format: OPEN_BALLOT_ROLL_FORMAT,
    header,
    channelsPublished: !header.secret,
    channels,
    roll: roll.map(({ voterKey: _voterKey, ...entry }) => entry),
  };
}

export async function openBallotBallots(deps: Deps, voteId: string, locale: Locale): Promise<OpenBallotBallots> {
  const { header, ballots, groupOf, areaOf } = await material(deps, voteId, locale);
  const weights = !header.secret;
  const choicesShown = !secretTotalsWithheld(header.secret, header.result.participation.ballots);
  const log = await readBallotLog(deps.db, voteId);
  const head = await findBallotLogHead(deps.db, voteId);
  const withheld = !header.secret
    ? null
    : choicesShown
      ? {
          'zh-CN': '不记名表决：不公布每张选票的面积和人数分组、每户的投票方式，以免把选票对应到房屋。',
          en: 'Secret ballot: no per-ballot area or head group and no per-unit channel are published, so that no ballot can be linked to a unit.',
        }
      : withheldChoicesWords(header.result.participation.ballots);
  return {
    format: OPEN_BALLOT_BALLOTS_FORMAT,
    header,
    weightsPublished: weights,
    choicesPublished: choicesShown,
    withheld,
    ballots: ballots.map((b) => {
      const key = voterKeyOf(b);
      return {
        receiptCode: b.receipt_code,
        choices: choicesShown ? choicesOf(b) : [],
        areaCenti: weights ? (areaOf.get(key) ?? 0) : null,
        headGroup: weights ? (groupOf.get(key) ?? null) : null,
        logPosition: b.log_position === null ? null : Number(b.log_position),
      };
    }),
    log: log.map((e) => ({
      position: e.position,
      kind: e.kind,
      receiptCode: e.receiptCode,
      supersedes: e.supersedes,
      choices: choicesShown ? [...e.choices] : null,
      channel: e.channel,
      recordedAt: e.recordedAt,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    logHead: head ? { position: Number(head.last_position), hash: head.last_hash } : { position: 0, hash: GENESIS_HASH },
  };
}

/** The roll as CSV (Chinese column names, as the paper roll). */
export async function openBallotRollCsv(deps: Deps, voteId: string): Promise<string> {
  const { roll } = await openBallotRoll(deps, voteId, 'zh-CN');
  const words: Record<BallotChannel, string> = { online: '网上', paper: '纸质', proxy: '委托' };
  return toCsv([
    ['房屋', '计入面积（平方米）', '人数分组', '开发商持有', '是否参与', '方式'],
    ...roll.map((r) => [
      r.unit,
      formatAreaCenti(r.areaCenti),
      String(r.headGroup),
      r.developerHeld ? '是' : '否',
      r.tookPart ? '是' : '否',
      r.channel ? words[r.channel] : '',
    ]),
  ]);
}

/** The counted ballots as CSV. */
export async function openBallotBallotsCsv(deps: Deps, voteId: string): Promise<string> {
  const files = await openBallotBallots(deps, voteId, 'zh-CN');
  const labels = new Map(files.header.options.map((o) => [o.id, o.label]));
  return toCsv([
    ['回执码', '选择', '计入面积（平方米）', '人数分组', '日志位置'],
    ...files.ballots.map((b) => [
      b.receiptCode,
      b.choices.map((c) => labels.get(c) ?? c).join('、'),
      b.areaCenti === null ? '' : formatAreaCenti(b.areaCenti),
      b.headGroup === null ? '' : String(b.headGroup),
      b.logPosition === null ? '' : String(b.logPosition),
    ]),
  ]);
}
